#!/usr/bin/env bash
# Lets a benchmark's MariaDB finish the background work that earlier writes
# left: flushes every dirty page of the buffer pool and waits for InnoDB's
# purge, then puts the flushing settings back. Run between scenarios
# (partnerhub-bench --settle_command) so that each scenario is measured from
# the same quiet state and none pays for what the one before it wrote.
#
#   tools/bench/settle_mariadb.sh SOCKET [TIMEOUT_SECONDS]
#
# Connects as root over SOCKET (the benchmark's private server).
set -euo pipefail

socket="${1:?usage: settle_mariadb.sh SOCKET [TIMEOUT_SECONDS]}"
timeout="${2:-300}"
sql() { mariadb --no-defaults --socket="${socket}" -uroot --batch --skip-column-names "$@"; }
status() { sql -e "SHOW GLOBAL STATUS LIKE '$1'" | cut -f2; }

read -r pct io io_max < <(sql -e "SELECT @@innodb_max_dirty_pages_pct, @@innodb_io_capacity,
                                         @@innodb_io_capacity_max")
restore() {
  sql -e "SET GLOBAL innodb_max_dirty_pages_pct = ${pct}; SET GLOBAL innodb_io_capacity = ${io};
          SET GLOBAL innodb_io_capacity_max = ${io_max}"
}
trap restore EXIT
sql -e "SET GLOBAL innodb_io_capacity_max = 40000; SET GLOBAL innodb_io_capacity = 20000;
        SET GLOBAL innodb_max_dirty_pages_pct = 0"
start=${SECONDS}
while :; do
  dirty="$(status Innodb_buffer_pool_pages_dirty)"
  history="$(status Innodb_history_list_length)"
  ((dirty < 1000 && history < 10000)) && break
  if ((SECONDS - start > timeout)); then
    echo "settle: still ${dirty} dirty pages and ${history} undo logs after ${timeout} s" >&2
    exit 1
  fi
  sleep 1
done
echo "settle: flushed and purged in $((SECONDS - start)) s"
