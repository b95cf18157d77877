#!/usr/bin/env bash
# Formats the project's C++ sources (*.cc, *.h) with clang-format and the
# repository's .clang-format (Google style).
#
#   tools/format.sh           rewrites unformatted files in place
#   tools/format.sh --check   lists unformatted files and fails (tests/run.sh)
#
# Installs Debian's clang-format if it is missing.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${repo_root}"

usage() { awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "${repo_root}/tools/format.sh"; }

check=false
case "${1:-}" in
  "") ;;
  --check) check=true ;;
  -h | --help) usage; exit 0 ;;
  *) echo "format.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
esac

if ! command -v clang-format >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y clang-format >/dev/null
fi

if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files -- '*.cc' '*.h')
else
  mapfile -t files < <(find common services tests tools -name '*.cc' -o -name '*.h' | sort)
fi

if ! "${check}"; then
  clang-format -i -- "${files[@]}"
  exit 0
fi
unformatted=()
for f in "${files[@]}"; do
  if ! clang-format --dry-run --Werror -- "${f}" >/dev/null 2>&1; then
    unformatted+=("${f}")
  fi
done
if ((${#unformatted[@]} > 0)); then
  echo "not formatted (run tools/format.sh):" >&2
  printf '  %s\n' "${unformatted[@]}" >&2
  exit 1
fi
echo "format ok (${#files[@]} files)"
