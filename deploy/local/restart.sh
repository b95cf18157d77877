#!/usr/bin/env bash
# Restarts one service of the local suite without touching the others: its
# migrations first, then its replicas one at a time (SIGTERM — the replica
# drains — then start and wait until it serves), so that callers balancing
# over the replicas keep being served. Optionally changes how many replicas
# run. The database and the other services must be up (deploy/local/up.sh).
#
#   deploy/local/restart.sh <service> [--replicas <n>] [--no-build]
#
# PARTNERHUB_LOCAL_RESTART_SETTLE: seconds between a replica serving and
# stopping the next (default 2), for callers to reconnect to it.
#
# Callers learn a service's replicas when they start: after changing the
# count, restart its callers too (e.g. campaign after customer-experience).
set -euo pipefail

script=restart.sh
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "${repo_root}"

service=""
replicas=""
build=1
while (($# > 0)); do
  case "$1" in
    --replicas) (($# >= 2)) || die "--replicas needs <n>"; shift; replicas="$1" ;;
    --replicas=*) replicas="${1#--replicas=}" ;;
    --no-build) build=0 ;;
    -h | --help)
      sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    -*) die "unknown argument $1" ;;
    *) [[ -z "${service}" ]] || die "one service at a time"; service="$1" ;;
  esac
  shift
done
[[ -n "${service}" ]] || die "usage: restart.sh <service> [--replicas <n>] [--no-build]"
entry="$(service_entry "${service}")" ||
  die "unknown service ${service} (one of: $(printf '%s ' "${SERVICES[@]%% *}"))"
read -r name binary schema default_port <<<"${entry}"
running_pid "${db_pid_file}" >/dev/null || die "MariaDB is not running: start the suite with deploy/local/up.sh"

if ((build)); then
  ./tools/build.sh
fi
[[ -x "${repo_root}/${binary}" ]] || die "${binary} is not built"

old_count="$(find "${run_dir}" -maxdepth 1 -name "${name}.*.pid" | wc -l)"
if [[ -n "${replicas}" ]]; then
  [[ "${replicas}" =~ ^[1-9][0-9]?$ ]] || die "--replicas must be 1 to 99"
  export "PARTNERHUB_LOCAL_REPLICAS_${schema^^}=${replicas}"
fi
new_count="$(replica_count "${schema}" "${name}")"
export_addresses

migrate_service "${name}" "${binary}" "${schema}"
port="$(base_port "${schema}" "${default_port}")"
for ((k = 0; k < new_count; k++)); do
  stop_replica "${name}" "${k}"
  replica_port=$((port + k * REPLICA_PORT_STEP))
  log "starting ${name}.${k} on ${listen_host}:${replica_port}"
  address="$(start_replica "${name}" "${binary}" "${schema}" "${replica_port}" "${k}")"
  log "${name}.${k} serving on ${address}"
  # Give callers time to reconnect to it before the next replica goes.
  if ((k + 1 < new_count)); then
    sleep "${PARTNERHUB_LOCAL_RESTART_SETTLE:-2}"
  fi
done
for ((k = new_count; k < old_count; k++)); do
  stop_replica "${name}" "${k}"
done
log "done: ${name} runs ${new_count} replica(s)"
