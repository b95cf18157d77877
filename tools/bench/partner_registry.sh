#!/usr/bin/env bash
# Benchmarks partner-registry on this machine, in one command:
#   1. builds partner-registry and partnerhub-bench (tools/build.sh, which
#      also installs missing packages),
#   2. (re)starts the local suite (deploy/local/up.sh: MariaDB on 3307,
#      partner-registry on 50051),
#   3. prints partner-registry's idle memory (VmRSS) against the 50 MB target,
#   4. runs partnerhub-bench at concurrency 16: health, GetPartner,
#      sql:GetPartner, CreatePartner, sql:CreatePartner, and prints the table
#      and the ratios,
#   5. prints the service's memory after the load.
# The suite is left running; stop it with deploy/local/down.sh.
#
#   tools/bench/partner_registry.sh [--no-build] [partnerhub-bench flags]
#
# Extra flags go to partnerhub-bench and override the defaults below, e.g.
#   tools/bench/partner_registry.sh --no-build --duration=20s --rounds=1
# Environment: PARTNERHUB_LOCAL_DB_PORT, PARTNERHUB_LOCAL_PORT_PARTNER_REGISTRY
# (as deploy/local/up.sh), PARTNERHUB_BENCH_IDLE_SECONDS (wait before the
# idle reading, default 3).
set -euo pipefail

self="$(realpath "${BASH_SOURCE[0]}")"
# --help: the comment block above (up to the first line that is not a
# comment), without the '# '.
usage() { awk 'NR > 1 && /^#/ {sub(/^# ?/, ""); print; next} NR > 1 {exit}' "${self}"; }
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "${repo_root}"

build=1
bench_args=()
for arg in "$@"; do
  case "${arg}" in
    --no-build) build=0 ;;
    -h | --help)
      usage
      exit 0
      ;;
    *) bench_args+=("${arg}") ;;
  esac
done

db_port="${PARTNERHUB_LOCAL_DB_PORT:-3307}"
port="${PARTNERHUB_LOCAL_PORT_PARTNER_REGISTRY:-50051}"
idle_seconds="${PARTNERHUB_BENCH_IDLE_SECONDS:-3}"
pid_file=".local/run/partner-registry.0.pid"
db_pid_file=".local/run/mariadb.pid"
password_file=".local/secrets/partner_registry.password"
bench="build/tools/bench/partnerhub-bench"

say() { echo "bench: $*"; }
die() {
  echo "bench: ERROR: $*" >&2
  exit 1
}

# "<VmRSS kB> <VmHWM kB> <threads>" of `pid`.
memory_of() {
  awk '/^VmRSS:/ {rss = $2} /^VmHWM:/ {hwm = $2} /^Threads:/ {t = $2}
       END {print rss, hwm, t}' "/proc/$1/status"
}

mb() { awk -v kb="$1" 'BEGIN {printf "%.1f", kb * 1024 / 1e6}'; }

if ((build)); then
  ./tools/build.sh --target partner-registry partnerhub-bench
fi
deploy/local/up.sh --no-build
[[ -x "${bench}" ]] || die "${bench} is not built"
[[ -s "${pid_file}" ]] || die "no ${pid_file}: partner-registry did not start"
pid="$(tr -dc '0-9' <"${pid_file}")"
db_pid="$(tr -dc '0-9' <"${db_pid_file}" 2>/dev/null || true)"
kill -0 "${pid}" 2>/dev/null || die "partner-registry (pid ${pid}) is not running"

echo
say "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
sleep "${idle_seconds}"
read -r rss hwm threads <<<"$(memory_of "${pid}")"
idle_mb="$(mb "${rss}")"
verdict="$(awk -v m="${idle_mb}" 'BEGIN {print (m < 50) ? "met" : "ABOVE TARGET"}')"
say "partner-registry idle memory ${idle_seconds}s after start: VmRSS ${idle_mb} MB" \
  "(target < 50 MB: ${verdict}), ${threads} threads, pid ${pid}"
echo

watch="partner-registry=${pid}"
if [[ -n "${db_pid}" ]] && kill -0 "${db_pid}" 2>/dev/null; then
  watch+=",mariadb=${db_pid}"
fi

# The password goes through the environment, not argv (visible in ps).
PARTNERHUB_DB_PASSWORD="$(cat "${password_file}")" "${bench}" \
  --target="127.0.0.1:${port}" \
  --scenarios=health,GetPartner,sql:GetPartner,CreatePartner,sql:CreatePartner \
  --concurrency=16 --warmup=3s --duration=10s --rounds=3 \
  --db_host=127.0.0.1 --db_port="${db_port}" \
  --db_name=partner_registry --db_user=partner_registry \
  --watch="${watch}" \
  "${bench_args[@]}"

echo
read -r rss hwm threads <<<"$(memory_of "${pid}")"
say "partner-registry after the load: VmRSS $(mb "${rss}") MB, peak (VmHWM)" \
  "$(mb "${hwm}") MB, ${threads} threads"
say "idle memory: ${idle_mb} MB (target < 50 MB: ${verdict})"
say "the suite is still running; stop it with deploy/local/down.sh"
