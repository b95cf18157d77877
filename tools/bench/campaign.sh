#!/usr/bin/env bash
# Benchmarks the campaign service on this machine, in one command:
#   1. starts what it needs: by default the local suite (deploy/local/up.sh,
#      which builds first unless --no-build); with --private a throwaway
#      MariaDB, partner-registry and campaign of its own, from the build dir
#      $PARTNERHUB_BUILD_DIR (default build/), stopped and deleted at the end
#      (for a machine where someone else uses the local suite),
#   2. runs at concurrency 16, 3 rounds: health, RedeemCoupon,
#      sql:RedeemCoupon, RedeemCoupon:retry, ValidateCoupon,
#      sql:ValidateCoupon, and prints the table and the ratios
#      (RedeemCoupon ≥ 0.70 × sql:RedeemCoupon, RedeemCoupon:retry ≥ 0.50 ×
#      health),
#   3. runs ValidateCoupon alone at lower concurrency until it carries about
#      half of its peak rate from step 2, and prints its p99 there (target
#      < 5 ms).
#
#   tools/bench/campaign.sh [--no-build] [--private] [partnerhub-bench flags]
#
# Extra flags go to partnerhub-bench in step 2, e.g. --duration=20s
# --rounds=1. Environment: PARTNERHUB_BUILD_DIR (with --private),
# PARTNERHUB_BENCH_DB_PORT (the private MariaDB's port; default the first
# free one from 13306),
# PARTNERHUB_LOCAL_DB_PORT and PARTNERHUB_LOCAL_PORT_* (as up.sh).
set -euo pipefail

self="$(realpath "${BASH_SOURCE[0]}")"
# --help: the comment block above (up to the first line that is not a
# comment), without the '# '.
usage() { awk 'NR > 1 && /^#/ {sub(/^# ?/, ""); print; next} NR > 1 {exit}' "${self}"; }
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "${repo_root}"

up_args=()
bench_args=()
private=0
for arg in "$@"; do
  case "${arg}" in
    --no-build) up_args+=(--no-build) ;;
    --private) private=1 ;;
    -h | --help)
      usage
      exit 0
      ;;
    *) bench_args+=("${arg}") ;;
  esac
done

say() { echo "bench: $*"; }
die() {
  echo "bench: ERROR: $*" >&2
  exit 1
}
find_program() {
  command -v "$1" 2>/dev/null && return 0
  local dir
  for dir in /usr/sbin /usr/local/sbin /sbin; do
    [[ -x "${dir}/$1" ]] && echo "${dir}/$1" && return 0
  done
  return 1
}

# ---- 1. What to measure ----

if ((private)); then
  build_dir="${PARTNERHUB_BUILD_DIR:-${repo_root}/build}"
  db_port="${PARTNERHUB_BENCH_DB_PORT:-}"
  if [[ -z "${db_port}" ]]; then
    # The first port from 13306 nobody accepts connections on.
    for db_port in $(seq 13306 13406); do
      (exec 3<>"/dev/tcp/127.0.0.1/${db_port}") 2>/dev/null || break
    done
  fi
  work="$(mktemp -d /tmp/campaign-bench.XXXXXX)"
  pids=()
  cleanup() {
    local pid
    for pid in "${pids[@]}"; do kill "${pid}" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "${pid}" 2>/dev/null || true; done
    rm -rf "${work}"
  }
  trap cleanup EXIT
  user_args=()
  [[ "$(id -u)" -eq 0 ]] && user_args=(--user=root)
  say "private MariaDB on 127.0.0.1:${db_port} in ${work}"
  "$(find_program mariadb-install-db)" --no-defaults --datadir="${work}/data" \
    --auth-root-authentication-method=normal --skip-test-db "${user_args[@]}" \
    >"${work}/install.log" 2>&1 || die "mariadb-install-db failed (${work}/install.log)"
  "$(find_program mariadbd)" --no-defaults --datadir="${work}/data" \
    --port="${db_port}" --bind-address=127.0.0.1 --socket="${work}/sock" \
    "${user_args[@]}" --skip-log-bin --skip-name-resolve \
    --innodb-buffer-pool-size=256M --max-connections=500 \
    --character-set-server=utf8mb4 --default-time-zone=+00:00 \
    >"${work}/mariadb.log" 2>&1 &
  pids+=($!)
  db_pid=$!
  deadline=$((SECONDS + 30))
  until "$(find_program mariadb-admin)" --no-defaults --socket="${work}/sock" -uroot \
    ping >/dev/null 2>&1; do
    kill -0 "${db_pid}" 2>/dev/null || die "MariaDB exited: $(tail -3 "${work}/mariadb.log")"
    ((SECONDS < deadline)) || die "MariaDB did not answer within 30 s (${work}/mariadb.log)"
    sleep 0.2
  done
  password="$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
  for schema in partner_registry campaign; do
    "$(find_program mariadb)" --no-defaults --socket="${work}/sock" -uroot <<SQL
CREATE DATABASE ${schema} CHARACTER SET utf8mb4;
CREATE USER '${schema}'@'127.0.0.1' IDENTIFIED BY '${password}';
GRANT ALL PRIVILEGES ON \`${schema//_/\\_}\`.* TO '${schema}'@'127.0.0.1';
SQL
  done
  # serve <name> <binary> <schema> [flags]: starts it on a free port; sets
  # `address` and `pid`.
  serve() {
    local name="$1" binary="$2" schema="$3" line
    shift 3
    local db=(--db_host=127.0.0.1 --db_port="${db_port}" --db_name="${schema}"
      --db_user="${schema}")
    PARTNERHUB_DB_PASSWORD="${password}" "${binary}" migrate "${db[@]}" \
      >"${work}/${name}.migrate.log" 2>&1 || die "${name} migrate failed"
    PARTNERHUB_DB_PASSWORD="${password}" "${binary}" serve "${db[@]}" \
      --listen=127.0.0.1:0 --log_requests=false "$@" >"${work}/${name}.log" 2>&1 &
    pid=$!
    pids+=("${pid}")
    for _ in $(seq 1 150); do
      line="$(grep -o 'serving on [^[:space:]]*' "${work}/${name}.log" || true)"
      [[ -n "${line}" ]] && break
      kill -0 "${pid}" 2>/dev/null || die "${name} exited: $(tail -5 "${work}/${name}.log")"
      sleep 0.2
    done
    [[ -n "${line}" ]] || die "${name} did not start"
    address="${line#serving on }"
    address="${address/0.0.0.0/127.0.0.1}"
  }
  serve partner-registry "${build_dir}/services/partner_registry/partner-registry" \
    partner_registry
  registry_address="${address}"
  serve campaign "${build_dir}/services/campaign/campaign" campaign \
    --partner_registry_address="${registry_address}" \
    --customer_experience_address=127.0.0.1:1
  campaign_address="${address}"
  campaign_pid="${pid}"
  password_env="${password}"
else
  build_dir="${repo_root}/build"
  db_port="${PARTNERHUB_LOCAL_DB_PORT:-3307}"
  deploy/local/up.sh "${up_args[@]}"
  pid_file=".local/run/campaign.0.pid"
  [[ -s "${pid_file}" ]] || die "no ${pid_file}: campaign did not start"
  campaign_pid="$(tr -dc '0-9' <"${pid_file}")"
  db_pid="$(tr -dc '0-9' <.local/run/mariadb.pid 2>/dev/null || true)"
  campaign_address="127.0.0.1:${PARTNERHUB_LOCAL_PORT_CAMPAIGN:-50052}"
  registry_address="127.0.0.1:${PARTNERHUB_LOCAL_PORT_PARTNER_REGISTRY:-50051}"
  password_env="$(cat .local/secrets/campaign.password)"
fi

bench="${build_dir}/tools/bench/partnerhub-bench"
[[ -x "${bench}" ]] || die "${bench} is not built"

watch="campaign=${campaign_pid}"
[[ -n "${db_pid:-}" ]] && kill -0 "${db_pid}" 2>/dev/null && watch+=",mariadb=${db_pid}"
common=(--target="${campaign_address}" --campaign_partner_registry="${registry_address}"
  --db_host=127.0.0.1 --db_port="${db_port}" --db_name=campaign --db_user=campaign
  --warmup=3s --watch="${watch}")

echo
say "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

# ---- 2. Throughput against the baselines ----

out="$(mktemp /tmp/campaign-bench-out.XXXXXX)"
PARTNERHUB_DB_PASSWORD="${password_env}" "${bench}" "${common[@]}" \
  --scenarios=health,RedeemCoupon,sql:RedeemCoupon,RedeemCoupon:retry,ValidateCoupon,sql:ValidateCoupon \
  --concurrency=16 --duration=10s --rounds=3 --campaign_codes=400000 \
  "${bench_args[@]}" | tee "${out}"

# The median req/s of a scenario's rows (one per round) in the output.
rate_of() {
  awk -v s="$1" '$1 == s && $3 ~ /^[0-9.]+$/ {print $3}' "$2" | sort -n |
    awk '{v[NR] = $1} END {if (NR) print v[int((NR + 1) / 2)]}'
}
peak="$(rate_of ValidateCoupon "${out}")"
rm -f "${out}"
[[ -n "${peak}" ]] || die "no ValidateCoupon rate in the output"

# ---- 3. ValidateCoupon's latency at half its peak rate ----

echo
say "ValidateCoupon peak: ${peak} req/s at concurrency 16; now at about half of it"
for c in 1 2 3 4 6 8; do
  out="$(mktemp /tmp/campaign-bench-out.XXXXXX)"
  PARTNERHUB_DB_PASSWORD="${password_env}" "${bench}" "${common[@]}" \
    --scenarios=ValidateCoupon --concurrency="${c}" --duration=10s --rounds=1 \
    --campaign_codes=2000 >"${out}"
  row="$(awk '$1 == "ValidateCoupon" && $3 ~ /^[0-9.]+$/' "${out}" | head -1)"
  rm -f "${out}"
  rate="$(awk '{print $3}' <<<"${row}")"
  p99="$(awk '{print $6}' <<<"${row}")"
  share="$(awk -v r="${rate}" -v p="${peak}" 'BEGIN {printf "%.0f", 100 * r / p}')"
  say "ValidateCoupon concurrency ${c}: ${rate} req/s (${share}% of peak), p99 ${p99} ms"
  if awk -v r="${rate}" -v p="${peak}" 'BEGIN {exit !(r >= 0.5 * p)}'; then
    verdict="$(awk -v x="${p99}" 'BEGIN {print (x < 5) ? "met" : "NOT MET"}')"
    say "at ${share}% of peak load: ValidateCoupon p99 ${p99} ms (target < 5 ms: ${verdict})"
    break
  fi
done
