#!/usr/bin/env bash
# Installs the Debian 12 packages PartnerHub builds and tests with.
# Idempotent: installs only what dpkg reports missing; does nothing otherwise.
# The MariaDB server package is only a source of binaries here (tests and
# deploy/local start private instances), so its system service is kept from
# starting during the install.
set -euo pipefail

packages=(
  build-essential
  cmake
  pkg-config
  libgrpc++-dev
  protobuf-compiler-grpc
  libprotobuf-dev
  protobuf-compiler
  libabsl-dev
  libmysqlcppconn-dev
  googletest
  libgtest-dev
  libgmock-dev
  mariadb-server
  mariadb-client
  grpc-proto
  # google/rpc/status.proto and error_details.proto (the error model)
  golang-github-gogo-googleapis-dev
  # the format check of CI (tests/format_check.sh)
  clang-format
  # tests/deploy/render_test.py (with kubectl, which the machine has)
  python3
  python3-yaml
  # tests/deploy/kube_play_test.sh and deploy/docker/build-images.sh:
  # podman with the runc runtime, netavark and aardvark-dns for the pods'
  # network and its DNS (pods find each other by name), iptables for
  # netavark, catatonit for the pods' pause image (podman builds it
  # locally), debootstrap for the Debian base images (no registry here).
  podman
  runc
  netavark
  aardvark-dns
  iptables
  catatonit
  debootstrap
)

is_installed() {
  local status
  status="$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)"
  [[ "${status}" == "install ok installed" ]]
}

missing=()
for pkg in "${packages[@]}"; do
  if ! is_installed "${pkg}"; then
    missing+=("${pkg}")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"

sudo_cmd=()
if [[ "$(id -u)" -ne 0 ]]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "install-deps: not root and no sudo; install as root: ${missing[*]}" >&2
    exit 1
  fi
  sudo_cmd=(sudo -n)
fi

# policy-rc.d returning 101 tells invoke-rc.d not to start services, so the
# mariadb-server install touches no system service. A policy-rc.d already
# present is set aside for the install and put back afterwards.
policy=/usr/sbin/policy-rc.d
saved_policy=/usr/sbin/policy-rc.d.partnerhub-saved
restore_policy() {
  if [[ -e "${saved_policy}" ]]; then
    "${sudo_cmd[@]}" mv -f "${saved_policy}" "${policy}"
  else
    "${sudo_cmd[@]}" rm -f "${policy}"
  fi
}
if [[ -e "${policy}" && ! -e "${saved_policy}" ]]; then
  "${sudo_cmd[@]}" mv -f "${policy}" "${saved_policy}"
fi
trap restore_policy EXIT
printf '#!/bin/sh\n# partnerhub install-deps: start no services\nexit 101\n' |
  "${sudo_cmd[@]}" tee "${policy}" >/dev/null
"${sudo_cmd[@]}" chmod 755 "${policy}"

export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
"${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y \
  --no-install-recommends \
  -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
  "${missing[@]}" </dev/null

echo "install-deps: done"
