#!/usr/bin/env bash
# Prints the Debian packages that own the shared libraries BINARY loads, one
# per line, sorted: what a runtime image must install for it, no more. Run
# where BINARY was linked (the Dockerfile's build stage, or a Debian 12 host
# for prebuilt binaries), so that ldd finds the same libraries.
#
#   deploy/docker/runtime-packages.sh BINARY
set -euo pipefail

binary="${1:?usage: runtime-packages.sh BINARY}"
libs="$(ldd "${binary}" | awk '$2 == "=>" && $3 ~ /^\// {print $3}')"
missing="$(ldd "${binary}" | awk '/not found/ {print $1}')"
if [[ -n "${missing}" ]]; then
  echo "runtime-packages: ${binary} needs libraries not installed here:" ${missing} >&2
  exit 1
fi
for lib in ${libs}; do
  # usrmerge: a library may be registered under /lib or /usr/lib.
  owner="$(dpkg -S "${lib}" 2>/dev/null || dpkg -S "$(realpath "${lib}")" 2>/dev/null ||
    dpkg -S "/usr${lib}" 2>/dev/null || dpkg -S "${lib#/usr}" 2>/dev/null)" || {
    echo "runtime-packages: no Debian package owns ${lib}" >&2
    exit 1
  }
  echo "${owner%%:*}"
done | sort -u
