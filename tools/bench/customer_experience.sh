#!/usr/bin/env bash
# Benchmarks customer-experience on this machine, in one command:
#   1. builds customer-experience and partnerhub-bench (-j2),
#   2. starts a private MariaDB for the benchmark (.local/bench-customer-experience,
#      127.0.0.1:3317; its own, so that a 10M-row data set and a large buffer
#      pool do not land in the shared deploy/local database),
#   3. generates the data set with SQL, unless it is there already:
#      1,000,000 customers and 10,000,000 touchpoints (INSERT ... SELECT from
#      MariaDB's seq_1_to_N tables) and their funnel rows, overall and per
#      partner, kept aside (about 10 minutes); then, every run, removes what
#      earlier runs ingested, puts the funnel rows back as generated, and
#      warms the buffer pool (one scan of every index),
#   4. starts customer-experience on 127.0.0.1:50063 against it,
#   5. segment size: EstimateSegmentSize of a behavioural segment over that
#      data next to its COUNT query run directly (target: under 2 s),
#   6. ingestion, sustained for --duration (default 60s) each: the
#      BatchRecordTouchpoints RPC with 1000 events per call, next to the same
#      transaction and the bare multi-row INSERTs run directly (targets:
#      >= 20,000 events/s; >= 0.5 of sql:InsertTouchpoints); before each
#      scenario MariaDB flushes its dirty pages and purges
#      (settle_customer_experience.sh, settle_mariadb.sh),
#      so that none is measured while the server still writes out what the
#      one before it changed. The funnel projector runs in the service
#      throughout: before each scenario the settling reports how far it
#      trailed the one before and how fast it caught up,
#   7. ingestion offered at a fixed rate (PARTNERHUB_BENCH_CX_RATE calls/s,
#      default 20: 20,000 events/s) for a minute, then how far the funnel
#      projector trails it,
#   8. checks stored rows == acknowledged events for every ingestion scenario,
#      then removes what the runs ingested,
#   9. stops the service and the database (--keep-running leaves them up).
#
#   tools/bench/customer_experience.sh [--no-build] [--regenerate] [--keep-running]
#                                      [partnerhub-bench flags, e.g. --duration=20s]
#
# Environment: PARTNERHUB_BUILD_DIR (default build), PARTNERHUB_BENCH_CX_DB_PORT
# (3317), PARTNERHUB_BENCH_CX_PORT (50063), PARTNERHUB_BENCH_CX_CUSTOMERS
# (1000000), PARTNERHUB_BENCH_CX_TOUCHPOINTS (10000000), PARTNERHUB_BENCH_CX_BATCH
# (1000), PARTNERHUB_BENCH_CX_BUFFER_POOL (8G), PARTNERHUB_BENCH_CX_CONCURRENCY (4),
# PARTNERHUB_BENCH_CX_RATE (20).
set -euo pipefail

self="$(realpath "${BASH_SOURCE[0]}")"
# --help: the comment block above (up to the first line that is not a
# comment), without the '# '.
usage() { awk 'NR > 1 && /^#/ {sub(/^# ?/, ""); print; next} NR > 1 {exit}' "${self}"; }
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "${repo_root}"

build=1
regenerate=0
keep_running=0
bench_args=()
for arg in "$@"; do
  case "${arg}" in
    --no-build) build=0 ;;
    --regenerate) regenerate=1 ;;
    --keep-running) keep_running=1 ;;
    -h | --help)
      usage
      exit 0
      ;;
    *) bench_args+=("${arg}") ;;
  esac
done

build_dir="${PARTNERHUB_BUILD_DIR:-build}"
db_port="${PARTNERHUB_BENCH_CX_DB_PORT:-3317}"
port="${PARTNERHUB_BENCH_CX_PORT:-50063}"
customers="${PARTNERHUB_BENCH_CX_CUSTOMERS:-1000000}"
touchpoints="${PARTNERHUB_BENCH_CX_TOUCHPOINTS:-10000000}"
batch="${PARTNERHUB_BENCH_CX_BATCH:-1000}"
buffer_pool="${PARTNERHUB_BENCH_CX_BUFFER_POOL:-8G}"
concurrency="${PARTNERHUB_BENCH_CX_CONCURRENCY:-4}"
rate="${PARTNERHUB_BENCH_CX_RATE:-20}"
export PARTNERHUB_BENCH_CX_CUSTOMERS="${customers}" PARTNERHUB_BENCH_CX_BATCH="${batch}"

dir="${repo_root}/.local/bench-customer-experience"
data_dir="${dir}/data"
socket="${dir}/mysqld.sock"
db_pid_file="${dir}/mariadb.pid"
db_log="${dir}/mariadb.log"
service_log="${dir}/customer-experience.log"
bench_log="${dir}/bench.log"
binary="${build_dir}/services/customer_experience/customer-experience"
bench="${build_dir}/tools/bench/partnerhub-bench"
schema=customer_experience

say() { echo "bench: $*"; }
die() {
  echo "bench: ERROR: $*" >&2
  exit 1
}
find_program() {
  command -v "$1" 2>/dev/null && return 0
  local d
  for d in /usr/sbin /usr/local/sbin /sbin; do
    [[ -x "${d}/$1" ]] && echo "${d}/$1" && return 0
  done
  return 1
}
sql() { mariadb --no-defaults --socket="${socket}" -uroot --batch --skip-column-names "$@"; }
seconds_since() { awk -v s="$1" -v e="$(date +%s.%N)" 'BEGIN {printf "%.1f", e - s}'; }

if [[ "${build}" -eq 1 ]]; then
  say "building customer-experience and partnerhub-bench in ${build_dir}"
  cmake -S . -B "${build_dir}" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPARTNERHUB_SKIP_TOOLS=OFF >/dev/null
  cmake --build "${build_dir}" -j2 --target customer-experience partnerhub-bench >/dev/null
fi
[[ -x "${binary}" && -x "${bench}" ]] || die "${binary} or ${bench} is not built"

# --- the benchmark's own MariaDB -------------------------------------------
mkdir -p "${dir}"
service_pid=""
db_started=0
cleanup() {
  if [[ -n "${service_pid}" ]] && kill -0 "${service_pid}" 2>/dev/null; then
    kill "${service_pid}" 2>/dev/null || true
    wait "${service_pid}" 2>/dev/null || true
  fi
  if [[ "${keep_running}" -eq 0 && -s "${db_pid_file}" ]]; then
    local pid
    pid="$(cat "${db_pid_file}")"
    if kill -0 "${pid}" 2>/dev/null; then
      kill "${pid}" 2>/dev/null || true
      local deadline=$((SECONDS + 60))
      while kill -0 "${pid}" 2>/dev/null; do
        if ((SECONDS >= deadline)); then
          echo "bench: MariaDB (pid ${pid}) still runs 60 s after SIGTERM; left running" >&2
          break
        fi
        sleep 0.2
      done
    fi
  fi
}
trap cleanup EXIT

if [[ -s "${db_pid_file}" ]] && kill -0 "$(cat "${db_pid_file}")" 2>/dev/null; then
  say "MariaDB already running (pid $(cat "${db_pid_file}"))"
else
  mariadbd="$(find_program mariadbd)" || die "mariadbd not found"
  user_args=()
  [[ "$(id -u)" -eq 0 ]] && user_args=(--user=root)
  if [[ ! -d "${data_dir}/mysql" ]]; then
    say "initialising ${data_dir}"
    mkdir -p "${data_dir}"
    "$(find_program mariadb-install-db)" --no-defaults --datadir="${data_dir}" \
      --auth-root-authentication-method=normal --skip-test-db --skip-name-resolve \
      "${user_args[@]}" >"${dir}/install.log" 2>&1 || die "mariadb-install-db failed (${dir}/install.log)"
  fi
  say "starting MariaDB on 127.0.0.1:${db_port} (buffer pool ${buffer_pool})"
  mkdir -p "${dir}/tmp"
  setsid "${mariadbd}" --no-defaults --datadir="${data_dir}" --port="${db_port}" \
    --bind-address=127.0.0.1 --socket="${socket}" --pid-file="${db_pid_file}" \
    --tmpdir="${dir}/tmp" \
    "${user_args[@]}" --skip-log-bin --skip-name-resolve \
    --innodb-buffer-pool-size="${buffer_pool}" --innodb-log-file-size=2G \
    --max-connections=500 --character-set-server=utf8mb4 \
    --collation-server=utf8mb4_general_ci --default-time-zone=+00:00 \
    >"${db_log}" 2>&1 </dev/null &
  db_started=1
  for _ in $(seq 1 60); do
    sql -e "SELECT 1" >/dev/null 2>&1 && break
    sleep 1
  done
  sql -e "SELECT 1" >/dev/null 2>&1 || die "MariaDB did not start (${db_log})"
fi

password_file="${dir}/password"
[[ -s "${password_file}" ]] || head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' >"${password_file}"
password="$(cat "${password_file}")"
db_flags=(--db_host=127.0.0.1 --db_port="${db_port}" --db_name="${schema}" --db_user="${schema}")
export PARTNERHUB_DB_PASSWORD="${password}"

have="$(sql -e "SELECT COUNT(*) FROM ${schema}.customers" 2>/dev/null || echo 0)"
have_tp="$(sql -e "SELECT COUNT(*) FROM ${schema}.touchpoints WHERE event_id LIKE 'gen-%'" 2>/dev/null || echo 0)"
if [[ "${regenerate}" -eq 1 || "${have}" != "${customers}" || "${have_tp}" != "${touchpoints}" ]]; then
  say "generating ${customers} customers and ${touchpoints} touchpoints with SQL"
  sql <<SQL
DROP DATABASE IF EXISTS ${schema};
CREATE DATABASE ${schema} CHARACTER SET utf8mb4;
CREATE OR REPLACE USER '${schema}'@'127.0.0.1' IDENTIFIED BY '${password}';
CREATE OR REPLACE USER '${schema}'@'localhost' IDENTIFIED BY '${password}';
GRANT ALL ON ${schema}.* TO '${schema}'@'127.0.0.1';
GRANT ALL ON ${schema}.* TO '${schema}'@'localhost';
SQL
  "${binary}" migrate "${db_flags[@]}" >"${dir}/migrate.log" 2>&1 || die "migrate failed (${dir}/migrate.log)"
  start="$(date +%s.%N)"
  # Keys 1..N in customer_id order (the bench relies on it).
  sql "${schema}" <<SQL
SET unique_checks = 0, foreign_key_checks = 0;
INSERT INTO customers (customer_id, birth_year, gender, region, sign_up_time, consent,
                       consent_change_time, create_time, update_time, version)
SELECT CONCAT('bench-', LPAD(seq, 7, '0')),
       IF(RAND() < 0.1, 0, 1950 + FLOOR(RAND() * 60)), FLOOR(RAND() * 4),
       ELT(1 + FLOOR(RAND() * 4), 'KR-11', 'KR-26', 'KR-41', 'KR-27'),
       NOW(6) - INTERVAL FLOOR(RAND() * 1000) DAY, IF(RAND() < 0.7, 1, 2),
       NOW(6), NOW(6), NOW(6), 1
FROM seq_1_to_${customers};
SQL
  say "customers: $(seconds_since "${start}") s"
  chunk=1000000
  for ((from = 1; from <= touchpoints; from += chunk)); do
    to=$((from + chunk - 1 < touchpoints ? from + chunk - 1 : touchpoints))
    sql "${schema}" <<SQL
SET unique_checks = 0;
INSERT INTO touchpoints (customer_key, event_id, type, occur_time, channel, partner_id,
                         campaign_id, record_time)
SELECT 1 + FLOOR(RAND() * ${customers}), CONCAT('gen-', seq), 1 + FLOOR(RAND() * 9),
       NOW(6) - INTERVAL FLOOR(RAND() * 7776000) SECOND, 1 + FLOOR(RAND() * 8),
       1 + FLOOR(RAND() * 50), IF(RAND() < 0.2, 1 + FLOOR(RAND() * 20), 0), NOW(6)
FROM seq_${from}_to_${to};
SQL
    say "touchpoints ${to}: $(seconds_since "${start}") s"
  done
  say "data set generated in $(seconds_since "${start}") s"
else
  say "data set present: ${have} customers, ${have_tp} generated touchpoints"
  "${binary}" migrate "${db_flags[@]}" >"${dir}/migrate.log" 2>&1 || die "migrate failed"
fi
# Every run starts from the generated data set: what earlier runs ingested
# (touchpoints after the generated ones, their events) goes, and the funnel
# rows go back to what the generated touchpoints make. (Runs send the same
# pseudo-random events each time, a little later: against the funnel rows
# an earlier run left, they would reach nothing new and write no funnel
# row at all.)
generated_max_id="$(sql -e "SELECT MAX(id) FROM ${schema}.touchpoints WHERE event_id LIKE 'gen-%'")"
columns="aware_time, interested_time, considering_time, purchased_time, repeat_time, advocate_time"
step=250000
restore() {
  local start
  start="$(date +%s.%N)"
  sql "${schema}" -e "DELETE FROM touchpoints WHERE id > ${generated_max_id}; TRUNCATE TABLE outbox_events;
                      UPDATE feed_consumers SET position = (SELECT head_position FROM event_feed);
                      TRUNCATE TABLE funnel_progress; TRUNCATE TABLE funnel_partner_progress"
  for ((from = 1; from <= customers; from += step)); do
    sql "${schema}" <<SQL
INSERT INTO funnel_progress (customer_key, ${columns})
SELECT customer_key, ${columns} FROM generated_funnel_progress
WHERE customer_key >= ${from} AND customer_key < $((from + step));
INSERT INTO funnel_partner_progress (customer_key, partner_id, ${columns})
SELECT customer_key, partner_id, ${columns} FROM generated_funnel_partner_progress
WHERE customer_key >= ${from} AND customer_key < $((from + step));
SQL
  done
  say "data set restored in $(seconds_since "${start}") s"
}
if [[ -z "$(sql "${schema}" -e "SHOW TABLES LIKE 'generated_funnel_partner_progress'")" ]]; then
  start="$(date +%s.%N)"
  sql "${schema}" -e "DELETE FROM touchpoints WHERE id > ${generated_max_id}"
  # Funnel rows as ingestion would have made them, overall and per partner
  # (earliest time per stage; REPEAT from REPEAT_PURCHASE only: the
  # generated data has no second PURCHASE worth telling apart), kept in
  # tables of their own.
  stages="MIN(IF(type = 1, occur_time, NULL)), MIN(IF(type IN (2, 3), occur_time, NULL)),
          MIN(IF(type IN (4, 5), occur_time, NULL)), MIN(IF(type = 6, occur_time, NULL)),
          MIN(IF(type = 7, occur_time, NULL)), MIN(IF(type IN (8, 9), occur_time, NULL))"
  sql "${schema}" -e "CREATE TABLE generated_funnel_progress LIKE funnel_progress;
                      CREATE TABLE generated_funnel_partner_progress LIKE funnel_partner_progress"
  for ((from = 1; from <= customers; from += step)); do
    to=$((from + step))
    sql "${schema}" <<SQL
INSERT INTO generated_funnel_progress (customer_key, ${columns})
SELECT customer_key, ${stages} FROM touchpoints
WHERE customer_key >= ${from} AND customer_key < ${to} GROUP BY customer_key;
INSERT INTO generated_funnel_partner_progress (customer_key, partner_id, ${columns})
SELECT customer_key, partner_id, ${stages} FROM touchpoints
WHERE customer_key >= ${from} AND customer_key < ${to} AND partner_id <> 0
GROUP BY customer_key, partner_id;
SQL
    say "funnel rows of customers < ${to}: $(seconds_since "${start}") s"
  done
  say "funnel rows: $(seconds_since "${start}") s"
fi
restore
sql "${schema}" -e "ANALYZE TABLE customers, touchpoints, funnel_progress, funnel_partner_progress" >/dev/null
# InnoDB purges the deleted rows in the background, with most of a core:
# wait for it, so that the runs have the machine to themselves.
start="$(date +%s.%N)"
deadline=$((SECONDS + 600))
until (($(sql -e "SHOW GLOBAL STATUS LIKE 'Innodb_history_list_length'" | cut -f2) < 10000)); do
  ((SECONDS < deadline)) || die "InnoDB still has 10,000 or more old row versions to purge after 600 s"
  sleep 1
done
say "old row versions purged in $(seconds_since "${start}") s"
sql "${schema}" -e "SELECT table_name, table_rows, ROUND((data_length + index_length) / 1e9, 2) AS gb
                    FROM information_schema.tables WHERE table_schema = '${schema}'
                    AND table_name IN ('customers', 'touchpoints', 'funnel_progress',
                                       'funnel_partner_progress')"

# A service that has been running has its tables in the buffer pool; one
# just restarted reads them from disk at random. Scan every index once so
# that the runs measure the former.
start="$(date +%s.%N)"
sql "${schema}" -e "SELECT table_name, index_name FROM information_schema.statistics
                    WHERE table_schema = '${schema}' AND seq_in_index = 1
                    AND table_name IN ('customers', 'touchpoints', 'funnel_progress',
                                       'funnel_partner_progress')" |
  while read -r table index; do
    sql "${schema}" -e "SELECT COUNT(*) FROM ${table} FORCE INDEX (\`${index}\`)" >/dev/null
  done
say "buffer pool warmed in $(seconds_since "${start}") s"

# --- the service -----------------------------------------------------------
say "starting customer-experience on 127.0.0.1:${port}"
"${binary}" serve --listen="127.0.0.1:${port}" "${db_flags[@]}" --log_requests=false \
  >"${service_log}" 2>&1 </dev/null &
service_pid=$!
deadline=$((SECONDS + 30))
until grep -q "serving on" "${service_log}"; do
  kill -0 "${service_pid}" 2>/dev/null || die "customer-experience exited ($(tail -3 "${service_log}"))"
  ((SECONDS < deadline)) || die "customer-experience did not log 'serving on' within 30 s (${service_log})"
  sleep 0.2
done
db_pid="$(cat "${db_pid_file}")"
watch="customer-experience=${service_pid},mariadb=${db_pid}"
common=(--target="127.0.0.1:${port}" --db_host=127.0.0.1 --db_port="${db_port}"
        --db_name="${schema}" --db_user="${schema}" --db_pool_size=16 --watch="${watch}")

echo
say "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
say "segment size estimate over ${customers} customers and ${touchpoints}+ touchpoints"
"${bench}" "${common[@]}" --scenarios=EstimateSegmentSize,sql:EstimateSegmentSize \
  --concurrency=1 --duration=20s --warmup=3s --rpc_deadline=30s 2>&1 | tee "${bench_log}.estimate"

echo
say "ingestion: ${batch} events per call, concurrency ${concurrency}"
"${bench}" "${common[@]}" \
  --scenarios=BatchRecordTouchpoints,sql:BatchRecordTouchpoints,sql:InsertTouchpoints \
  --concurrency="${concurrency}" --duration=60s --warmup=5s --rpc_deadline=60s \
  --settle_command="'${repo_root}/tools/bench/settle_customer_experience.sh' '${socket}' '${schema}'" \
  "${bench_args[@]}" 2>&1 | tee "${bench_log}"

echo
say "ingestion offered at ${rate} calls/s ($((rate * batch)) events/s), concurrency ${concurrency}:"
say "does the funnel projector keep up?"
"${bench}" "${common[@]}" --scenarios=BatchRecordTouchpoints --rate="${rate}" \
  --concurrency="${concurrency}" --duration=60s --warmup=5s --rpc_deadline=60s \
  --settle_command="'${repo_root}/tools/bench/settle_customer_experience.sh' '${socket}' '${schema}'" \
  "${bench_args[@]}" 2>&1 | tee "${bench_log}.paced"
say "right after the offered minute:"
"${repo_root}/tools/bench/settle_customer_experience.sh" "${socket}" "${schema}"

echo
say "events/s = req/s x ${batch}; stored rows against acknowledged events:"
cat "${bench_log}" "${bench_log}.paced" |
  grep -o 'scenario=[^ ]* event_id_prefix=[^ ]* acknowledged_events=[0-9]*' |
  while read -r scenario prefix acked; do
    prefix="${prefix#event_id_prefix=}"
    acked="${acked#acknowledged_events=}"
    stored="$(sql "${schema}" -e "SELECT COUNT(*) FROM touchpoints WHERE event_id LIKE '${prefix}%'")"
    verdict=$([[ "${stored}" == "${acked}" ]] && echo "equal" || echo "MISMATCH")
    say "  ${scenario#scenario=}: acknowledged ${acked}, stored ${stored}: ${verdict}"
  done
say "removing what the runs ingested"
restore
