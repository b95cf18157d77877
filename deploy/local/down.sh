#!/usr/bin/env bash
# Stops what deploy/local/up.sh started: every service (SIGTERM, then SIGKILL
# after a timeout), then the private MariaDB (clean shutdown).
#
#   deploy/local/down.sh [--keep-db] [--purge]
#
#   --keep-db  stop only the services (up.sh uses this to restart them)
#   --purge    also delete the local data: database, logs, passwords
#
# Environment:
#   PARTNERHUB_LOCAL_STOP_TIMEOUT  seconds a service gets to drain (default 20)
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "${repo_root}"

local_dir="${repo_root}/.local"
run_dir="${local_dir}/run"
socket="${local_dir}/mariadb/mysqld.sock"
db_pid_file="${run_dir}/mariadb.pid"
stop_timeout="${PARTNERHUB_LOCAL_STOP_TIMEOUT:-20}"

keep_db=0
purge=0
for arg in "$@"; do
  case "${arg}" in
    --keep-db) keep_db=1 ;;
    --purge) purge=1 ;;
    -h | --help)
      sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "down.sh: unknown argument ${arg}" >&2
      exit 2
      ;;
  esac
done
if ((keep_db && purge)); then
  echo "down.sh: --purge deletes the database; it cannot go with --keep-db" >&2
  exit 2
fi

log() { echo "down.sh: $*"; }

# True if `pid` runs and is not a zombie.
alive() {
  local pid="$1" state
  state="$(sed 's/^.*) //' "/proc/${pid}/stat" 2>/dev/null | cut -d' ' -f1)"
  [[ -n "${state}" && "${state}" != "Z" ]]
}

# The pid recorded in `file`, if that process runs and belongs to this repo
# (a stale pid file may name an unrelated process by now).
running_pid() {
  local file="$1" pid
  [[ -f "${file}" ]] || return 1
  pid="$(tr -dc '0-9' <"${file}")"
  [[ -n "${pid}" ]] || return 1
  alive "${pid}" || return 1
  tr '\0' ' ' <"/proc/${pid}/cmdline" | grep -qF "${repo_root}" || return 1
  echo "${pid}"
}

# Waits up to `seconds` for `pid` to end; false if it still runs.
wait_gone() {
  local pid="$1" seconds="$2" waited=0
  while alive "${pid}"; do
    if ((waited >= seconds * 10)); then
      return 1
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
}

# SIGTERM, wait, SIGKILL.
stop_process() {
  local name="$1" pid="$2" timeout="$3"
  log "stopping ${name} (pid ${pid})"
  kill -TERM "${pid}" 2>/dev/null || true
  if ! wait_gone "${pid}" "${timeout}"; then
    log "${name} still running after ${timeout}s: SIGKILL"
    kill -KILL "${pid}" 2>/dev/null || true
    wait_gone "${pid}" 10 || log "WARNING: ${name} (pid ${pid}) survived SIGKILL"
  fi
}

if [[ -d "${run_dir}" ]]; then
  for pid_file in "${run_dir}"/*.pid; do
    [[ -e "${pid_file}" ]] || continue
    name="$(basename "${pid_file}" .pid)"
    [[ "${name}" == "mariadb" ]] && continue
    if pid="$(running_pid "${pid_file}")"; then
      stop_process "${name}" "${pid}" "${stop_timeout}"
    fi
    rm -f "${pid_file}"
  done
fi

if ((!keep_db)); then
  if pid="$(running_pid "${db_pid_file}")"; then
    log "stopping MariaDB (pid ${pid})"
    admin="$(command -v mariadb-admin || true)"
    if [[ -n "${admin}" ]]; then
      "${admin}" --no-defaults --socket="${socket}" -uroot \
        --connect-timeout=5 shutdown >/dev/null 2>&1 || true
    fi
    # mariadb-admin shutdown returns once the server begins to stop; without
    # it, SIGTERM is the same clean shutdown.
    if ! wait_gone "${pid}" 60; then
      stop_process MariaDB "${pid}" 60
    fi
  fi
  rm -f "${db_pid_file}"
fi

if ((purge)); then
  log "deleting local data under ${local_dir}"
  rm -rf "${local_dir}/mariadb" "${local_dir}/logs" "${local_dir}/run" \
    "${local_dir}/secrets"
  rmdir "${local_dir}" 2>/dev/null || true
fi
log "done"
