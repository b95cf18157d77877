#!/usr/bin/env bash
# Runs the dev overlay of deploy/k8s on this machine with `podman kube play`
# and checks that it serves: every service reports SERVING on the gRPC health
# service, partner-registry takes a CreatePartner, and campaign reaches
# partner-registry by its in-cluster name (CreateCampaign for an unknown
# partner gets partner-registry's NOT_FOUND, not UNAVAILABLE). Tears everything down at
# the end (also on failure), unless --keep.
#
#   tests/deploy/kube_play_test.sh [--no-build] [--keep] [--timeout SECONDS]
#
#   --no-build   use the images already built (partnerhub/<service>:dev,
#                partnerhub/mariadb:dev) instead of running
#                deploy/docker/build-images.sh first
#   --git-ref R  build the images from commit R (e.g. HEAD) instead of the
#                work tree
#   --keep       leave the pods running (tear down later with --down)
#   --down       only tear down what a --keep run left
#   --timeout S  seconds to wait for the databases and for SERVING (default 240)
#
# Needs root, podman (runc), kubectl (kustomize), python3 with PyYAML, and a
# grpcurl: $GRPCURL, else build/tools/grpcurl/grpcurl (tools/build.sh makes
# it). A service whose source does not exist yet (services/<dir>) or whose
# image is missing with --no-build is left out, with a message.
#
# Not registered with CTest: building the images takes minutes (see
# deploy/README.md for the timings).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export CONTAINERS_CONF="${CONTAINERS_CONF:-${repo_root}/deploy/docker/containers.conf}"
network=partnerhub-dev
tag=dev
state_dir=/var/tmp/partnerhub-kube-play

build=1
git_ref=()
keep=0
down_only=0
timeout=240
while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-build) build=0; shift ;;
    --keep) keep=1; shift ;;
    --git-ref) git_ref=(--git-ref "$2"); shift 2 ;;
    --git-ref=*) git_ref=(--git-ref "${1#*=}"); shift ;;
    --down) down_only=1; shift ;;
    --timeout) timeout="$2"; shift 2 ;;
    --timeout=*) timeout="${1#*=}"; shift ;;
    -h | --help)
      awk 'NR > 1 && /^#/ {sub(/^# ?/, ""); print; next} NR > 1 {exit}' "${BASH_SOURCE[0]}"
      exit 0
      ;;
    *) echo "kube_play_test: unknown argument $1" >&2; exit 2 ;;
  esac
done

started=${SECONDS}
log() { echo "kube_play_test: [$((SECONDS - started))s] $*"; }
fail() {
  echo "kube_play_test: FAILED: $*" >&2
  exit 1
}

# --- teardown ----------------------------------------------------------------

teardown() {
  [[ -d "${state_dir}" ]] || return 0
  log "tearing down"
  for f in services.yaml databases.yaml; do
    if [[ -f "${state_dir}/${f}" ]]; then
      podman kube down "${state_dir}/${f}" >/dev/null 2>&1 || true
    fi
  done
  # What kube down missed (a pod still starting when a play failed).
  if [[ -f "${state_dir}/pods.txt" ]]; then
    while read -r _ pod _ _; do
      if podman pod exists "${pod}" 2>/dev/null; then
        podman pod rm -f -t 5 "${pod}" >/dev/null 2>&1 || true
      fi
    done <"${state_dir}/pods.txt"
  fi
  if [[ -d "${state_dir}/secrets" ]]; then
    for s in "${state_dir}"/secrets/*.json; do
      [[ -e "${s}" ]] || continue
      podman secret rm "$(basename "${s}" .json)" >/dev/null 2>&1 || true
    done
  fi
  if [[ -f "${state_dir}/volumes.txt" ]]; then
    while read -r v; do
      podman volume rm -f "${v}" >/dev/null 2>&1 || true
    done <"${state_dir}/volumes.txt"
  fi
  if [[ -f "${state_dir}/network-created" ]]; then
    podman network rm "${network}" >/dev/null 2>&1 || true
  fi
  rm -rf "${state_dir}"
}

if [[ ${down_only} -eq 1 ]]; then
  teardown
  exit 0
fi

on_exit() {
  local status=$?
  if [[ ${status} -ne 0 && -d "${state_dir}" ]]; then
    echo "kube_play_test: --- pods and the last lines of each container's log ---" >&2
    podman ps -a --filter "label=app.kubernetes.io/part-of=partnerhub" \
      --format '{{.Names}}  {{.Status}}' >&2 2>/dev/null || podman ps -a >&2 || true
    for c in $(podman ps -a --format '{{.Names}}' 2>/dev/null | grep -v -- '-infra$' || true); do
      echo "--- ${c}" >&2
      podman logs --tail 8 "${c}" >&2 2>&1 || true
    done
  fi
  if [[ ${keep} -eq 1 && ${status} -eq 0 ]]; then
    log "--keep: left running; tear down with $0 --down"
  else
    teardown
  fi
  log "done in $((SECONDS - started)) s (exit ${status})"
}

# --- prerequisites -----------------------------------------------------------

[[ "$(id -u)" -eq 0 ]] || fail "run as root (podman with the runc runtime)"
command -v podman >/dev/null || fail "podman is not installed (apt-get install -y podman runc)"
command -v kubectl >/dev/null || fail "kubectl (with kustomize) is not installed"
python3 -c 'import yaml' 2>/dev/null || fail "python3 has no PyYAML (apt-get install -y python3-yaml)"
grpcurl="${GRPCURL:-${repo_root}/build/tools/grpcurl/grpcurl}"
[[ -x "${grpcurl}" ]] || fail "no grpcurl at ${grpcurl} (tools/build.sh --target grpcurl, or set GRPCURL)"

# Leftovers of an earlier run (e.g. --keep) go first.
teardown
trap on_exit EXIT
mkdir -p "${state_dir}"

# --- images ------------------------------------------------------------------

all_services=(partner-registry campaign customer-experience reporting)
declare -A service_dir=([partner-registry]=partner_registry [campaign]=campaign
  [customer-experience]=customer_experience [reporting]=reporting)
present=()
skip=()
for s in "${all_services[@]}"; do
  if [[ -d "${repo_root}/services/${service_dir[${s}]}" ]]; then
    present+=("${s}")
  else
    log "leaving out ${s}: services/${service_dir[${s}]} does not exist yet"
    skip+=("${s}")
  fi
done
if [[ ${build} -eq 1 ]]; then
  log "building images: ${present[*]} mariadb"
  build_started=${SECONDS}
  "${repo_root}/deploy/docker/build-images.sh" --tag "${tag}" "${git_ref[@]}" \
    "${present[@]}" mariadb
  log "images built in $((SECONDS - build_started)) s"
fi
podman image exists "partnerhub/mariadb:${tag}" || fail "no image partnerhub/mariadb:${tag}"
playing=()
for s in "${present[@]}"; do
  if podman image exists "partnerhub/${s}:${tag}"; then
    playing+=("${s}")
  else
    log "leaving out ${s}: no image partnerhub/${s}:${tag}"
    skip+=("${s}")
  fi
done
[[ ${#playing[@]} -gt 0 ]] || fail "no service image to play"

# --- render and adapt ----------------------------------------------------------

kubectl kustomize "${repo_root}/deploy/k8s/overlays/dev" >"${state_dir}/dev.yaml"
skip_args=()
for s in "${skip[@]}"; do skip_args+=(--skip "${s}"); done
python3 "${repo_root}/tests/deploy/kube_play_prepare.py" "${state_dir}/dev.yaml" \
  "${state_dir}" "${skip_args[@]}" >"${state_dir}/pods.txt"
log "playing: ${playing[*]} (each with its own MariaDB)"

if ! podman network exists "${network}"; then
  podman network create "${network}" >/dev/null
  touch "${state_dir}/network-created"
fi
for s in "${state_dir}"/secrets/*.json; do
  podman secret create "$(basename "${s}" .json)" "${s}" >/dev/null
done

# --- databases -----------------------------------------------------------------

podman kube play --replace --network "${network}" "${state_dir}/databases.yaml" >/dev/null
deadline=$((SECONDS + timeout))
while read -r name pod container port; do
  [[ "${name}" == *-mariadb ]] || continue
  until podman exec "${container}" mariadb-admin --no-defaults --protocol=tcp \
    --host=127.0.0.1 --connect-timeout=2 ping >/dev/null 2>&1; do
    ((SECONDS < deadline)) || fail "${name} not ready within ${timeout}s"
    sleep 1
  done
  log "${name} ready (${pod})"
done <"${state_dir}/pods.txt"

# --- services ------------------------------------------------------------------

# Sequential: each pod's migrate init container runs to completion first.
play_started=${SECONDS}
podman kube play --replace --network "${network}" "${state_dir}/services.yaml" >/dev/null
log "services started (migrations included) in $((SECONDS - play_started)) s"

# The address of a pod on the network, from the host.
pod_ip() {
  local infra
  infra="$(podman pod inspect "$1" --format '{{.InfraContainerID}}')"
  podman inspect "${infra}" \
    --format "{{(index .NetworkSettings.Networks \"${network}\").IPAddress}}"
}

declare -A address
deadline=$((SECONDS + timeout))
while read -r name pod container port; do
  [[ "${name}" != *-mariadb ]] || continue
  address[${name}]="$(pod_ip "${pod}"):${port}"
  until out="$("${grpcurl}" -plaintext -max-time 2 "${address[${name}]}" \
    grpc.health.v1.Health/Check 2>&1)" && grep -q '"SERVING"' <<<"${out}"; do
    ((SECONDS < deadline)) || fail "${name} (${address[${name}]}) not SERVING within ${timeout}s: ${out}"
    sleep 1
  done
  log "${name} SERVING at ${address[${name}]} (pod ${pod})"
done <"${state_dir}/pods.txt"

# --- a call across pods ----------------------------------------------------------

if [[ -n "${address[partner-registry]:-}" ]]; then
  out="$("${grpcurl}" -plaintext -max-time 10 -d '{
    "request_id": "kube-play-partner-1",
    "partner": {"display_name": "Kube Play Burgers", "legal_name": "Kube Play Burgers Inc.",
      "business_registration_number": "120-81-47521", "category": "FOOD_AND_BEVERAGE",
      "tier": "STANDARD", "account_manager": "kube.play"}}' \
    "${address[partner-registry]}" partnerhub.partner_registry.v1.PartnerRegistry/CreatePartner 2>&1)" ||
    fail "CreatePartner: ${out}"
  partner="$(grep -o '"name": *"partners/[0-9]*"' <<<"${out}" | head -n1 | grep -o 'partners/[0-9]*')"
  [[ -n "${partner}" ]] || fail "CreatePartner answered without a name: ${out}"
  log "partner-registry: CreatePartner -> ${partner}"
  if [[ -n "${address[campaign]:-}" ]]; then
    # A campaign for a partner partner-registry does not know: campaign must
    # ask partner-registry (by its in-cluster name) and relay its NOT_FOUND;
    # UNAVAILABLE means it could not reach it.
    start_time="$(date -u -d '-1 minute' +%Y-%m-%dT%H:%M:%SZ)"
    end_time="$(date -u -d '+1 day' +%Y-%m-%dT%H:%M:%SZ)"
    out="$("${grpcurl}" -plaintext -max-time 10 -d "{
      \"request_id\": \"kube-play-campaign-1\",
      \"campaign\": {\"partner\": \"partners/999999\", \"display_name\": \"Kube play lunch\",
        \"objective\": \"ACQUISITION\", \"channel\": \"PARTNER_STORE\",
        \"start_time\": \"${start_time}\", \"end_time\": \"${end_time}\",
        \"budget\": {\"currency_code\": \"KRW\", \"amount_minor\": 1000000},
        \"segment\": \"segments/kube-play\"}}" \
      "${address[campaign]}" partnerhub.campaign.v1.CampaignService/CreateCampaign 2>&1 || true)"
    grep -q 'NotFound' <<<"${out}" ||
      fail "campaign did not get partner-registry's NOT_FOUND for partners/999999: ${out}"
    log "campaign -> partner-registry across pods: $(tr -s ' \n' ' ' <<<"${out}" | cut -c1-160)"
  fi
fi

log "PASSED: ${playing[*]} SERVING under podman kube play"
