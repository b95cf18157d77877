#!/usr/bin/env bash
# Installs missing dependencies, configures and builds the whole tree in build/.
# Works from any directory. Extra arguments go to `cmake --build`
# (e.g. `tools/build.sh --target partner-registry`); extra configure options
# come from PARTNERHUB_CMAKE_ARGS (e.g. "-DPARTNERHUB_WERROR=ON", as
# tests/run.sh does).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${repo_root}"

./tools/install-deps.sh
# shellcheck disable=SC2086  # the options are words on purpose
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo ${PARTNERHUB_CMAKE_ARGS:-}
cmake --build build -j2 "$@"
