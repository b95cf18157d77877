#!/usr/bin/env bash
# Benchmarks reporting on this machine, in one command (issue 5's targets):
#   1. builds the four services, partnerhub-bench and partnerhub-feed-backlog,
#   2. starts the local suite afresh (deploy/local/down.sh --purge: the local
#      data is DELETED; then deploy/local/up.sh, its MariaDB with a 12G
#      buffer pool) and stops reporting,
#   3. writes a backlog of about one million events into the three
#      producers' feeds (partnerhub-feed-backlog generate: customers,
#      partners, campaigns with snapshots, purchases, redemptions, funnel
#      reaches, page views), starts reporting and measures how fast it
#      catches up (target: at least 20,000 events/s),
#   4. stops reporting again, adds purchases (and their redemptions) up to
#      --purchases in all (default ten million), lets reporting catch up
#      (measured again),
#   5. runs the lift, purchase-pattern and scorecard queries with
#      partnerhub-bench at concurrency 4 and prints their p95 (target:
#      under 200 ms).
# The suite is left running; stop it with deploy/local/down.sh.
#
#   tools/bench/reporting.sh [--no-build] [--purchases=N] [--backlog=N]
set -euo pipefail

self="$(realpath "${BASH_SOURCE[0]}")"
# --help: the comment block above (up to the first line that is not a
# comment), without the '# '.
usage() { awk 'NR > 1 && /^#/ {sub(/^# ?/, ""); print; next} NR > 1 {exit}' "${self}"; }
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "${repo_root}"

build=1
purchases=10000000
first_purchases=450000  # with the customers and the journey: ~1M events
for arg in "$@"; do
  case "${arg}" in
    --no-build) build=0 ;;
    --purchases=*) purchases="${arg#--purchases=}" ;;
    --backlog=*) first_purchases="${arg#--backlog=}" ;;
    -h | --help)
      usage
      exit 0
      ;;
    *)
      echo "reporting.sh: unknown argument ${arg}" >&2
      echo >&2
      usage >&2
      exit 2
      ;;
  esac
done

say() { echo "bench: $*"; }
bench=build/tools/bench/partnerhub-bench
backlog=build/tools/bench/partnerhub-feed-backlog
port="${PARTNERHUB_LOCAL_PORT_REPORTING:-50054}"

if ((build)); then
  ./tools/build.sh --target partner-registry campaign customer-experience \
    reporting partnerhub-bench partnerhub-feed-backlog
fi

deploy/local/down.sh --purge
# Ten million purchases make some 20 GB of tables: a buffer pool they fit
# in, as a production database would have (the local default is 256M).
export PARTNERHUB_LOCAL_DB_BUFFER_POOL="${PARTNERHUB_LOCAL_DB_BUFFER_POOL:-12G}"
export PARTNERHUB_LOCAL_DB_LOG_FILE_SIZE="${PARTNERHUB_LOCAL_DB_LOG_FILE_SIZE:-2G}"
# Catch-up applies up to 5000 events per transaction (the service's default
# is 2000, which keeps a live feed's transactions short).
export PARTNERHUB_FEED_BATCH="${PARTNERHUB_FEED_BATCH:-5000}"
deploy/local/up.sh --no-build
for schema in partner_registry campaign customer_experience; do
  export "PARTNERHUB_${schema^^}_PASSWORD=$(cat ".local/secrets/${schema}.password")"
done
export PARTNERHUB_DB_PORT="${PARTNERHUB_LOCAL_DB_PORT:-3307}"

stop_reporting() {
  local pid deadline
  pid="$(tr -dc '0-9' <.local/run/reporting.0.pid)"
  kill -TERM "${pid}"
  deadline=$((SECONDS + 60))
  while kill -0 "${pid}" 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      echo "reporting.sh: reporting (pid ${pid}) still runs 60 s after SIGTERM" >&2
      exit 1
    fi
    sleep 0.1
  done
}

# CPU seconds the suite's processes have used, one "name seconds" line each.
cpu_seconds() {
  local name pid_file
  for name in mariadb reporting.0 customer-experience.0 campaign.0 partner-registry.0; do
    pid_file=".local/run/${name}.pid"
    [[ -s "${pid_file}" ]] || continue
    awk -v n="${name%.0}" -v hz="$(getconf CLK_TCK)" '{print n, ($14 + $15) / hz}' \
      "/proc/$(tr -dc '0-9' <"${pid_file}")/stat" 2>/dev/null || true
  done
}
# Catches up, then says how busy each process was meanwhile.
catch_up() {
  local before start
  before="$(cpu_seconds)"
  start="$(date +%s.%N)"
  "${backlog}" catch-up --reporting="127.0.0.1:${port}"
  cpu_seconds | while read -r name after; do
    awk -v n="${name}" -v a="${after}" -v s="${start}" -v e="$(date +%s.%N)" \
      -v b="$(grep "^${name} " <<<"${before}" | cut -d' ' -f2)" \
      'BEGIN {printf "  %-20s %.2f cores busy\n", n, (a - b) / (e - s)}'
  done
}

say "phase 1: a backlog of about a million events"
stop_reporting
"${backlog}" generate --purchases="${first_purchases}"
deploy/local/restart.sh reporting --no-build >/dev/null
catch_up

if ((purchases > first_purchases)); then
  say "phase 2: purchases up to ${purchases} in all"
  stop_reporting
  "${backlog}" generate --base=false --journey=false --seed=2 \
    --purchases=$((purchases - first_purchases))
  deploy/local/restart.sh reporting --no-build >/dev/null
  catch_up
fi

say "queries over ${purchases} purchases"
"${bench}" --target="127.0.0.1:${port}" \
  --scenarios=reporting:lift,reporting:patterns,reporting:scorecard \
  --concurrency=4 --warmup=2s --duration=15s
say "targets: catch-up >= 20000 events/s; p95 < 200 ms for each query"
