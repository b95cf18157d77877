#!/usr/bin/env bash
# The test command: builds everything (installing dependencies if missing),
# then runs every registered test. Each test starts its own private MariaDB.
# Extra arguments go to ctest (e.g. `tests/run.sh -L common`).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${repo_root}"

./tools/build.sh
ctest --test-dir build --output-on-failure -j2 "$@" </dev/null
