#!/usr/bin/env bash
# The test command (CI runs it too, through .ci/run): installs what is
# missing, checks the C++ formatting (tools/format.sh --check), builds
# everything with warnings as errors, then runs every registered test, each
# test case on its own (each with its own private MariaDB when it needs one).
# Extra arguments go to ctest (e.g. `tests/run.sh -L common`,
# `tests/run.sh -R campaign_`).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${repo_root}"

./tools/install-deps.sh
./tools/format.sh --check
PARTNERHUB_CMAKE_ARGS="-DPARTNERHUB_WERROR=ON" ./tools/build.sh
ctest --test-dir build --output-on-failure -j2 "$@" </dev/null
