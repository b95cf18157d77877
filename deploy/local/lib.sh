# Shared by up.sh, restart.sh and down.sh: where things are, the services,
# and the functions that start and stop them. Sourced, not run.
#
# Each script sets `script` (its file name, for messages and --help) before
# sourcing.

# One line per service: name, binary (relative to the repo root), schema,
# default port. A service whose binary is not built yet is skipped.
SERVICES=(
  "partner-registry    build/services/partner_registry/partner-registry       partner_registry     50051"
  "campaign            build/services/campaign/campaign                        campaign             50052"
  "customer-experience build/services/customer_experience/customer-experience customer_experience  50053"
  "reporting           build/services/reporting/reporting                      reporting            50054"
)

# Replica k (from 0) of a service listens on its port + 100 k.
REPLICA_PORT_STEP=100

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
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
stop_timeout="${PARTNERHUB_LOCAL_STOP_TIMEOUT:-20}"

log() { echo "${script}: $*"; }
die() {
  echo "${script}: ERROR: $*" >&2
  exit 1
}

# --help: the script's leading comment block (up to its first line that is
# not a comment), without the '# '. The comment is the only copy of the text.
usage() {
  awk 'NR > 1 && /^#/ {sub(/^# ?/, ""); print; next} NR > 1 {exit}' \
    "${repo_root}/deploy/local/${script}"
}
# A wrong command line: the message and the usage, on stderr; exit status 2.
usage_error() {
  echo "${script}: $*" >&2
  echo >&2
  usage >&2
  exit 2
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
      --innodb-buffer-pool-size="${PARTNERHUB_LOCAL_DB_BUFFER_POOL:-256M}" \
      --innodb-log-file-size="${PARTNERHUB_LOCAL_DB_LOG_FILE_SIZE:-96M}" \
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

# The service line of `name` (see SERVICES); fails for an unknown name.
service_entry() {
  local entry
  for entry in "${SERVICES[@]}"; do
    if [[ "${entry%% *}" == "$1" ]]; then
      echo "${entry}"
      return 0
    fi
  done
  return 1
}

# A service's first port: PARTNERHUB_LOCAL_PORT_<SCHEMA> or its default.
base_port() {
  local schema="$1" default_port="$2" var
  var="PARTNERHUB_LOCAL_PORT_${schema^^}"
  echo "${!var:-${default_port}}"
}

# How many replicas of a service run: PARTNERHUB_LOCAL_REPLICAS_<SCHEMA>,
# else the number of pid files it has, else 1.
replica_count() {
  local schema="$1" name="$2" var count
  var="PARTNERHUB_LOCAL_REPLICAS_${schema^^}"
  if [[ -n "${!var:-}" ]]; then
    echo "${!var}"
    return 0
  fi
  count="$(find "${run_dir}" -maxdepth 1 -name "${name}.*.pid" 2>/dev/null | wc -l)"
  echo $((count > 0 ? count : 1))
}

# Every service's address, for the services that call it (a flag
# --<service>_address picks it up from PARTNERHUB_<SERVICE>_ADDRESS): one
# host:port, or "ipv4:" and every replica's, which the caller balances over
# (round_robin) and retries across.
export_addresses() {
  local entry name schema default_port port replicas k addresses
  for entry in "${SERVICES[@]}"; do
    read -r name _ schema default_port <<<"${entry}"
    port="$(base_port "${schema}" "${default_port}")"
    replicas="$(replica_count "${schema}" "${name}")"
    if ((replicas == 1)); then
      export "PARTNERHUB_${schema^^}_ADDRESS=127.0.0.1:${port}"
      continue
    fi
    addresses=""
    for ((k = 0; k < replicas; k++)); do
      addresses+="${addresses:+,}127.0.0.1:$((port + k * REPLICA_PORT_STEP))"
    done
    export "PARTNERHUB_${schema^^}_ADDRESS=ipv4:${addresses}"
  done
}

# Applies a service's migrations (`<binary> migrate`).
migrate_service() {
  local name="$1" binary="$2" schema="$3"
  log "migrating ${name}"
  if ! PARTNERHUB_DB_PASSWORD="$(password_for "${schema}")" "${repo_root}/${binary}" \
    migrate --db_host=127.0.0.1 --db_port="${db_port}" --db_name="${schema}" \
    --db_user="${schema}" >"${log_dir}/${name}.migrate.log" 2>&1 </dev/null; then
    tail_log "${log_dir}/${name}.migrate.log"
    die "${name} migrate failed"
  fi
}

# Starts replica `k` of a service (already migrated) and waits until it
# serves; prints its address.
start_replica() {
  local name="$1" binary="$2" schema="$3" port="$4" k="$5" password pid
  local service_log="${log_dir}/${name}.${k}.log"
  password="$(password_for "${schema}")"
  if [[ -f "${service_log}" ]]; then
    mv -f "${service_log}" "${service_log}.prev"
  fi
  # The password goes through the environment, not argv (visible in ps).
  PARTNERHUB_DB_PASSWORD="${password}" setsid "${repo_root}/${binary}" serve \
    --listen="${listen_host}:${port}" --db_host=127.0.0.1 --db_port="${db_port}" \
    --db_name="${schema}" --db_user="${schema}" \
    >"${service_log}" 2>&1 </dev/null &
  pid=$!
  echo "${pid}" >"${run_dir}/${name}.${k}.pid"
  wait_serving "${name}" "${pid}" "${service_log}"
}

# Stops replica `k` of a service, if it runs (SIGTERM: it drains).
stop_replica() {
  local name="$1" k="$2" pid_file pid
  pid_file="${run_dir}/${name}.${k}.pid"
  if pid="$(running_pid "${pid_file}")"; then
    stop_process "${name}.${k}" "${pid}" "${stop_timeout}"
  fi
  rm -f "${pid_file}"
}
