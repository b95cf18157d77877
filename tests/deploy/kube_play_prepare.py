#!/usr/bin/env python3
"""Turns a rendered overlay into what Debian 12's podman (4.3) `kube play` runs.

    kube_play_prepare.py RENDERED.yaml OUT_DIR [--skip SERVICE ...] [--tag TAG]

podman kube play runs Deployments (one pod, `<name>-pod-0`, per Deployment),
reads ConfigMaps from the same file, and ignores Services, HPAs, PDBs and
NetworkPolicies. What this adapts, and why:

- Services: podman has none, but its network's DNS answers the pod name.
  Every Service name (and <name>.<namespace>...) in a ConfigMap or Secret
  value of a *_ADDRESS or *_HOST key is replaced by the pod name of the Deployment the Service selects,
  so `dns:///campaign-headless:50052` becomes `dns:///campaign-pod-0:50052`.
- Secrets: podman 4.3 stores a Secret of the played file but then cannot
  read it back for env (it expects JSON); they are written instead as
  OUT_DIR/secrets/<name>.json, a JSON map of the data (base64 values), for
  `podman secret create <name> <file>`, which kube play then reads.
- Order: kube play starts pods one after the other and gives up when an init
  container fails, so the databases (component=database) go to
  OUT_DIR/databases.yaml, to be played and waited for first, and the services
  to OUT_DIR/services.yaml in the order they call each other.
- Ports: podman 4.3 publishes every containerPort on the host (hostPort
  defaults to it), which collides with anything on the host and between the
  four MariaDBs (3306); the declarations are dropped, the pods are reached on
  their own address on the podman network, where every port is open.
- Restart policy: podman 4.3 applies the pod's restartPolicy (a
  Deployment's is Always) to init containers too, so the migrate init
  container restarts after it succeeded and the pod never starts. The pods
  get restartPolicy OnFailure: migrate is retried until it succeeds, once.
- --skip SERVICE leaves a service (and its database) out, e.g. one whose image
  is not built yet; a ConfigMap value naming a skipped service stays as is.
- --tag TAG runs partnerhub/* images with tag TAG instead of the overlay's
  (e.g. images a test built from prebuilt binaries, without replacing the
  :dev ones).

Prints one line per service: `<service> <pod> <container> <port>`.
"""

import argparse
import base64
import json
import os
import re
import sys

import yaml

ORDER = ["partner-registry", "customer-experience", "campaign", "reporting"]


def pod_labels(d):
    return d["spec"]["template"]["metadata"].get("labels", {})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("rendered")
    parser.add_argument("out_dir")
    parser.add_argument("--skip", action="append", default=[])
    parser.add_argument("--tag")
    args = parser.parse_args()

    with open(args.rendered) as f:
        docs = [d for d in yaml.safe_load_all(f) if d]
    by_kind = {}
    for d in docs:
        by_kind.setdefault(d["kind"], []).append(d)

    def component_of(d):
        return pod_labels(d).get("app.kubernetes.io/component")

    def service_of(d):
        name = d["metadata"]["name"]
        return name[:-len("-mariadb")] if component_of(d) == "database" else name

    deployments = [d for d in by_kind.get("Deployment", [])
                   if service_of(d) not in args.skip]

    # Service name -> pod name of the Deployment it selects.
    alias = {}
    for s in by_kind.get("Service", []):
        sel = s["spec"].get("selector") or {}
        for d in deployments:
            if sel and all(pod_labels(d).get(k) == v for k, v in sel.items()):
                alias[s["metadata"]["name"]] = d["metadata"]["name"] + "-pod-0"
    namespace = next((d["metadata"].get("namespace") for d in deployments
                      if d["metadata"].get("namespace")), None)

    def rewrite(key, value):
        # Only where a host is named: *_ADDRESS ([dns:///]host:port), *_HOST.
        if not isinstance(value, str) or not re.search(r"_(ADDRESS|HOST)$", key):
            return value
        for svc, pod in alias.items():
            pattern = r"(?<![A-Za-z0-9.-])%s(?:\.%s(?:\.svc(?:\.cluster\.local)?)?)?(?![A-Za-z0-9-])" % (
                re.escape(svc), re.escape(namespace or "-"))
            value = re.sub(pattern, pod, value)
        return value

    configmaps = by_kind.get("ConfigMap", [])
    for cm in configmaps:
        cm["data"] = {k: rewrite(k, v) for k, v in (cm.get("data") or {}).items()}

    secrets_dir = os.path.join(args.out_dir, "secrets")
    os.makedirs(secrets_dir, exist_ok=True)
    for s in by_kind.get("Secret", []):
        data = {}
        for k, v in (s.get("data") or {}).items():
            data[k] = base64.b64encode(
                rewrite(k, base64.b64decode(v).decode()).encode()).decode()
        for k, v in (s.get("stringData") or {}).items():
            data[k] = base64.b64encode(rewrite(k, v).encode()).decode()
        with open(os.path.join(secrets_dir, s["metadata"]["name"] + ".json"), "w") as f:
            json.dump(data, f)

    # podman 4.3 makes an emptyDir a named volume, by the volume's name:
    # listed for the teardown (the manifests keep the names unique).
    volumes = sorted({v["name"] for d in deployments
                      for v in d["spec"]["template"]["spec"].get("volumes", []) or []})
    with open(os.path.join(args.out_dir, "volumes.txt"), "w") as f:
        f.write("".join(v + "\n" for v in volumes))

    ports = {}
    for d in deployments:
        spec = d["spec"]["template"]["spec"]
        spec["restartPolicy"] = "OnFailure"
        for c in spec.get("containers", []) + spec.get("initContainers", []):
            if args.tag and c.get("image", "").startswith("partnerhub/"):
                c["image"] = c["image"].split(":", 1)[0] + ":" + args.tag
            if c.get("ports"):
                ports[c["name"] + "@" + d["metadata"]["name"]] = c["ports"][0]["containerPort"]
                del c["ports"]

    def rank(d):
        name = service_of(d)
        return ORDER.index(name) if name in ORDER else len(ORDER)

    databases = sorted([d for d in deployments if component_of(d) == "database"], key=rank)
    services = sorted([d for d in deployments if component_of(d) != "database"], key=rank)
    for name, items in (("databases.yaml", databases), ("services.yaml", services)):
        with open(os.path.join(args.out_dir, name), "w") as f:
            yaml.safe_dump_all(configmaps + items, f, sort_keys=False)

    for d in databases + services:
        c = d["spec"]["template"]["spec"]["containers"][0]
        port = ports.get(c["name"] + "@" + d["metadata"]["name"], "")
        print(service_of(d) if component_of(d) != "database" else d["metadata"]["name"],
              d["metadata"]["name"] + "-pod-0",
              d["metadata"]["name"] + "-pod-0-" + c["name"], port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
