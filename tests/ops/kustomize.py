"""Render a kustomization in Python, for the features our manifests use.

resources (files and folders with a kustomization), namespace, images, replicas and JSON 6902
patches with a target; for our overlay its output equals `kubectl kustomize` (kustomize v5.5.0)
object for object. Anything else in a kustomization.yaml is an error, so the manifests
cannot grow a feature this renderer would silently ignore.
"""

import copy
from pathlib import Path

from ruamel.yaml import YAML

SUPPORTED = {"apiVersion", "kind", "resources", "namespace", "images", "replicas", "patches"}
CLUSTER_SCOPED = {
    "Namespace",
    "ClusterRole",
    "ClusterRoleBinding",
    "PersistentVolume",
    "StorageClass",
}


def load_all(path: Path) -> list[dict]:
    return [doc for doc in YAML(typ="safe").load_all(path.read_text()) if doc]


def render(folder: Path) -> list[dict]:
    kustomization = YAML(typ="safe").load((folder / "kustomization.yaml").read_text())
    unknown = set(kustomization) - SUPPORTED
    if unknown:
        raise ValueError(f"{folder}: unsupported kustomization fields {sorted(unknown)}")
    objects = []
    for resource in kustomization.get("resources", []):
        path = (folder / resource).resolve()
        objects += render(path) if path.is_dir() else load_all(path)
    objects = copy.deepcopy(objects)
    for patch in kustomization.get("patches", []):
        _patch(objects, patch)
    for replicas in kustomization.get("replicas", []):
        (target,) = [
            o
            for o in objects
            if o["kind"] == "Deployment" and o["metadata"]["name"] == replicas["name"]
        ]
        target["spec"]["replicas"] = replicas["count"]
    for image in kustomization.get("images", []):
        for container in _containers(objects):
            if container["image"].split(":")[0] == image["name"]:
                container["image"] = f"{image.get('newName', image['name'])}:{image['newTag']}"
    if "namespace" in kustomization:
        for obj in objects:
            if obj["kind"] not in CLUSTER_SCOPED:
                obj["metadata"]["namespace"] = kustomization["namespace"]
    return objects


def _containers(objects):
    for obj in objects:
        spec = obj.get("spec", {})
        pod = spec.get("template", {}).get("spec") or spec.get("jobTemplate", {}).get(
            "spec", {}
        ).get("template", {}).get("spec")
        if pod:
            yield from pod.get("containers", []) + pod.get("initContainers", [])


def _patch(objects, patch):
    target = patch["target"]
    matches = [
        o
        for o in objects
        if o["kind"] == target["kind"] and o["metadata"]["name"] == target["name"]
    ]
    if len(matches) != 1:
        raise ValueError(f"patch target {target} matches {len(matches)} objects")
    for operation in YAML(typ="safe").load(patch["patch"]):
        *parents, last = [
            part.replace("~1", "/").replace("~0", "~") for part in operation["path"].split("/")[1:]
        ]
        node = matches[0]
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        op = operation["op"]
        if op not in {"add", "replace", "remove"}:
            raise ValueError(f"unsupported patch op {op}")
        if isinstance(node, list):
            index = len(node) if last == "-" else int(last)
            if op == "add":
                node.insert(index, operation["value"])
            elif op == "replace":
                node[index] = operation["value"]
            else:
                del node[index]
            continue
        if op != "add" and last not in node:
            raise ValueError(f"{op} of a missing {operation['path']}")
        if op == "remove":
            del node[last]
        else:
            node[last] = operation["value"]
