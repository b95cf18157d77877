#!/usr/bin/env python3
# One file: a script CI runs by path; every check reads one shared render.
"""Renders every kustomization of deploy/k8s offline and checks the objects.

    tests/deploy/render_test.py [--repo DIR] [--kubectl PATH] [-v]

Renders, with `kubectl kustomize` (no cluster needed), every overlay under
deploy/k8s/overlays/, the base, and each service's own base (deployable
alone), then checks what platform engineers rely on:

- every Deployment: readiness and liveness probes on every container (gRPC
  probes on a declared container port for the services; for them, liveness
  and startup ask the health service's "liveness" name, which stays SERVING
  while the database is down or the pod drains, and readiness does not),
  CPU and memory
  requests and limits on every container and init container, runAsNonRoot
  with a non-zero runAsUser, readOnlyRootFilesystem and no privilege
  escalation, a grace period longer than the service's shutdown delay and
  drain timeout together, a
  migrate init container running the same image, image tags set (overlays);
- every Service selects the pods of a Deployment and each targetPort is a
  port of that Deployment's container; every service has a ClusterIP and a
  headless Service;
- every HorizontalPodAutoscaler and PodDisruptionBudget targets an existing
  Deployment; every NetworkPolicy selects existing pods, and its callers are
  existing pods or the external-client label;
- every ConfigMap and Secret a Deployment reads is rendered, with the keys
  read (a Secret provided outside the overlay, as in prod, must be listed in
  the overlay's external-secrets.txt, with its keys);
- the addresses a service is configured with (dns:///name:port, database
  host) name a rendered Service and port (where the overlay renders them).

Also runs the checker on broken objects first (--self-test does only that),
so that a checker that finds nothing fails. Exit status 0 when everything
passes; the failures are printed one per line.
"""

import argparse
import base64
import os
import re
import shutil
import subprocess
import sys

try:
    import yaml
except ImportError:  # another python3 on this machine may have PyYAML
    for candidate in ("/usr/bin/python3", "/usr/local/bin/python3"):
        if os.path.realpath(candidate) != os.path.realpath(sys.executable) and \
                os.access(candidate, os.X_OK) and \
                subprocess.call([candidate, "-c", "import yaml"],
                                stderr=subprocess.DEVNULL) == 0:
            os.execv(candidate, [candidate] + sys.argv)
    sys.exit("render_test: no PyYAML for %s (Debian: apt-get install "
             "python3-yaml)" % sys.executable)

SERVER = "server"
CLIENT_LABEL = ("partnerhub.io/client", "true")
# The health service name the servers answer SERVING for as long as the
# process answers (Server::kLivenessService in common/server/server.h, read
# from there by main()).
LIVENESS_SERVICE = "liveness"


def read_liveness_service(repo):
    """Server::kLivenessService from common/server/server.h, or None."""
    path = os.path.join(repo, "common", "server", "server.h")
    try:
        with open(path) as f:
            m = re.search(r'kLivenessService\[\]\s*=\s*"([^"]+)"', f.read())
    except OSError:
        return None
    return m.group(1) if m else None


def parse_duration_seconds(text):
    """'20s', '1m30s', '500ms', '2h' -> seconds (float); None if not one."""
    if not text:
        return None
    total, pos = 0.0, 0
    units = {"h": 3600, "m": 60, "s": 1, "ms": 0.001, "us": 1e-6, "ns": 1e-9}
    for m in re.finditer(r"(\d+(?:\.\d+)?)(ms|us|ns|h|m|s)", text):
        if m.start() != pos:
            return None
        total += float(m.group(1)) * units[m.group(2)]
        pos = m.end()
    return total if pos == len(text) and pos > 0 else None


def selects(selector, labels):
    """True if a matchLabels-style dict selects `labels` (empty: all)."""
    return all(labels.get(k) == v for k, v in (selector or {}).items())


class Render:
    """The objects of one rendering, by kind."""

    def __init__(self, name, docs, external_secrets=None, complete=True,
                 standalone=False):
        self.name = name
        self.docs = [d for d in docs if d]
        self.external_secrets = external_secrets or {}
        # A complete rendering carries its own configuration (an overlay);
        # a base leaves Secrets and image tags to overlays.
        self.complete = complete
        # One service's own base: the services it calls, and its callers,
        # are rendered elsewhere.
        self.standalone = standalone
        self.errors = []

    def of(self, kind):
        return [d for d in self.docs if d.get("kind") == kind]

    def named(self, kind, name):
        for d in self.of(kind):
            if d["metadata"]["name"] == name:
                return d
        return None

    def error(self, obj, message):
        where = "%s/%s" % (obj.get("kind"), obj.get("metadata", {}).get("name")) \
            if isinstance(obj, dict) else str(obj)
        self.errors.append("%s: %s: %s" % (self.name, where, message))


def pod_spec(deployment):
    return deployment.get("spec", {}).get("template", {}).get("spec", {})


def pod_labels(deployment):
    return deployment.get("spec", {}).get("template", {}).get(
        "metadata", {}).get("labels", {}) or {}


def container_ports(deployment):
    """{name or str(number): number} of every container port."""
    ports = {}
    for c in pod_spec(deployment).get("containers", []):
        for p in c.get("ports", []) or []:
            ports[str(p["containerPort"])] = p["containerPort"]
            if p.get("name"):
                ports[p["name"]] = p["containerPort"]
    return ports


def deployments_selected(r, selector):
    return [d for d in r.of("Deployment") if selects(selector, pod_labels(d))]


def config_value(r, deployment, container, key):
    """The value of env `key` for `container`, from env or envFrom refs."""
    for e in container.get("env", []) or []:
        if e.get("name") == key and "value" in e:
            return e["value"]
    for ref in container.get("envFrom", []) or []:
        if "configMapRef" in ref:
            cm = r.named("ConfigMap", ref["configMapRef"]["name"])
            if cm and key in (cm.get("data") or {}):
                return cm["data"][key]
        if "secretRef" in ref:
            s = r.named("Secret", ref["secretRef"]["name"])
            if s:
                if key in (s.get("stringData") or {}):
                    return s["stringData"][key]
                if key in (s.get("data") or {}):
                    return base64.b64decode(s["data"][key]).decode()
    return None


def check_containers(r, d):
    spec = pod_spec(d)
    component = pod_labels(d).get("app.kubernetes.io/component")
    psc = spec.get("securityContext", {}) or {}
    containers = spec.get("containers", []) or []
    inits = spec.get("initContainers", []) or []
    if not containers:
        r.error(d, "no containers")
    ports = container_ports(d)
    for c in containers + inits:
        is_init = c in inits
        what = "%s container %s" % ("init" if is_init else "", c.get("name"))
        what = what.strip()
        sc = c.get("securityContext", {}) or {}
        non_root = sc.get("runAsNonRoot", psc.get("runAsNonRoot"))
        user = sc.get("runAsUser", psc.get("runAsUser"))
        if non_root is not True:
            r.error(d, "%s: runAsNonRoot is not true" % what)
        if not isinstance(user, int) or user == 0:
            r.error(d, "%s: runAsUser is not a non-root uid (%r)" % (what, user))
        if sc.get("readOnlyRootFilesystem") is not True:
            r.error(d, "%s: readOnlyRootFilesystem is not true" % what)
        if sc.get("allowPrivilegeEscalation") is not False:
            r.error(d, "%s: allowPrivilegeEscalation is not false" % what)
        res = c.get("resources", {}) or {}
        for part in ("requests", "limits"):
            for resource in ("cpu", "memory"):
                if not (res.get(part) or {}).get(resource):
                    r.error(d, "%s: no %s %s" % (what, resource, part))
        image = c.get("image", "")
        if not image:
            r.error(d, "%s: no image" % what)
        elif r.complete:
            last = image.rsplit("/", 1)[-1]
            if ":" not in last and "@" not in image:
                r.error(d, "%s: image %s has no tag" % (what, image))
            elif last.endswith(":latest"):
                r.error(d, "%s: image %s uses :latest" % (what, image))
        if is_init:
            continue
        for probe in ("readinessProbe", "livenessProbe"):
            p = c.get(probe)
            if not p:
                r.error(d, "%s: no %s" % (what, probe))
                continue
            if component == SERVER:
                if "grpc" not in p:
                    r.error(d, "%s: %s is not a gRPC health probe" % (what, probe))
                elif str(p["grpc"].get("port")) not in ports:
                    r.error(d, "%s: %s probes port %s, not a container port"
                            % (what, probe, p["grpc"].get("port")))
                if "grpc" in p:
                    asked = p["grpc"].get("service", "")
                    if probe == "livenessProbe" and asked != LIVENESS_SERVICE:
                        r.error(d, "%s: livenessProbe asks health service %r, not "
                                "%r: it would restart pods whose database is down "
                                "or that drain" % (what, asked, LIVENESS_SERVICE))
                    if probe == "readinessProbe" and asked == LIVENESS_SERVICE:
                        r.error(d, "%s: readinessProbe asks %r, which stays SERVING "
                                "while the service is not ready" % (what, asked))
        startup = c.get("startupProbe")
        if component == SERVER and startup and \
                (startup.get("grpc") or {}).get("service", "") != LIVENESS_SERVICE:
            r.error(d, "%s: startupProbe asks health service %r, not %r: a database "
                    "down at start would restart the pod" % (
                        what, (startup.get("grpc") or {}).get("service", ""),
                        LIVENESS_SERVICE))
            for kind in ("tcpSocket", "httpGet"):
                if kind in p and str(p[kind].get("port")) not in ports:
                    r.error(d, "%s: %s probes port %s, not a container port"
                            % (what, probe, p[kind].get("port")))

    if component != SERVER:
        return
    # Services: migrations as an init container of the same image, and a
    # grace period longer than the drain.
    main = containers[0] if containers else {}
    migrate = [c for c in inits if (c.get("args") or c.get("command") or [])[-1:] == ["migrate"]]
    if not migrate:
        r.error(d, "no init container running `migrate`")
    elif migrate[0].get("image") != main.get("image"):
        r.error(d, "migrate init container runs %s, the service %s"
                % (migrate[0].get("image"), main.get("image")))
    grace = spec.get("terminationGracePeriodSeconds", 30)
    # Defaults of the flags: --drain_timeout 10s, --shutdown_delay 500ms.
    drain = parse_duration_seconds(config_value(r, d, main, "PARTNERHUB_DRAIN_TIMEOUT") or "10s")
    delay = parse_duration_seconds(config_value(r, d, main, "PARTNERHUB_SHUTDOWN_DELAY") or "500ms")
    if drain is None or delay is None:
        r.error(d, "PARTNERHUB_DRAIN_TIMEOUT or PARTNERHUB_SHUTDOWN_DELAY is not a duration")
    elif not grace > drain + delay:
        r.error(d, "terminationGracePeriodSeconds %s is not longer than the "
                "shutdown delay and the drain timeout (%ss)" % (grace, drain + delay))
    if spec.get("containers", [{}])[0].get("lifecycle", {}).get("preStop"):
        r.error(d, "a preStop hook: SIGTERM alone drains the service")


def check_config_refs(r, d):
    spec = pod_spec(d)
    for c in (spec.get("containers") or []) + (spec.get("initContainers") or []):
        refs = []  # (kind, name, key or None)
        for ref in c.get("envFrom", []) or []:
            if "configMapRef" in ref:
                refs.append(("ConfigMap", ref["configMapRef"]["name"], None,
                             ref["configMapRef"].get("optional")))
            if "secretRef" in ref:
                refs.append(("Secret", ref["secretRef"]["name"], None,
                             ref["secretRef"].get("optional")))
        for e in c.get("env", []) or []:
            vf = e.get("valueFrom") or {}
            if "configMapKeyRef" in vf:
                k = vf["configMapKeyRef"]
                refs.append(("ConfigMap", k["name"], k["key"], k.get("optional")))
            if "secretKeyRef" in vf:
                k = vf["secretKeyRef"]
                refs.append(("Secret", k["name"], k["key"], k.get("optional")))
        for kind, name, key, optional in refs:
            if optional:
                continue
            obj = r.named(kind, name)
            if obj is None:
                if kind == "Secret" and (name in r.external_secrets or not r.complete):
                    keys = r.external_secrets.get(name)
                    if key and keys is not None and key not in keys:
                        r.error(d, "container %s reads key %s of external "
                                "Secret %s, not listed in external-secrets.txt"
                                % (c.get("name"), key, name))
                    continue
                r.error(d, "container %s reads %s %s, which is not rendered%s"
                        % (c.get("name"), kind, name,
                           " nor listed in external-secrets.txt" if kind == "Secret" else ""))
                continue
            if key and key not in (obj.get("data") or {}) and \
                    key not in (obj.get("stringData") or {}):
                r.error(d, "container %s reads key %s of %s %s, which has no such key"
                        % (c.get("name"), key, kind, name))


def check_addresses(r, d):
    """dns:///name:port and the database host name rendered Services."""
    spec = pod_spec(d)
    main = (spec.get("containers") or [{}])[0]
    services = {s["metadata"]["name"]: s for s in r.of("Service")}
    keys = set()
    for ref in main.get("envFrom", []) or []:
        if "configMapRef" in ref:
            cm = r.named("ConfigMap", ref["configMapRef"]["name"]) or {}
            keys.update((cm.get("data") or {}).keys())
    for key in sorted(k for k in keys if k.endswith("_ADDRESS")):
        value = config_value(r, d, main, key)
        m = re.fullmatch(r"(?:dns:///)?([a-z0-9.-]+):(\d+)", value or "")
        if not m:
            r.error(d, "%s=%r is not [dns:///]host:port" % (key, value))
            continue
        host, port = m.group(1).split(".")[0], int(m.group(2))
        svc = services.get(host)
        if svc is None and r.standalone:
            continue
        if svc is None:
            r.error(d, "%s names Service %s, which is not rendered" % (key, host))
        elif port not in [p.get("port") for p in svc["spec"].get("ports", [])]:
            r.error(d, "%s: Service %s has no port %d" % (key, host, port))
        elif value.startswith("dns:///") and svc["spec"].get("clusterIP") != "None":
            r.error(d, "%s: dns:/// (round_robin over replicas) needs a headless "
                    "Service, %s has a cluster IP" % (key, host))
    db_host = config_value(r, d, main, "PARTNERHUB_DB_HOST")
    if db_host is not None and r.complete and "." not in db_host and db_host not in services:
        r.error(d, "PARTNERHUB_DB_HOST %s is not a rendered Service" % db_host)


def check(r):
    deployments = r.of("Deployment")
    if not deployments:
        r.error(r.name, "no Deployment rendered")
    for d in deployments:
        check_containers(r, d)
        check_config_refs(r, d)
        if pod_labels(d).get("app.kubernetes.io/component") == SERVER:
            check_addresses(r, d)
        selector = d["spec"].get("selector", {}).get("matchLabels", {})
        if not selector or not selects(selector, pod_labels(d)):
            r.error(d, "selector %s does not select its own pods" % selector)

    # podman kube play (4.3) turns an emptyDir into a named volume shared by
    # every pod that uses the same volume name.
    seen = {}
    for d in deployments:
        for v in pod_spec(d).get("volumes", []) or []:
            other = seen.setdefault(v["name"], d["metadata"]["name"])
            if other != d["metadata"]["name"]:
                r.error(d, "volume name %s is also used by Deployment %s (podman "
                        "kube play would share it)" % (v["name"], other))

    for s in r.of("Service"):
        selector = s["spec"].get("selector")
        if not selector:
            r.error(s, "no selector")
            continue
        matched = deployments_selected(r, selector)
        if not matched:
            r.error(s, "selector %s matches no Deployment's pods" % selector)
            continue
        for p in s["spec"].get("ports", []):
            target = str(p.get("targetPort", p.get("port")))
            for d in matched:
                if target not in container_ports(d):
                    r.error(s, "targetPort %s is not a container port of "
                            "Deployment %s" % (target, d["metadata"]["name"]))

    for kind in ("HorizontalPodAutoscaler",):
        for h in r.of(kind):
            ref = h["spec"].get("scaleTargetRef", {})
            if ref.get("kind") != "Deployment" or not r.named("Deployment", ref.get("name")):
                r.error(h, "targets %s %s, which is not a rendered Deployment"
                        % (ref.get("kind"), ref.get("name")))
            if h["spec"].get("minReplicas", 1) > h["spec"].get("maxReplicas", 0):
                r.error(h, "minReplicas > maxReplicas")
            if not h["spec"].get("metrics"):
                r.error(h, "no metrics")

    for p in r.of("PodDisruptionBudget"):
        selector = p["spec"].get("selector", {}).get("matchLabels")
        if not selector or not deployments_selected(r, selector):
            r.error(p, "selector %s matches no Deployment's pods" % selector)
        if "minAvailable" not in p["spec"] and "maxUnavailable" not in p["spec"]:
            r.error(p, "neither minAvailable nor maxUnavailable")

    for n in r.of("NetworkPolicy"):
        selector = n["spec"].get("podSelector", {}).get("matchLabels")
        if selector and not deployments_selected(r, selector):
            r.error(n, "podSelector %s matches no Deployment's pods" % selector)
        for rule in n["spec"].get("ingress", []) or []:
            for peer in rule.get("from", []) or []:
                ps = (peer.get("podSelector") or {}).get("matchLabels")
                if ps is None:
                    continue
                if ps.get(CLIENT_LABEL[0]) == CLIENT_LABEL[1]:
                    continue
                if "namespaceSelector" in peer or r.standalone:
                    continue  # pods not rendered here
                if not deployments_selected(r, ps):
                    r.error(n, "allows pods %s, which no Deployment runs" % ps)
            targets = deployments_selected(r, selector) if selector else []
            for port in rule.get("ports", []) or []:
                if isinstance(port.get("port"), str):
                    for d in targets:
                        if port["port"] not in container_ports(d):
                            r.error(n, "port %s is not a port of Deployment %s"
                                    % (port["port"], d["metadata"]["name"]))

    # Every service: Services (ClusterIP and headless), HPA, PDB, policy.
    for d in deployments:
        if pod_labels(d).get("app.kubernetes.io/component") != SERVER:
            continue
        name, labels = d["metadata"]["name"], pod_labels(d)
        svcs = [s for s in r.of("Service")
                if s["spec"].get("selector") and selects(s["spec"]["selector"], labels)]
        if not any(s["spec"].get("clusterIP") != "None" for s in svcs):
            r.error(d, "no ClusterIP Service")
        if not any(s["spec"].get("clusterIP") == "None" for s in svcs):
            r.error(d, "no headless Service (DNS round_robin)")
        if not any(h["spec"]["scaleTargetRef"].get("name") == name
                   for h in r.of("HorizontalPodAutoscaler")):
            r.error(d, "no HorizontalPodAutoscaler")
        if not any(selects(p["spec"].get("selector", {}).get("matchLabels"), labels)
                   for p in r.of("PodDisruptionBudget")):
            r.error(d, "no PodDisruptionBudget")
        if not any(n["spec"].get("podSelector", {}).get("matchLabels") and
                   selects(n["spec"]["podSelector"]["matchLabels"], labels)
                   for n in r.of("NetworkPolicy")):
            r.error(d, "no NetworkPolicy of its own")
    return r.errors


def read_external_secrets(path):
    """external-secrets.txt: `name: KEY KEY ...` per line, # comments."""
    result = {}
    if not os.path.exists(path):
        return result
    with open(path) as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            name, _, keys = line.partition(":")
            result[name.strip()] = set(keys.split())
    return result


def render(kubectl, path):
    proc = subprocess.run([kubectl, "kustomize", path], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        return None, proc.stderr.strip()
    return list(yaml.safe_load_all(proc.stdout)), None


# --- self-test: the checker must find what is wrong --------------------------

BROKEN = """
apiVersion: apps/v1
kind: Deployment
metadata: {name: svc}
spec:
  selector: {matchLabels: {app.kubernetes.io/name: svc, app.kubernetes.io/component: server}}
  template:
    metadata: {labels: {app.kubernetes.io/name: svc, app.kubernetes.io/component: server}}
    spec:
      terminationGracePeriodSeconds: 5
      containers:
        - name: svc
          image: partnerhub/svc
          ports: [{name: grpc, containerPort: 50051}]
          envFrom: [{configMapRef: {name: svc-config}}, {secretRef: {name: svc-db}}]
          readinessProbe: {tcpSocket: {port: 50051}}
          resources: {requests: {cpu: 100m}}
          securityContext: {readOnlyRootFilesystem: false}
          volumeMounts: [{name: tmp, mountPath: /tmp}]
      volumes: [{name: tmp, emptyDir: {}}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: svc3}
spec:
  selector: {matchLabels: {app.kubernetes.io/name: svc3, app.kubernetes.io/component: server}}
  template:
    metadata: {labels: {app.kubernetes.io/name: svc3, app.kubernetes.io/component: server}}
    spec:
      containers:
        - name: svc3
          image: partnerhub/svc3:1
          ports: [{name: grpc, containerPort: 50053}]
          startupProbe: {grpc: {port: 50053}}
          readinessProbe: {grpc: {port: 50053, service: liveness}}
          livenessProbe: {grpc: {port: 50053}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: db}
spec:
  selector: {matchLabels: {app.kubernetes.io/name: db}}
  template:
    metadata: {labels: {app.kubernetes.io/name: db}}
    spec:
      containers: [{name: db, image: "db:1"}]
      volumes: [{name: tmp, emptyDir: {}}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: svc-config}
data: {PARTNERHUB_DRAIN_TIMEOUT: 20s, PARTNERHUB_X_ADDRESS: "dns:///other-headless:50052"}
---
apiVersion: v1
kind: Service
metadata: {name: svc}
spec:
  selector: {app.kubernetes.io/name: svx}
  ports: [{port: 50051, targetPort: grpc}]
---
apiVersion: v1
kind: Service
metadata: {name: svc2}
spec:
  selector: {app.kubernetes.io/name: svc}
  ports: [{port: 50051, targetPort: 9999}]
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: svc}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: nothere}
  minReplicas: 1
  maxReplicas: 2
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: svc}
spec:
  maxUnavailable: 1
  selector: {matchLabels: {app.kubernetes.io/name: nothere}}
"""

EXPECTED_IN_SELF_TEST = [
    "runAsNonRoot is not true",
    "runAsUser is not a non-root uid",
    "readOnlyRootFilesystem is not true",
    "allowPrivilegeEscalation is not false",
    "no memory requests",
    "no cpu limits",
    "has no tag",
    "no livenessProbe",
    "readinessProbe is not a gRPC health probe",
    "livenessProbe asks health service '', not 'liveness'",
    "readinessProbe asks 'liveness'",
    "startupProbe asks health service '', not 'liveness'",
    "no init container running `migrate`",
    "is not longer than the shutdown delay and the drain timeout",
    "reads Secret svc-db, which is not rendered",
    "names Service other-headless, which is not rendered",
    "matches no Deployment's pods",
    "targetPort 9999 is not a container port",
    "targets Deployment nothere, which is not a rendered Deployment",
    "no headless Service",
    "no NetworkPolicy of its own",
    "volume name tmp is also used by Deployment",
]


def self_test():
    r = Render("self-test", list(yaml.safe_load_all(BROKEN)))
    errors = check(r)
    missing = [e for e in EXPECTED_IN_SELF_TEST if not any(e in x for x in errors)]
    if missing:
        print("render_test: SELF-TEST FAILED: the checker did not report:")
        for m in missing:
            print("  " + m)
        print("it reported:")
        for e in errors:
            print("  " + e)
        return False
    print("render_test: self-test: the checker finds all %d planted faults"
          % len(EXPECTED_IN_SELF_TEST))
    return True


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repo", default=os.path.dirname(os.path.dirname(here)))
    parser.add_argument("--kubectl", default=shutil.which("kubectl"))
    parser.add_argument("--self-test", action="store_true")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()

    global LIVENESS_SERVICE
    served = read_liveness_service(args.repo)
    if served is None:
        print("render_test: FAILED: no kLivenessService in %s" % os.path.join(
            args.repo, "common", "server", "server.h"))
        return 1
    LIVENESS_SERVICE = served

    if not self_test():
        return 1
    if args.self_test:
        return 0
    if not args.kubectl:
        print("render_test: FAILED: kubectl (with kustomize) is not installed")
        return 1

    k8s = os.path.join(args.repo, "deploy", "k8s")
    overlays_dir = os.path.join(k8s, "overlays")
    targets = []  # (label, path, complete): complete = an overlay
    for name in sorted(os.listdir(overlays_dir)):
        path = os.path.join(overlays_dir, name)
        if os.path.exists(os.path.join(path, "kustomization.yaml")):
            targets.append(("overlays/" + name, path, True))
    if not any(t[0] == "overlays/dev" for t in targets) or \
            not any(t[0] == "overlays/prod" for t in targets):
        print("render_test: FAILED: overlays dev and prod must both exist")
        return 1
    base = os.path.join(k8s, "base")
    targets.append(("base", base, False))
    for name in sorted(os.listdir(base)):
        path = os.path.join(base, name)
        if os.path.exists(os.path.join(path, "kustomization.yaml")):
            targets.append(("base/" + name, path, False))

    failures = []
    for label, path, complete in targets:
        docs, err = render(args.kubectl, path)
        if docs is None:
            failures.append("%s: kubectl kustomize failed: %s" % (label, err))
            continue
        r = Render(label, docs,
                   read_external_secrets(os.path.join(path, "external-secrets.txt")),
                   complete=complete, standalone=label.startswith("base/"))
        errors = check(r)
        kinds = {}
        for d in r.docs:
            kinds[d["kind"]] = kinds.get(d["kind"], 0) + 1
        print("render_test: %-32s %3d objects (%s): %s" % (
            label, len(r.docs),
            ", ".join("%d %s" % (n, k) for k, n in sorted(kinds.items())),
            "ok" if not errors else "%d problems" % len(errors)))
        failures.extend(errors)

    # Every service folder has a base, and every base is in every overlay.
    services = sorted(t[0].split("/", 1)[1] for t in targets if t[0].startswith("base/"))
    for label, path, complete in targets:
        if not label.startswith("overlays/"):
            continue
        docs, _ = render(args.kubectl, path)
        names = {d["metadata"]["name"] for d in docs or [] if d and d["kind"] == "Deployment"}
        for s in services:
            if s not in names:
                failures.append("%s: no Deployment of %s" % (label, s))

    for f in failures:
        print("FAIL " + f)
    if failures:
        print("render_test: %d problems" % len(failures))
        return 1
    print("render_test: every rendering passes (%d)" % len(targets))
    return 0


if __name__ == "__main__":
    sys.exit(main())
