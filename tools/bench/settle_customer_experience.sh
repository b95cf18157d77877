#!/usr/bin/env bash
# Settles customer-experience's benchmark database between scenarios: waits
# until the funnel projector (running in the service) has caught up with the
# feed, reporting the lag the scenario before left and how fast it drained,
# then lets MariaDB flush and purge (settle_mariadb.sh).
#
#   tools/bench/settle_customer_experience.sh SOCKET SCHEMA [TIMEOUT_SECONDS]
#
# The lag is in feed events (one TouchpointsRecorded per recorded batch):
# event_feed.head_position - the projector's feed_consumers position.
set -euo pipefail

socket="${1:?usage: settle_customer_experience.sh SOCKET SCHEMA [TIMEOUT_SECONDS]}"
schema="${2:?usage: settle_customer_experience.sh SOCKET SCHEMA [TIMEOUT_SECONDS]}"
timeout="${3:-600}"
sql() { mariadb --no-defaults --socket="${socket}" -uroot --batch --skip-column-names "${schema}" "$@"; }
lag() {
  sql -e "SELECT f.head_position - c.position FROM event_feed f, feed_consumers c
          WHERE c.consumer = 'customer-experience.funnel'"
}

start="$(date +%s.%N)"
left="$(lag)"
now_lag="${left}"
while ((now_lag > 0)); do
  if (($(awk -v s="${start}" -v e="$(date +%s.%N)" 'BEGIN {print int(e - s)}') > timeout)); then
    echo "settle: the funnel projector is still ${now_lag} events behind after ${timeout} s" >&2
    exit 1
  fi
  sleep 0.2
  now_lag="$(lag)"
done
awk -v s="${start}" -v e="$(date +%s.%N)" -v n="${left}" 'BEGIN {
  t = e - s
  printf "settle: the funnel projector was %d events behind; caught up in %.1f s", n, t
  if (n > 0 && t > 0) printf " (%.1f events/s)", n / t
  printf "\n"
}'
exec "$(dirname "${BASH_SOURCE[0]}")/settle_mariadb.sh" "${socket}" "${timeout}"
