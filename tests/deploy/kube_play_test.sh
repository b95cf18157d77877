#!/usr/bin/env bash
# One file: one run in order, its steps sharing its pods, state and teardown.
# Runs the dev overlay of deploy/k8s on this machine with `podman kube play`
# and checks that it works end to end: every service reports SERVING on the
# gRPC health service (and SERVING on "liveness", the liveness probe's
# name), then one scenario through gRPC across the four pods: a partner is
# onboarded (agreement signed, ACTIVE) in partner-registry, a customer is
# created in customer-experience, campaign runs a campaign for the partner
# (it asks partner-registry by its in-cluster name), issues codes, and
# redeems one; the purchase is recorded; reporting, following the three
# event feeds, reports the campaign's redemption, codes and order. Tears
# everything down at the end (also on failure), unless --keep.
#
#   tests/deploy/kube_play_test.sh [--prebuilt BUILD_DIR | --no-build] [--keep]
#
#   --prebuilt DIR  build the service images from the binaries already built
#                in the CMake build tree DIR (deploy/docker/build-images.sh
#                --prebuilt: no compiling in the image build); grpcurl from
#                DIR/tools/grpcurl/grpcurl. What CTest runs.
#   --no-build   use the images already built (partnerhub/<service>:TAG,
#                partnerhub/mariadb:TAG) instead of running
#                deploy/docker/build-images.sh first
#   --git-ref R  build the images from commit R (e.g. HEAD) instead of the
#                work tree (compiled in the images' build stage)
#   --tag TAG    image tag to build and run (default: dev)
#   --keep       leave the pods running (tear down later with --down)
#   --down       only tear down what a --keep run left
#   --timeout S  seconds to wait for the databases, for SERVING, and for
#                reporting to show the redemption (default 240)
#
# Without --prebuilt or --no-build, the images are built from source in
# their build stage (the release way): minutes (see deploy/README.md).
#
# Needs root, podman (runc, netavark, aardvark-dns), kubectl (kustomize),
# python3 with PyYAML, and a grpcurl: $GRPCURL, else
# BUILD_DIR/tools/grpcurl/grpcurl with --prebuilt, else
# build/tools/grpcurl/grpcurl. A service whose source does not exist yet
# (services/<dir>) or whose image is missing with --no-build is left out,
# with a message (and the scenario is then not run).
#
# Exit status: 0 passed, 1 failed, 77 skipped (not root: CTest reports it
# as skipped).
set -euo pipefail

self="$(realpath "${BASH_SOURCE[0]}")"
# --help: the comment block above (up to the first line that is not a
# comment), without the '# '.
usage() { awk 'NR > 1 && /^#/ {sub(/^# ?/, ""); print; next} NR > 1 {exit}' "${self}"; }
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export CONTAINERS_CONF="${CONTAINERS_CONF:-${repo_root}/deploy/docker/containers.conf}"
network=partnerhub-dev
tag=dev
state_dir=/var/tmp/partnerhub-kube-play

build=1
prebuilt=""
git_ref=()
keep=0
down_only=0
timeout=240
while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-build) build=0; shift ;;
    --prebuilt) prebuilt="$2"; shift 2 ;;
    --prebuilt=*) prebuilt="${1#*=}"; shift ;;
    --tag) tag="$2"; shift 2 ;;
    --tag=*) tag="${1#*=}"; shift ;;
    --keep) keep=1; shift ;;
    --git-ref) git_ref=(--git-ref "$2"); shift 2 ;;
    --git-ref=*) git_ref=(--git-ref "${1#*=}"); shift ;;
    --down) down_only=1; shift ;;
    --timeout) timeout="$2"; shift 2 ;;
    --timeout=*) timeout="${1#*=}"; shift ;;
    -h | --help)
      usage
      exit 0
      ;;
    *) printf 'kube_play_test: unknown argument %s\n\n' "$1" >&2; usage >&2; exit 2 ;;
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

if [[ "$(id -u)" -ne 0 ]]; then
  echo "kube_play_test: SKIPPED: needs root (podman with the runc runtime)"
  exit 77
fi
command -v podman >/dev/null || fail "podman is not installed (tools/install-deps.sh, or apt-get install -y podman runc netavark aardvark-dns)"
command -v kubectl >/dev/null || fail "kubectl (with kustomize) is not installed"
# Debian's python3 has PyYAML (tools/install-deps.sh); another python3
# first on PATH may not.
python=python3
for candidate in python3 /usr/bin/python3; do
  if "${candidate}" -c 'import yaml' 2>/dev/null; then
    python="${candidate}"
    break
  fi
done
"${python}" -c 'import yaml' 2>/dev/null || fail "python3 has no PyYAML (apt-get install -y python3-yaml)"
if [[ -n "${prebuilt}" ]]; then
  [[ ${build} -eq 1 ]] || fail "--prebuilt and --no-build exclude each other"
  [[ -d "${prebuilt}" ]] || fail "--prebuilt ${prebuilt}: not a directory"
  prebuilt="$(cd "${prebuilt}" && pwd)"
  grpcurl="${GRPCURL:-${prebuilt}/tools/grpcurl/grpcurl}"
else
  grpcurl="${GRPCURL:-${repo_root}/build/tools/grpcurl/grpcurl}"
fi
[[ -x "${grpcurl}" ]] || fail "no grpcurl at ${grpcurl} (cmake --build <build dir> --target grpcurl, or set GRPCURL)"

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
  build_args=(--tag "${tag}" "${git_ref[@]}")
  if [[ -n "${prebuilt}" ]]; then
    build_args+=(--prebuilt "${prebuilt}")
    log "building images from the binaries in ${prebuilt}: ${present[*]} mariadb"
  else
    log "building images (compiled in their build stage): ${present[*]} mariadb"
  fi
  build_started=${SECONDS}
  "${repo_root}/deploy/docker/build-images.sh" "${build_args[@]}" "${present[@]}" mariadb
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
"${python}" "${repo_root}/tests/deploy/kube_play_prepare.py" "${state_dir}/dev.yaml" \
  "${state_dir}" --tag "${tag}" "${skip_args[@]}" >"${state_dir}/pods.txt"
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
  # The liveness probe's health name: SERVING too (common/server).
  out="$("${grpcurl}" -plaintext -max-time 2 -d '{"service": "liveness"}' \
    "${address[${name}]}" grpc.health.v1.Health/Check 2>&1)" || true
  grep -q '"SERVING"' <<<"${out}" || fail "${name}: liveness is not SERVING: ${out}"
  log "${name} SERVING at ${address[${name}]} (pod ${pod})"
done <"${state_dir}/pods.txt"

# --- one scenario across the four pods ------------------------------------------

# call SERVICE METHOD JSON: a unary call to SERVICE's pod; prints the
# response (JSON). A failed call fails the test.
call() {
  local out
  out="$("${grpcurl}" -plaintext -max-time 10 -d "$3" "${address[$1]}" "$2" 2>&1)" ||
    fail "$1 $2 $3: ${out}"
  printf '%s\n' "${out}"
}
# json PATH: a field of the JSON on stdin, by its .proto name (a.b.0.c);
# grpcurl may print lowerCamelCase names. Empty when absent (proto3 leaves
# out zero values).
json() {
  "${python}" -c '
import json, re, sys
value = json.load(sys.stdin)
for part in sys.argv[1].split("."):
    if isinstance(value, list):
        value = value[int(part)] if int(part) < len(value) else ""
    elif isinstance(value, dict):
        camel = re.sub(r"_([a-z])", lambda m: m.group(1).upper(), part)
        value = value.get(part, value.get(camel, ""))
    else:
        value = ""
print(value)' "$1"
}
# expect WHAT GOT WANT (a number WANT also matches an absent GOT as 0)
expect() {
  local got="$2"
  if [[ -z "${got}" && "$3" =~ ^[0-9]+$ ]]; then got=0; fi
  [[ "${got}" == "$3" ]] || fail "$1: got '$2', want '$3'"
}

if [[ ${#skip[@]} -gt 0 ]]; then
  log "scenario not run: ${skip[*]} left out"
else
  pr=partnerhub.partner_registry.v1.PartnerRegistryService
  cs=partnerhub.campaign.v1.CampaignService
  cx=partnerhub.customer_experience.v1.CustomerExperienceService
  rp=partnerhub.reporting.v1.ReportingService
  # Agreement dates are days in KST; times are UTC.
  day() { TZ=Asia/Seoul date -d "$1" "+{\"year\": %Y, \"month\": %-m, \"day\": %-d}"; }
  utc() { date -u -d "$1" +%Y-%m-%dT%H:%M:%SZ; }

  # partner-registry: onboard a partner up to ACTIVE with a signed agreement
  # in force (campaign needs CONTRACTED or ACTIVE, and the agreement's
  # discount share when the campaign starts).
  partner="$(call partner-registry "${pr}/CreatePartner" '{
    "request_id": "kube-play-partner-1",
    "partner": {"display_name": "Kube Play Burgers", "legal_name": "Kube Play Burgers Inc.",
      "business_registration_number": "120-81-47521", "category": "FOOD_AND_BEVERAGE",
      "tier": "STANDARD", "account_manager": "kube.play"}}' | json name)"
  [[ "${partner}" == partners/* ]] || fail "CreatePartner answered without a name"
  for state in NEGOTIATING CONTRACTED; do
    call partner-registry "${pr}/TransitionPartner" \
      "{\"name\": \"${partner}\", \"state\": \"${state}\", \"reason\": \"kube play\"}" >/dev/null
  done
  agreement="$(call partner-registry "${pr}/CreateAgreement" "{
    \"parent\": \"${partner}\",
    \"agreement\": {\"commission_rate_bps\": 1200, \"partner_discount_share_bps\": 5000,
      \"settlement_cycle\": \"MONTHLY\", \"start_date\": $(day '-30 days'),
      \"end_date\": $(day '+60 days'),
      \"kpi_targets\": {\"orders\": 10, \"gmv\": {\"currency_code\": \"KRW\", \"amount_minor\": 100000}}}}" |
    json name)"
  call partner-registry "${pr}/SignAgreement" "{\"name\": \"${agreement}\"}" >/dev/null
  state="$(call partner-registry "${pr}/TransitionPartner" \
    "{\"name\": \"${partner}\", \"state\": \"ACTIVE\", \"reason\": \"kube play\"}" | json state)"
  expect "partner state" "${state}" ACTIVE
  log "partner-registry: ${partner} ACTIVE, ${agreement} signed"

  # customer-experience: the customer who redeems and buys.
  customer="$(call customer-experience "${cx}/CreateCustomer" "{
    \"customer_id\": \"kube-play-1\",
    \"customer\": {\"birth_year\": 1998, \"gender\": \"FEMALE\", \"region\": \"KR-11\",
      \"sign_up_time\": \"$(utc '-2 days')\", \"marketing_consent\": {\"state\": \"GRANTED\"}}}" |
    json name)"
  expect "customer" "${customer}" customers/kube-play-1

  # campaign: a campaign for the partner (campaign asks partner-registry),
  # an offer of 3,000 won off, RUNNING, three bulk codes.
  campaign="$(call campaign "${cs}/CreateCampaign" "{
    \"request_id\": \"kube-play-campaign-1\",
    \"campaign\": {\"partner\": \"${partner}\", \"display_name\": \"Kube play lunch\",
      \"objective\": \"ACQUISITION\", \"channel\": \"PARTNER_STORE\",
      \"start_time\": \"$(utc '-1 minute')\", \"end_time\": \"$(utc '+1 day')\",
      \"budget\": {\"currency_code\": \"KRW\", \"amount_minor\": 1000000}}}" | json name)"
  [[ "${campaign}" == campaigns/* ]] || fail "CreateCampaign answered without a name"
  offer="$(call campaign "${cs}/CreateOffer" "{
    \"parent\": \"${campaign}\",
    \"offer\": {\"display_name\": \"3,000 won off\",
      \"amount_off\": {\"currency_code\": \"KRW\", \"amount_minor\": 3000}}}" | json name)"
  call campaign "${cs}/TransitionCampaign" "{\"name\": \"${campaign}\", \"state\": \"SCHEDULED\"}" >/dev/null
  running="$(call campaign "${cs}/TransitionCampaign" \
    "{\"name\": \"${campaign}\", \"state\": \"RUNNING\"}")"
  expect "campaign state" "$(json state <<<"${running}")" RUNNING
  expect "campaign partner_discount_share_bps" \
    "$(json partner_discount_share_bps <<<"${running}")" 5000
  issuance="$(call campaign "${cs}/CreateCodeIssuance" "{
    \"parent\": \"${offer}\", \"request_id\": \"kube-play-codes-1\",
    \"issuance\": {\"kind\": \"BULK\", \"count\": 3}}" | json name)"
  deadline=$((SECONDS + timeout))
  until job="$(call campaign "${cs}/GetCodeIssuance" "{\"name\": \"${issuance}\"}")" &&
    [[ "$(json state <<<"${job}")" != RUNNING ]]; do
    ((SECONDS < deadline)) || fail "${issuance} still RUNNING after ${timeout}s"
    sleep 0.5
  done
  expect "issuance state" "$(json state <<<"${job}")" SUCCEEDED
  expect "issued_count" "$(json issued_count <<<"${job}")" 3
  code="$(call campaign "${cs}/ListCouponCodes" "{\"parent\": \"${issuance}\"}" |
    json coupon_codes.0.code)"
  [[ -n "${code}" ]] || fail "ListCouponCodes of ${issuance}: no code"
  log "campaign: ${campaign} RUNNING, ${offer}, 3 codes issued"

  # Checkout: the code redeemed on a 20,000 won order, the purchase recorded.
  redemption="$(call campaign "${cs}/RedeemCoupon" "{
    \"request_id\": \"kube-play-redeem-1\",
    \"use\": {\"code\": \"${code}\", \"customer\": \"${customer}\", \"partner\": \"${partner}\",
      \"store\": \"kube-play\", \"order_id\": \"kube-play-order-1\",
      \"order_amount\": {\"currency_code\": \"KRW\", \"amount_minor\": 20000}}}")"
  expect "discount" "$(json discount.amount_minor <<<"${redemption}")" 3000
  expect "partner_cost" "$(json partner_cost.amount_minor <<<"${redemption}")" 1500
  call customer-experience "${cx}/RecordPurchase" "{
    \"purchase_id\": \"kube-play-order-1\",
    \"purchase\": {\"customer\": \"${customer}\", \"partner\": \"${partner}\",
      \"items\": [{\"category\": \"food.burger\", \"quantity\": 1,
        \"amount\": {\"currency_code\": \"KRW\", \"amount_minor\": 17000}}],
      \"total\": {\"currency_code\": \"KRW\", \"amount_minor\": 17000},
      \"campaign\": \"${campaign}\", \"coupon_code\": \"${code}\",
      \"purchase_time\": \"$(utc now)\"}}" >/dev/null
  log "checkout: $(json name <<<"${redemption}") (3,000 won off), purchase recorded"

  # reporting: the campaign's figures, once the three feeds have brought
  # the redemption, the codes and the purchase.
  report_started=${SECONDS}
  deadline=$((SECONDS + timeout))
  while true; do
    perf="$("${grpcurl}" -plaintext -max-time 10 -d "{\"campaign\": \"${campaign}\"}" \
      "${address[reporting]}" "${rp}/GetCampaignPerformance" 2>&1)" || perf=""
    if [[ -n "${perf}" && "$(json totals.redemptions <<<"${perf}")" == 1 &&
      "$(json totals.orders <<<"${perf}")" == 1 &&
      "$(json totals.codes_issued <<<"${perf}")" == 3 ]]; then
      break
    fi
    if ((SECONDS >= deadline)); then
      fail "reporting did not show the redemption within ${timeout}s: ${perf:-no answer}
$("${grpcurl}" -plaintext -max-time 10 "${address[reporting]}" "${rp}/GetFeedStatus" 2>&1)"
    fi
    sleep 1
  done
  expect "report partner" "$(json partner <<<"${perf}")" "${partner}"
  expect "report redemptions" "$(json totals.redemptions <<<"${perf}")" 1
  expect "report voids" "$(json totals.voids <<<"${perf}")" 0
  expect "report discount" "$(json totals.discount.amount_minor <<<"${perf}")" 3000
  expect "report partner_cost" "$(json totals.partner_cost.amount_minor <<<"${perf}")" 1500
  expect "report platform_cost" "$(json totals.platform_cost.amount_minor <<<"${perf}")" 1500
  expect "report orders" "$(json totals.orders <<<"${perf}")" 1
  expect "report gmv" "$(json totals.gmv.amount_minor <<<"${perf}")" 17000
  expect "report new_customer_orders" "$(json totals.new_customer_orders <<<"${perf}")" 1
  expect "report codes_issued" "$(json totals.codes_issued <<<"${perf}")" 3
  log "reporting: ${campaign}: 1 redemption (3,000 won: 1,500 partner, 1,500 platform), 3 codes, 1 order of 17,000 won, after $((SECONDS - report_started)) s"
fi

log "PASSED: ${playing[*]} under podman kube play"
