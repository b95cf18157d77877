#!/usr/bin/env bash
# Installs missing dependencies, configures and builds the whole tree in build/.
# Works from any directory. Extra arguments go to `cmake --build`
# (e.g. `tools/build.sh --target partner-registry`).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${repo_root}"

./tools/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j2 "$@"
