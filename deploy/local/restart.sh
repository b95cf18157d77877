#!/usr/bin/env bash
# Restarts one service of the local suite without touching the others: its
# migrations first, then its replicas one at a time (SIGTERM — the replica
# drains — then start and wait until it serves), so that callers balancing
# over the replicas keep being served. Optionally changes how many replicas
# run. The database and the other services must be up (deploy/local/up.sh).
#
#   deploy/local/restart.sh <service> [--replicas <n>] [--no-build]
#
# Before stopping the next replica it waits until the restarted one is
# SERVING (no readiness failure in its log) and its callers have reconnected
# to it (as many connections as the old process had). It gives up, leaving
# the later replicas as they were, after PARTNERHUB_LOCAL_RECONNECT_TIMEOUT
# seconds (default 10).
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
    --replicas) (($# >= 2)) || usage_error "--replicas needs <n>"; shift; replicas="$1" ;;
    --replicas=*) replicas="${1#--replicas=}" ;;
    --no-build) build=0 ;;
    -h | --help)
      usage
      exit 0
      ;;
    -*) usage_error "unknown option $1" ;;
    *) [[ -z "${service}" ]] || usage_error "one service at a time"; service="$1" ;;
  esac
  shift
done
[[ -n "${service}" ]] || usage_error "which service? (one of: ${SERVICES[*]%% *})"
entry="$(service_entry "${service}")" ||
  usage_error "unknown service ${service} (one of: ${SERVICES[*]%% *})"
read -r name binary schema default_port <<<"${entry}"
if [[ -n "${replicas}" && ! "${replicas}" =~ ^[1-9][0-9]?$ ]]; then
  usage_error "--replicas must be 1 to 99"
fi
reconnect_timeout="${PARTNERHUB_LOCAL_RECONNECT_TIMEOUT:-10}"
[[ "${reconnect_timeout}" =~ ^[1-9][0-9]*$ ]] ||
  die "PARTNERHUB_LOCAL_RECONNECT_TIMEOUT must be a whole number of seconds"
running_pid "${db_pid_file}" >/dev/null || die "MariaDB is not running: start the suite with deploy/local/up.sh"

if ((build)); then
  ./tools/build.sh
fi
[[ -x "${repo_root}/${binary}" ]] || die "${binary} is not built"

old_count="$(find "${run_dir}" -maxdepth 1 -name "${name}.*.pid" | wc -l)"
if [[ -n "${replicas}" ]]; then
  export "PARTNERHUB_LOCAL_REPLICAS_${schema^^}=${replicas}"
fi
new_count="$(replica_count "${schema}" "${name}")"
export_addresses

# True unless the last readiness line in a server's log says NOT_SERVING:
# common/server logs "not ready: health NOT_SERVING" when its readiness
# check fails (also before "serving on") and "ready again: health SERVING"
# when it passes again. Callers that balance on health send no call to a
# replica that is NOT_SERVING.
log_says_serving() {
  local last
  last="$(grep -oE 'not ready: health NOT_SERVING|ready again: health SERVING' "$1" 2>/dev/null |
    tail -n 1 || true)"
  [[ "${last}" != "not ready: health NOT_SERVING" ]]
}

# How many established TCP connections on this machine have `port` as their
# local port: callers' connections to the server listening on it.
connections_to() {
  local files=() file
  for file in /proc/net/tcp /proc/net/tcp6; do
    [[ -r "${file}" ]] && files+=("${file}")
  done
  awk -v p="$(printf ':%04X' "$1")" \
    '$4 == "01" && substr($2, length($2) - 4) == p {n++} END {print n + 0}' "${files[@]}"
}

# Waits until replica `k` (listening on `port`) is SERVING and has `want`
# callers' connections. Callers' channels reconnect on their own
# (common/grpc/downstream.h: reconnect backoff at most 1 s).
wait_reconnected() {
  local k="$1" port="$2" want="$3" log_file="${log_dir}/${name}.${1}.log" pid have deadline
  pid="$(running_pid "${run_dir}/${name}.${k}.pid")" || die "${name}.${k} exited after it started serving"
  deadline=$((SECONDS + reconnect_timeout))
  while true; do
    have="$(connections_to "${port}")"
    if log_says_serving "${log_file}" && ((have >= want)); then
      log "${name}.${k} SERVING, ${have} callers' connection(s)"
      return 0
    fi
    if ! alive "${pid}"; then
      tail_log "${log_file}"
      die "${name}.${k} exited after it started serving"
    fi
    if ((SECONDS >= deadline)); then
      if ! log_says_serving "${log_file}"; then
        tail_log "${log_file}"
        die "${name}.${k} is NOT_SERVING (its readiness check fails) after ${reconnect_timeout}s; ${name}.$((k + 1)) and later replicas were left running as they were"
      fi
      die "callers had ${want} connection(s) to ${name}.${k} before it restarted, ${have} to the new one after ${reconnect_timeout}s (PARTNERHUB_LOCAL_RECONNECT_TIMEOUT); ${name}.$((k + 1)) and later replicas were left running as they were. If a caller has gone away, run restart.sh again"
    fi
    sleep 0.2
  done
}

migrate_service "${name}" "${binary}" "${schema}"
port="$(base_port "${schema}" "${default_port}")"
for ((k = 0; k < new_count; k++)); do
  replica_port=$((port + k * REPLICA_PORT_STEP))
  # The callers' connections to it, to count them back in after the restart.
  callers="$(connections_to "${replica_port}")"
  stop_replica "${name}" "${k}"
  log "starting ${name}.${k} on ${listen_host}:${replica_port}"
  address="$(start_replica "${name}" "${binary}" "${schema}" "${replica_port}" "${k}")"
  log "${name}.${k} serving on ${address}"
  # Another running replica stops next (to restart, or to go, below): first
  # the callers must be back on this one, so that they always have one.
  if ((k + 1 < old_count)); then
    log "waiting for ${name}.${k} to be SERVING and for its callers to reconnect (${callers} connection(s))"
    wait_reconnected "${k}" "${replica_port}" "${callers}"
  fi
done
for ((k = new_count; k < old_count; k++)); do
  stop_replica "${name}" "${k}"
done
log "done: ${name} runs ${new_count} replica(s)"
