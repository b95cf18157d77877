#!/usr/bin/env bash
# Runs PartnerHub on this machine: builds, starts a private MariaDB under
# .local/, gives each service its own schema and user, migrates, and starts
# every built service in the background. Running it again restarts the
# services (the database keeps running). Stop with deploy/local/down.sh.
#
#   deploy/local/up.sh [--no-build]
#
# Environment:
#   PARTNERHUB_LOCAL_DB_PORT         MariaDB port (default 3307)
#   PARTNERHUB_LOCAL_PORT_<SERVICE>  a service's port, e.g.
#                                    PARTNERHUB_LOCAL_PORT_PARTNER_REGISTRY=6051
#   PARTNERHUB_LOCAL_LISTEN_HOST     where services listen (default 127.0.0.1)
#   PARTNERHUB_LOCAL_READY_TIMEOUT   seconds to wait for each start (default 60)
set -euo pipefail

# One line per service: name, binary (relative to the repo root), schema,
# default port. A service whose binary is not built yet is skipped.
SERVICES=(
  "partner-registry    build/services/partner_registry/partner-registry       partner_registry     50051"
  "campaign            build/services/campaign/campaign                        campaign             50052"
  "customer-experience build/services/customer_experience/customer-experience customer_experience  50053"
  "reporting           build/services/reporting/reporting                      reporting            50054"
)

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "${repo_root}"

local_dir="${repo_root}/.local"
db_dir="${local_dir}/mariadb"
data_dir="${db_dir}/data"
socket="${db_dir}/mysqld.sock"
log_dir="${local_dir}/logs"
run_dir="${local_dir}/run"
secrets_dir="${local_dir}/secrets"
db_pid_file="${run_dir}/mariadb.pid"
db_port="${PARTNERHUB_LOCAL_DB_PORT:-3307}"
listen_host="${PARTNERHUB_LOCAL_LISTEN_HOST:-127.0.0.1}"
ready_timeout="${PARTNERHUB_LOCAL_READY_TIMEOUT:-60}"

build=1
for arg in "$@"; do
  case "${arg}" in
    --no-build) build=0 ;;
    -h | --help)
      sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "up.sh: unknown argument ${arg}" >&2
      exit 2
      ;;
  esac
done

log() { echo "up.sh: $*"; }
die() {
  echo "up.sh: ERROR: $*" >&2
  exit 1
}

# Path of a program, also looking in the sbin directories (mariadbd).
find_program() {
  local name="$1" dir
  if command -v "${name}" >/dev/null 2>&1; then
    command -v "${name}"
    return 0
  fi
  for dir in /usr/sbin /usr/local/sbin /sbin; do
    if [[ -x "${dir}/${name}" ]]; then
      echo "${dir}/${name}"
      return 0
    fi
  done
  return 1
}

# True if `pid` runs and is not a zombie.
alive() {
  local pid="$1" state
  state="$(sed 's/^.*) //' "/proc/${pid}/stat" 2>/dev/null | cut -d' ' -f1)"
  [[ -n "${state}" && "${state}" != "Z" ]]
}

# The pid recorded in `file`, if that process runs and belongs to this repo.
running_pid() {
  local file="$1" pid
  [[ -f "${file}" ]] || return 1
  pid="$(tr -dc '0-9' <"${file}")"
  [[ -n "${pid}" ]] || return 1
  alive "${pid}" || return 1
  tr '\0' ' ' <"/proc/${pid}/cmdline" | grep -qF "${repo_root}" || return 1
  echo "${pid}"
}

tail_log() {
  echo "--- last lines of $1 ---" >&2
  tail -n 30 "$1" >&2 || true
}

# Runs the SQL on stdin as root, through the private socket (so it cannot
# reach another server that happens to listen on the port).
mariadb_root() {
  "${mariadb_client}" --no-defaults --socket="${socket}" -uroot --batch
}

start_mariadb() {
  local mariadbd install_db pid waited=0
  mariadbd="$(find_program mariadbd)" || die "mariadbd not found (tools/install-deps.sh)"
  install_db="$(find_program mariadb-install-db)" || die "mariadb-install-db not found"
  local user_args=()
  if [[ "$(id -u)" -eq 0 ]]; then
    user_args=(--user=root)
  fi

  if [[ ! -d "${data_dir}/mysql" ]]; then
    log "initialising MariaDB data directory ${data_dir}"
    rm -rf "${data_dir}"
    mkdir -p "${data_dir}"
    "${install_db}" --no-defaults --datadir="${data_dir}" \
      --auth-root-authentication-method=normal --skip-test-db \
      --skip-name-resolve "${user_args[@]}" >"${log_dir}/mariadb-install.log" 2>&1 ||
      {
        tail_log "${log_dir}/mariadb-install.log"
        die "mariadb-install-db failed"
      }
  fi

  if pid="$(running_pid "${db_pid_file}")"; then
    log "MariaDB already running (pid ${pid})"
  else
    log "starting MariaDB on 127.0.0.1:${db_port}"
    rm -f "${db_pid_file}"
    setsid "${mariadbd}" --no-defaults \
      --datadir="${data_dir}" \
      --port="${db_port}" \
      --bind-address=127.0.0.1 \
      --socket="${socket}" \
      --pid-file="${db_pid_file}" \
      "${user_args[@]}" \
      --skip-log-bin \
      --skip-name-resolve \
      --innodb-buffer-pool-size=256M \
      --max-connections=500 \
      --character-set-server=utf8mb4 \
      --collation-server=utf8mb4_general_ci \
      --default-time-zone=+00:00 \
      >>"${log_dir}/mariadb.log" 2>&1 </dev/null &
    pid=$!
  fi

  until "${mariadb_admin}" --no-defaults --socket="${socket}" -uroot \
    --connect-timeout=2 ping >/dev/null 2>&1; do
    if ! alive "${pid}"; then
      tail_log "${log_dir}/mariadb.log"
      die "MariaDB did not start (is port ${db_port} taken? set PARTNERHUB_LOCAL_DB_PORT)"
    fi
    if ((waited >= ready_timeout * 5)); then
      tail_log "${log_dir}/mariadb.log"
      die "MariaDB did not answer within ${ready_timeout}s"
    fi
    sleep 0.2
    waited=$((waited + 1))
  done
}

# The password of `schema`'s user, generated on first use.
password_for() {
  local file="${secrets_dir}/$1.password"
  if [[ ! -s "${file}" ]]; then
    (
      umask 077
      head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32 >"${file}"
    )
  fi
  chmod 600 "${file}"
  cat "${file}"
}

# Creates `schema` and a user of the same name confined to it.
ensure_schema() {
  local schema="$1" password="$2" grant_db
  # '_' is a wildcard in GRANT's database name: escape it.
  grant_db="${schema//_/\\_}"
  mariadb_root <<SQL
CREATE DATABASE IF NOT EXISTS \`${schema}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci;
CREATE USER IF NOT EXISTS '${schema}'@'127.0.0.1', '${schema}'@'localhost';
ALTER USER '${schema}'@'127.0.0.1' IDENTIFIED BY '${password}';
ALTER USER '${schema}'@'localhost' IDENTIFIED BY '${password}';
GRANT ALL PRIVILEGES ON \`${grant_db}\`.* TO '${schema}'@'127.0.0.1', '${schema}'@'localhost';
SQL
}

# Waits until `log` has a "serving on" line from `pid`; prints the address.
wait_serving() {
  local name="$1" pid="$2" log_file="$3" waited=0 line
  while true; do
    line="$(grep -o 'serving on [^[:space:]]*' "${log_file}" 2>/dev/null | tail -n 1 || true)"
    if [[ -n "${line}" ]]; then
      echo "${line#serving on }"
      return 0
    fi
    if ! alive "${pid}"; then
      tail_log "${log_file}"
      die "${name} exited during start (deploy/local/down.sh stops the rest)"
    fi
    if ((waited >= ready_timeout * 5)); then
      tail_log "${log_file}"
      die "${name} did not log 'serving on' within ${ready_timeout}s (deploy/local/down.sh stops it)"
    fi
    sleep 0.2
    waited=$((waited + 1))
  done
}

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

# Every service's address, for services that call others (a flag
# --<service>_address picks it up from PARTNERHUB_<SERVICE>_ADDRESS).
for entry in "${SERVICES[@]}"; do
  read -r _ _ schema default_port <<<"${entry}"
  var="PARTNERHUB_LOCAL_PORT_${schema^^}"
  export "PARTNERHUB_${schema^^}_ADDRESS=127.0.0.1:${!var:-${default_port}}"
done

table=()
for entry in "${SERVICES[@]}"; do
  read -r name binary schema default_port <<<"${entry}"
  var="PARTNERHUB_LOCAL_PORT_${schema^^}"
  port="${!var:-${default_port}}"
  if [[ ! -x "${repo_root}/${binary}" ]]; then
    log "note: ${name} is not built yet (${binary}); skipped"
    continue
  fi

  password="$(password_for "${schema}")"
  ensure_schema "${schema}" "${password}"

  db_flags=(--db_host=127.0.0.1 --db_port="${db_port}" --db_name="${schema}" --db_user="${schema}")
  log "migrating ${name}"
  if ! PARTNERHUB_DB_PASSWORD="${password}" "${repo_root}/${binary}" migrate \
    "${db_flags[@]}" >"${log_dir}/${name}.migrate.log" 2>&1 </dev/null; then
    tail_log "${log_dir}/${name}.migrate.log"
    die "${name} migrate failed"
  fi

  log "starting ${name} on ${listen_host}:${port}"
  service_log="${log_dir}/${name}.log"
  if [[ -f "${service_log}" ]]; then
    mv -f "${service_log}" "${service_log}.prev"
  fi
  # The password goes through the environment, not argv (visible in ps).
  PARTNERHUB_DB_PASSWORD="${password}" setsid "${repo_root}/${binary}" serve \
    --listen="${listen_host}:${port}" "${db_flags[@]}" \
    >"${service_log}" 2>&1 </dev/null &
  pid=$!
  echo "${pid}" >"${run_dir}/${name}.pid"
  address="$(wait_serving "${name}" "${pid}" "${service_log}")"
  table+=("${name} ${address} ${schema} .local/logs/${name}.log")
done

echo
printf '%-20s %-22s %-20s %s\n' SERVICE ADDRESS SCHEMA LOG
printf '%-20s %-22s %-20s %s\n' mariadb "127.0.0.1:${db_port}" - .local/logs/mariadb.log
for row in "${table[@]}"; do
  # shellcheck disable=SC2086  # split the row into its columns
  printf '%-20s %-22s %-20s %s\n' ${row}
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
echo "Stop: deploy/local/down.sh   (--purge also deletes .local data)"
