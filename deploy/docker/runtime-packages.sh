#!/usr/bin/env bash
# Prints the Debian packages that own the shared libraries BINARY loads, one
# per line, sorted: what a runtime image must install for it, no more. Run
# where BINARY was linked (the Dockerfile's build stage, or a Debian 12 host
# for prebuilt binaries), so that ldd finds the same libraries.
#
#   deploy/docker/runtime-packages.sh BINARY
set -euo pipefail

binary="${1:?usage: runtime-packages.sh BINARY}"
ldd_out="$(ldd "${binary}")"
missing="$(awk '/not found/ {print $1}' <<<"${ldd_out}")"
if [[ -n "${missing}" ]]; then
  echo "runtime-packages: ${binary} needs libraries not installed here:" ${missing} >&2
  exit 1
fi
mapfile -t libs < <(awk '$2 == "=>" && $3 ~ /^\// {print $3}' <<<"${ldd_out}")

# Each library under the names dpkg may have registered it (usrmerge: /lib
# or /usr/lib; or the file a symlink points to), asked in one dpkg -S call
# (each call reads dpkg's whole database).
candidates_of() {
  local lib="$1"
  echo "${lib}"
  realpath "${lib}"
  echo "/usr${lib}"
  echo "${lib#/usr}"
}
mapfile -t candidates < <(for lib in "${libs[@]}"; do candidates_of "${lib}"; done | sort -u)
declare -A owner
while IFS= read -r line; do
  # "libc6:amd64: /lib/x86_64-linux-gnu/libc.so.6"; diversions are noted
  # on lines of their own.
  [[ "${line}" == diversion* || "${line}" != *": /"* ]] && continue
  owner["${line##*: }"]="${line%%:*}"
done < <(dpkg -S "${candidates[@]}" 2>/dev/null || true)

for lib in "${libs[@]}"; do
  found=""
  while IFS= read -r c; do
    if [[ -n "${owner[${c}]:-}" ]]; then
      found="${owner[${c}]}"
      break
    fi
  done < <(candidates_of "${lib}")
  if [[ -z "${found}" ]]; then
    echo "runtime-packages: no Debian package owns ${lib}" >&2
    exit 1
  fi
  echo "${found}"
done | sort -u
