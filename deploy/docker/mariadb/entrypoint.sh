#!/bin/sh
# Starts MariaDB; on the first start (empty data directory) creates it, the
# schema MARIADB_DATABASE and the user MARIADB_USER (password
# MARIADB_PASSWORD) allowed only that schema, and runs
# /docker-entrypoint-initdb.d/*.sql. Writes only to /var/lib/mysql,
# /run/mysqld and /tmp, so the root filesystem can be read-only.
set -eu

datadir=/var/lib/mysql
socket=/run/mysqld/mysqld.sock
log() { echo "partnerhub-mariadb: $*" >&2; }

server_args="--no-defaults --datadir=${datadir} --socket=${socket}
  --pid-file=/run/mysqld/mysqld.pid --tmpdir=/tmp
  --skip-log-bin --skip-name-resolve
  --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci
  --default-time-zone=+00:00 --max-connections=500
  --innodb-buffer-pool-size=${MARIADB_INNODB_BUFFER_POOL_SIZE:-128M}"

if [ ! -d "${datadir}/mysql" ]; then
  log "first start: creating the data directory"
  # root@localhost and mysql@localhost, both by unix_socket only.
  mariadb-install-db --no-defaults --datadir="${datadir}" --user="$(id -un)" \
    --auth-root-authentication-method=socket --skip-test-db >/dev/null
  # shellcheck disable=SC2086
  mariadbd ${server_args} --skip-networking &
  pid=$!
  tries=0
  until mariadb-admin --no-defaults --socket="${socket}" ping >/dev/null 2>&1; do
    if ! kill -0 "${pid}" 2>/dev/null; then
      log "MariaDB exited during the initialisation"
      exit 1
    fi
    tries=$((tries + 1))
    if [ "${tries}" -gt 300 ]; then
      log "MariaDB did not answer within 60 s during the initialisation"
      exit 1
    fi
    sleep 0.2
  done
  sql() { mariadb --no-defaults --socket="${socket}" "$@"; }
  if [ -n "${MARIADB_DATABASE:-}" ]; then
    # '_' is a wildcard in GRANT's database name: escape it.
    grant_db="$(printf '%s' "${MARIADB_DATABASE}" | sed 's/_/\\_/g')"
    sql <<SQL
CREATE DATABASE IF NOT EXISTS \`${MARIADB_DATABASE}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci;
SQL
    log "created schema ${MARIADB_DATABASE}"
    if [ -n "${MARIADB_USER:-}" ]; then
      if [ -z "${MARIADB_PASSWORD:-}" ]; then
        log "MARIADB_PASSWORD is required with MARIADB_USER"
        exit 1
      fi
      sql <<SQL
CREATE USER '${MARIADB_USER}'@'%' IDENTIFIED BY '${MARIADB_PASSWORD}';
GRANT ALL PRIVILEGES ON \`${grant_db}\`.* TO '${MARIADB_USER}'@'%';
SQL
      log "created user ${MARIADB_USER}, allowed only ${MARIADB_DATABASE}"
    fi
  fi
  for f in /docker-entrypoint-initdb.d/*.sql; do
    [ -e "${f}" ] || continue
    log "running ${f}"
    sql ${MARIADB_DATABASE:+"${MARIADB_DATABASE}"} <"${f}"
  done
  mariadb-admin --no-defaults --socket="${socket}" shutdown
  wait "${pid}" || true
  log "initialised"
fi

# shellcheck disable=SC2086
exec mariadbd ${server_args} --bind-address=0.0.0.0 --port=3306 "$@"
