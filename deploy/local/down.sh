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

script=down.sh
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "${repo_root}"

keep_db=0
purge=0
for arg in "$@"; do
  case "${arg}" in
    --keep-db) keep_db=1 ;;
    --purge) purge=1 ;;
    -h | --help)
      usage
      exit 0
      ;;
    *) usage_error "unknown argument ${arg}" ;;
  esac
done
if ((keep_db && purge)); then
  usage_error "--purge deletes the database; it cannot go with --keep-db"
fi

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
