#!/usr/bin/env bash
# A rolling restart under load, in one command: how many calls fail while
# every replica of a service is restarted in turn.
#   1. builds the service and partnerhub-bench (tools/build.sh),
#   2. (re)starts the local suite with 2 replicas of partner-registry
#      (deploy/local/up.sh --replicas partner-registry=2),
#   3. runs partnerhub-bench --balanced (round_robin over both replicas,
#      UNAVAILABLE retried, as the services' own clients do) with GetPartner
#      at concurrency 16,
#   4. while it measures, restarts the service replica by replica
#      (deploy/local/restart.sh: SIGTERM → health NOT_SERVING, in-flight
#      calls finish, the process exits; a new one starts and serves, and
#      its callers reconnect to it before the next replica goes), twice,
#   5. prints the bench's table — its error columns are the failed calls —
#      and the failed-call count. Target: 0.
# The suite is left running; stop it with deploy/local/down.sh.
#
#   tools/bench/rolling_restart.sh [--no-build] [partnerhub-bench flags]
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

service=partner-registry
port="${PARTNERHUB_LOCAL_PORT_PARTNER_REGISTRY:-50051}"
bench="build/tools/bench/partnerhub-bench"
work="$(mktemp -d /tmp/partnerhub-rolling-XXXXXX)"
trap 'rm -rf "${work}"' EXIT

say() { echo "bench: $*"; }
die() {
  echo "bench: ERROR: $*" >&2
  exit 1
}

if ((build)); then
  ./tools/build.sh --target "${service}" partnerhub-bench
fi
deploy/local/up.sh --no-build --replicas "${service}=2"

target="ipv4:127.0.0.1:${port},127.0.0.1:$((port + 100))"
say "GetPartner through ${target} while ${service} restarts, replica by replica"
"${bench}" --target="${target}" --balanced --scenarios=GetPartner \
  --concurrency=16 --warmup=2s --duration=40s --seed_partners=200 \
  --rpc_deadline=5s "${bench_args[@]}" >"${work}/bench.out" 2>"${work}/bench.err" &
bench_pid=$!

# The measured window starts after the seeding and the warm-up.
deadline=$((SECONDS + 120))
until grep -q "round 1/1: GetPartner" "${work}/bench.err" 2>/dev/null; do
  kill -0 "${bench_pid}" 2>/dev/null || {
    cat "${work}/bench.err" >&2
    die "the bench ended before measuring"
  }
  ((SECONDS < deadline)) || die "the bench did not start measuring within 120 s (${work}/bench.err)"
  sleep 0.2
done
# The experiment's timing, not waits for readiness: 5 s of load on both
# replicas before the first restart and 3 s after each round (restart.sh
# itself waits for the callers between replicas); the bench measures 40 s.
sleep 5
restarts=0
for round in 1 2; do
  say "rolling restart ${round}"
  deploy/local/restart.sh "${service}" --no-build | sed 's/^/  /'
  restarts=$((restarts + 2))
  sleep 3
done
say "restarts done (${restarts} replica restarts); waiting for the bench"
wait "${bench_pid}" || {
  cat "${work}/bench.err" >&2
  die "the bench failed"
}
cat "${work}/bench.out"
grep -E "first .* error|error" "${work}/bench.err" | sed 's/^/  /' || true
# The table's columns after the latencies are error counts by code.
failed="$(awk '$1 == "GetPartner" {for (i = 1; i <= NF; i++) if ($i ~ /^[A-Z_]+:[0-9]+$/) {split($i, kv, ":"); n += kv[2]}} END {print n + 0}' "${work}/bench.out")"
say "failed calls during ${restarts} replica restarts: ${failed} (target: 0)"
