#!/usr/bin/env bash
# Runs PartnerHub on this machine: builds, starts a private MariaDB under
# .local/, gives each service its own schema and user, migrates, and starts
# every built service in the background, each with as many replicas as
# asked. Running it again restarts the services (the database keeps
# running). Restart one service alone with deploy/local/restart.sh; stop
# with deploy/local/down.sh.
#
#   deploy/local/up.sh [--no-build] [--replicas <service>=<n>]...
#
#   --replicas campaign=2   run 2 replicas of campaign (ports 50052, 50152);
#                           callers balance over them
#
# Environment:
#   PARTNERHUB_LOCAL_DB_PORT           MariaDB port (default 3307)
#   PARTNERHUB_LOCAL_DB_BUFFER_POOL    its InnoDB buffer pool (default 256M)
#   PARTNERHUB_LOCAL_DB_LOG_FILE_SIZE  its InnoDB redo log (default 96M); both
#                                      apply when MariaDB starts
#   PARTNERHUB_LOCAL_PORT_<SCHEMA>     a service's first port, e.g.
#                                      PARTNERHUB_LOCAL_PORT_PARTNER_REGISTRY=6051
#   PARTNERHUB_LOCAL_REPLICAS_<SCHEMA> replicas of a service (as --replicas)
#   PARTNERHUB_LOCAL_LISTEN_HOST       where services listen (default 127.0.0.1)
#   PARTNERHUB_LOCAL_READY_TIMEOUT     seconds to wait for each start (default 60)
set -euo pipefail

script=up.sh
# shellcheck source=deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "${repo_root}"

build=1
while (($# > 0)); do
  case "$1" in
    --no-build) build=0 ;;
    --replicas | --replicas=*)
      if [[ "$1" == --replicas ]]; then
        (($# >= 2)) || usage_error "--replicas needs <service>=<n>"
        shift
        spec="$1"
      else
        spec="${1#--replicas=}"
      fi
      entry="$(service_entry "${spec%%=*}")" ||
        usage_error "--replicas: unknown service ${spec%%=*} (one of: ${SERVICES[*]%% *})"
      count="${spec#*=}"
      [[ "${count}" =~ ^[1-9][0-9]?$ ]] || usage_error "--replicas ${spec}: <n> must be 1 to 99"
      read -r _ _ schema _ <<<"${entry}"
      export "PARTNERHUB_LOCAL_REPLICAS_${schema^^}=${count}"
      ;;
    -h | --help)
      usage
      exit 0
      ;;
    *) usage_error "unknown argument $1" ;;
  esac
  shift
done

if ((build)); then
  ./tools/build.sh
fi

mariadb_client="$(find_program mariadb)" || die "mariadb client not found"
mariadb_admin="$(find_program mariadb-admin)" || die "mariadb-admin not found"

mkdir -p "${db_dir}" "${log_dir}" "${run_dir}" "${secrets_dir}"
chmod 700 "${secrets_dir}"

# Re-running: stop the services first, keep the database.
"${repo_root}/deploy/local/down.sh" --keep-db

start_mariadb

export_addresses

table=()
for entry in "${SERVICES[@]}"; do
  read -r name binary schema default_port <<<"${entry}"
  if [[ ! -x "${repo_root}/${binary}" ]]; then
    log "note: ${name} is not built yet (${binary}); skipped"
    continue
  fi
  ensure_schema "${schema}" "$(password_for "${schema}")"
  migrate_service "${name}" "${binary}" "${schema}"
  port="$(base_port "${schema}" "${default_port}")"
  replicas="$(replica_count "${schema}" "${name}")"
  for ((k = 0; k < replicas; k++)); do
    replica_port=$((port + k * REPLICA_PORT_STEP))
    log "starting ${name}.${k} on ${listen_host}:${replica_port}"
    address="$(start_replica "${name}" "${binary}" "${schema}" "${replica_port}" "${k}")"
    table+=("${name}.${k} ${address} ${schema} .local/logs/${name}.${k}.log")
  done
done

echo
printf '%-22s %-22s %-20s %s\n' SERVICE ADDRESS SCHEMA LOG
printf '%-22s %-22s %-20s %s\n' mariadb "127.0.0.1:${db_port}" - .local/logs/mariadb.log
for row in "${table[@]}"; do
  # shellcheck disable=SC2086  # split the row into its columns
  printf '%-22s %-22s %-20s %s\n' ${row}
done
echo
if ((${#table[@]} > 0)); then
  read -r _ first_address _ <<<"${table[0]}"
  echo "Try (reflection is on; the build makes a grpcurl-compatible client):"
  echo "  export PATH=\"${repo_root}/build/tools/grpcurl:\$PATH\""
  echo "  grpcurl -plaintext ${first_address} list"
  echo "  grpcurl -plaintext ${first_address} grpc.health.v1.Health/Check"
else
  echo "No service is built yet: run tools/build.sh."
fi
echo "Database shell: mariadb --no-defaults --socket=${socket} -uroot"
echo "Passwords of the service users: .local/secrets/<schema>.password"
echo "Restart one service: deploy/local/restart.sh <service> [--replicas <n>]"
echo "Stop: deploy/local/down.sh   (--purge also deletes .local data)"
