#!/usr/bin/env bash
# Builds one container image per PartnerHub service with podman, from
# deploy/docker/Dockerfile.
#
#   deploy/docker/build-images.sh [options] [service...]
#
# Services: partner-registry campaign customer-experience reporting (default:
# all four). A service whose folder services/<dir> does not exist (yet) is
# skipped with a message. `mariadb` also builds partnerhub/mariadb:TAG, the
# database of the dev overlay of deploy/k8s (deploy/docker/mariadb/).
#
# Options:
#   --tag TAG        image tag (default: dev); images are partnerhub/<service>:TAG
#   --git-ref REF    build from a commit (git archive REF) instead of the work
#                    tree, e.g. --git-ref HEAD
#   --prebuilt DIR   take each service's binary from the CMake build tree DIR
#                    (DIR/services/<dir>/<binary>, built on this Debian 12
#                    host) instead of compiling it in the image's build stage:
#                    seconds instead of minutes, for tests. Release images
#                    are built without it.
#   --jobs N         parallel compile jobs inside the build (default: 2)
#   --bases-only     only make sure the base images exist
#   -h, --help       this text
#
# Environment:
#   CONTAINERS_CONF  podman settings (default: deploy/docker/containers.conf:
#                    runtime runc, nofile/nproc ulimits 1024)
#   PARTNERHUB_DEBIAN_MIRROR  mirror for debootstrap (default: the first
#                    Debian URI in /etc/apt/sources.list*, else deb.debian.org)
#
# No image registry is reachable here: debian:bookworm-slim and
# debian:bookworm are used when present in podman's local storage, and are
# otherwise made locally from Debian's packages with
# `debootstrap --variant=minbase bookworm` and `podman import`.
set -euo pipefail

self="$(realpath "${BASH_SOURCE[0]}")"
# --help: the comment block above (up to the first line that is not a
# comment), without the '# '.
usage() { awk 'NR > 1 && /^#/ {sub(/^# ?/, ""); print; next} NR > 1 {exit}' "${self}"; }
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
docker_dir="${repo_root}/deploy/docker"
export CONTAINERS_CONF="${CONTAINERS_CONF:-${docker_dir}/containers.conf}"

# name, folder under services/, CMake target (= binary name)
SERVICES=(
  "partner-registry    partner_registry    partner-registry"
  "campaign            campaign            campaign"
  "customer-experience customer_experience customer-experience"
  "reporting           reporting           reporting"
)

tag=dev
git_ref=""
prebuilt=""
jobs=2
bases_only=0
requested=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --tag) tag="$2"; shift 2 ;;
    --tag=*) tag="${1#*=}"; shift ;;
    --git-ref) git_ref="$2"; shift 2 ;;
    --git-ref=*) git_ref="${1#*=}"; shift ;;
    --prebuilt) prebuilt="$2"; shift 2 ;;
    --prebuilt=*) prebuilt="${1#*=}"; shift ;;
    --jobs) jobs="$2"; shift 2 ;;
    --jobs=*) jobs="${1#*=}"; shift ;;
    --bases-only) bases_only=1; shift ;;
    -h | --help)
      usage
      exit 0
      ;;
    -*) printf 'build-images: unknown option %s\n\n' "$1" >&2; usage >&2; exit 2 ;;
    *) requested+=("$1"); shift ;;
  esac
done

log() { echo "build-images: $*"; }
die() { echo "build-images: ERROR: $*" >&2; exit 1; }

if [[ -n "${prebuilt}" ]]; then
  [[ -z "${git_ref}" ]] || die "--prebuilt and --git-ref exclude each other"
  [[ -d "${prebuilt}" ]] || die "--prebuilt ${prebuilt}: not a directory"
  prebuilt="$(cd "${prebuilt}" && pwd)"
fi

# --- tools -------------------------------------------------------------------

need_packages=()
command -v podman >/dev/null 2>&1 || need_packages+=(podman)
command -v runc >/dev/null 2>&1 || need_packages+=(runc)
if [[ ${#need_packages[@]} -gt 0 ]]; then
  [[ "$(id -u)" -eq 0 ]] || die "install ${need_packages[*]} (as root: apt-get install -y ${need_packages[*]})"
  log "installing ${need_packages[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    "${need_packages[@]}" </dev/null
fi

# --- base images -------------------------------------------------------------

image_exists() { podman image exists "$1" 2>/dev/null; }

# The first Debian (not security) URI the host's apt uses: that mirror is
# reachable from here, whatever the rest of the network allows.
debian_mirror() {
  if [[ -n "${PARTNERHUB_DEBIAN_MIRROR:-}" ]]; then
    echo "${PARTNERHUB_DEBIAN_MIRROR}"
    return
  fi
  local uri
  uri="$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
    awk '/^URIs:/ {for (i = 2; i <= NF; i++) print $i}' |
    grep -v -- '-security' | head -n1 || true)"
  if [[ -z "${uri}" ]]; then
    uri="$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
      awk '$1 == "deb" && $0 !~ /security/ {for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) {print $i; exit}}' |
      head -n1 || true)"
  fi
  echo "${uri:-http://deb.debian.org/debian}"
}

# debian:bookworm and debian:bookworm-slim from `debootstrap --variant=minbase`.
# Both are the same minimal system; -slim additionally drops documentation,
# manual pages and translations (now and for every later package install),
# as Debian's official slim image does.
make_base_images() {
  if ! command -v debootstrap >/dev/null 2>&1; then
    [[ "$(id -u)" -eq 0 ]] || die "install debootstrap (as root: apt-get install -y debootstrap)"
    log "installing debootstrap"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      debootstrap </dev/null
  fi
  [[ "$(id -u)" -eq 0 ]] || die "debootstrap needs root"
  local mirror rootfs started
  mirror="$(debian_mirror)"
  rootfs="$(mktemp -d /var/tmp/partnerhub-bookworm.XXXXXX)"
  # shellcheck disable=SC2064
  trap "rm -rf '${rootfs}'" EXIT
  started=${SECONDS}
  log "no local debian:bookworm(-slim): making it with debootstrap --variant=minbase bookworm from ${mirror}"
  debootstrap --variant=minbase bookworm "${rootfs}" "${mirror}" \
    >"${rootfs}.log" 2>&1 || {
    tail -n 20 "${rootfs}.log" >&2
    die "debootstrap failed (log: ${rootfs}.log)"
  }
  rm -f "${rootfs}.log"
  # The same apt sources as this host (the reachable mirror, with -updates
  # and -security when the host has them), for the Dockerfile's apt-get.
  if [[ -f /etc/apt/sources.list.d/debian.sources ]]; then
    cp /etc/apt/sources.list.d/debian.sources "${rootfs}/etc/apt/sources.list.d/debian.sources"
    : >"${rootfs}/etc/apt/sources.list"
  fi
  # Image hygiene, as in Debian's own images: no apt caches, no daemons
  # started by package installs, no recommends.
  rm -rf "${rootfs}"/var/lib/apt/lists/* "${rootfs}"/var/cache/apt/*.bin \
    "${rootfs}"/var/cache/apt/archives/*.deb
  printf '#!/bin/sh\nexit 101\n' >"${rootfs}/usr/sbin/policy-rc.d"
  chmod 755 "${rootfs}/usr/sbin/policy-rc.d"
  printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' \
    >"${rootfs}/etc/apt/apt.conf.d/90partnerhub-no-recommends"
  if ! image_exists debian:bookworm; then
    tar -C "${rootfs}" --numeric-owner -c . |
      podman import --change 'CMD ["bash"]' - debian:bookworm >/dev/null
    log "imported debian:bookworm"
  fi
  if ! image_exists debian:bookworm-slim; then
    cat >"${rootfs}/etc/dpkg/dpkg.cfg.d/docker" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/lintian/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/locale/*
EOF
    find "${rootfs}/usr/share/doc" -mindepth 1 -not -name copyright -type f -delete 2>/dev/null || true
    find "${rootfs}/usr/share/doc" -mindepth 1 -type d -empty -delete 2>/dev/null || true
    rm -rf "${rootfs}"/usr/share/man/* "${rootfs}"/usr/share/info/* \
      "${rootfs}"/usr/share/locale/* "${rootfs}"/usr/share/groff/* \
      "${rootfs}"/usr/share/lintian/*
    tar -C "${rootfs}" --numeric-owner -c . |
      podman import --change 'CMD ["bash"]' - debian:bookworm-slim >/dev/null
    log "imported debian:bookworm-slim"
  fi
  rm -rf "${rootfs}"
  trap - EXIT
  log "base images made in $((SECONDS - started)) s"
}

if image_exists debian:bookworm && image_exists debian:bookworm-slim; then
  log "using local debian:bookworm and debian:bookworm-slim"
else
  make_base_images
fi
[[ ${bases_only} -eq 1 ]] && exit 0

# --- services ----------------------------------------------------------------

if [[ ${#requested[@]} -eq 0 ]]; then
  for line in "${SERVICES[@]}"; do
    read -r name _ <<<"${line}"
    requested+=("${name}")
  done
fi

# The build context: the source tree (the work tree or a commit), only what
# the CMake build reads, never build directories or local data; with
# --prebuilt, only the binaries (filled in per service below).
context="$(mktemp -d /var/tmp/partnerhub-context.XXXXXX)"
trap 'rm -rf "${context}"' EXIT
source_paths=(CMakeLists.txt cmake common protos services tests)
# Not read by the build; left out so that editing them does not invalidate
# the image layers (and recompile everything).
context_excludes=('tests/deploy/*.py' 'tests/deploy/*.sh' '*.md')
if [[ -n "${prebuilt}" ]]; then
  mkdir -p "${context}/prebuilt"
  # Which services exist, for the check below (empty folders).
  for line in "${SERVICES[@]}"; do
    read -r _ d _ <<<"${line}"
    if [[ -d "${repo_root}/services/${d}" ]]; then
      mkdir -p "${context}/services/${d}"
    fi
  done
  log "binaries: prebuilt in ${prebuilt}"
elif [[ -n "${git_ref}" ]]; then
  git -C "${repo_root}" rev-parse --verify -q "${git_ref}^{commit}" >/dev/null ||
    die "--git-ref ${git_ref}: no such commit"
  # Only paths present at that commit.
  present=()
  for p in "${source_paths[@]}"; do
    if git -C "${repo_root}" cat-file -e "${git_ref}:${p}" 2>/dev/null; then
      present+=("${p}")
    fi
  done
  git -C "${repo_root}" archive --format=tar "${git_ref}" "${present[@]}" |
    tar -C "${context}" -x "${context_excludes[@]/#/--exclude=}"
  log "source: ${git_ref} ($(git -C "${repo_root}" rev-parse --short "${git_ref}"))"
else
  tar -C "${repo_root}" --exclude='build*' --exclude='.local' --exclude='.git' \
    "${context_excludes[@]/#/--exclude=}" -c "${source_paths[@]}" | tar -C "${context}" -x
  log "source: work tree ${repo_root}"
fi
cp "${docker_dir}/Dockerfile" "${context}/Dockerfile"
if [[ -z "${prebuilt}" ]]; then
  # The build stage runs it (from the work tree, like the Dockerfile).
  mkdir -p "${context}/deploy/docker"
  cp "${docker_dir}/runtime-packages.sh" "${context}/deploy/docker/runtime-packages.sh"
fi

# With --prebuilt: the service's binary without its debug information, and
# the packages it needs, as the build stage would have made them.
stage_prebuilt() {
  local dir="$1" target="$2" binary out
  binary="${prebuilt}/services/${dir}/${target}"
  [[ -x "${binary}" ]] || {
    log "no ${binary} (build it first: cmake --build ${prebuilt} --target ${target})"
    return 1
  }
  out="${context}/prebuilt/${target}"
  mkdir -p "${out}"
  strip --strip-debug -o "${out}/${target}" "${binary}" || return 1
  "${docker_dir}/runtime-packages.sh" "${out}/${target}" >"${out}/runtime-packages" || return 1
  log "${target}: prebuilt binary $(du -h "${out}/${target}" | cut -f1), packages:" $(cat "${out}/runtime-packages")
}

# podman build, with this machine's runtime and limits, for every image.
podman_build() {
  podman build \
    --runtime runc \
    --ulimit nofile=1024:1024 --ulimit nproc=1024:1024 \
    --network host \
    --layers \
    "$@"
}

built=()
skipped=()
failed=()
for want in "${requested[@]}"; do
  if [[ "${want}" == mariadb ]]; then
    image="partnerhub/mariadb:${tag}"
    log "building ${image}"
    started=${SECONDS}
    if podman_build --tag "${image}" "${docker_dir}/mariadb"; then
      log "built ${image} in $((SECONDS - started)) s"
      built+=("${image}")
    else
      log "FAILED ${image} after $((SECONDS - started)) s"
      failed+=("${want}")
    fi
    continue
  fi
  dir="" target=""
  for line in "${SERVICES[@]}"; do
    read -r name d t <<<"${line}"
    if [[ "${name}" == "${want}" ]]; then
      dir="${d}" target="${t}"
    fi
  done
  [[ -n "${dir}" ]] || die "unknown service ${want} (known: partner-registry campaign customer-experience reporting mariadb)"
  if [[ ! -d "${context}/services/${dir}" ]]; then
    log "skipping ${want}: services/${dir} does not exist yet"
    skipped+=("${want}")
    continue
  fi
  image="partnerhub/${want}:${tag}"
  log "building ${image} (target ${target})"
  started=${SECONDS}
  binaries=build
  if [[ -n "${prebuilt}" ]]; then
    binaries=prebuilt
    if ! stage_prebuilt "${dir}" "${target}"; then
      log "FAILED ${image}: no prebuilt binary"
      failed+=("${want}")
      continue
    fi
  fi
  if podman_build \
    --build-arg "BINARIES=${binaries}" \
    --build-arg "SERVICE_DIR=${dir}" \
    --build-arg "TARGET=${target}" \
    --build-arg "JOBS=${jobs}" \
    --label "io.partnerhub.service=${want}" \
    --label "io.partnerhub.binaries=${binaries}" \
    --tag "${image}" \
    --file "${context}/Dockerfile" \
    "${context}"; then
    log "built ${image} in $((SECONDS - started)) s"
    built+=("${image}")
  else
    log "FAILED ${image} after $((SECONDS - started)) s"
    failed+=("${want}")
  fi
done

log "built: ${built[*]:-none}"
[[ ${#skipped[@]} -eq 0 ]] || log "skipped (no source yet): ${skipped[*]}"
if [[ ${#failed[@]} -gt 0 ]]; then
  die "failed: ${failed[*]}"
fi
