"""The Kubernetes manifests are valid for a current Kubernetes and describe the topology we promise."""

from pathlib import Path

import kubernetes_validate
import pytest

from .kustomize import load_all, render

pytestmark = pytest.mark.database_independent

K8S = Path(__file__).resolve().parents[2] / "deploy" / "k8s"
KUBERNETES_VERSION = "1.37.0"


def production():
    return render(K8S / "overlays" / "production")


def base():
    return render(K8S / "base")


def find(objects, kind, name):
    (found,) = [o for o in objects if o["kind"] == kind and o["metadata"]["name"] == name]
    return found


def pod_spec(obj):
    return obj["spec"]["template"]["spec"]


def every_manifest():
    documents = [
        (path.relative_to(K8S), doc)
        for path in sorted(K8S.rglob("*.yaml"))
        if path.name != "kustomization.yaml"
        for doc in load_all(path)
    ]
    rendered = [
        (f"production: {doc['kind']}/{doc['metadata']['name']}", doc) for doc in production()
    ]
    return documents + rendered


@pytest.mark.parametrize(
    "where, document",
    every_manifest(),
    ids=lambda value: str(value) if isinstance(value, (str, Path)) else "",
)
def test_every_manifest_is_valid_for_a_current_kubernetes(where, document):
    kubernetes_validate.validate(document, KUBERNETES_VERSION, strict=True)


def test_a_broken_manifest_would_be_caught():
    broken = {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "x"},
        "spec": {"replicas": "two", "selector": {}, "template": {}},
    }
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, KUBERNETES_VERSION, strict=True)


def test_production_runs_at_least_two_web_servers_with_readiness_and_liveness():
    web = find(production(), "Deployment", "portal-web")
    assert web["spec"]["replicas"] >= 2
    assert find(base(), "Deployment", "portal-web")["spec"]["replicas"] >= 2
    (container,) = pod_spec(web)["containers"]
    assert container["readinessProbe"]["httpGet"]["path"] == "/healthz"
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz/live"
    for probe in (container["readinessProbe"], container["livenessProbe"]):
        headers = {h["name"]: h["value"] for h in probe["httpGet"]["httpHeaders"]}
        assert headers == {"Host": "localhost", "X-Forwarded-Proto": "https"}, (
            "allowed host, no HTTPS redirect"
        )
    allowed = find(production(), "ConfigMap", "portal-config")["data"]["ALLOWED_HOSTS"].split(",")
    assert "localhost" in allowed


def test_exactly_one_beat_that_never_overlaps_a_rollout():
    objects = production()
    beats = [
        o
        for o in objects
        if o["kind"] == "Deployment"
        and any("beat" in c.get("args", []) for c in pod_spec(o)["containers"])
    ]
    assert [b["metadata"]["name"] for b in beats] == ["portal-beat"]
    assert beats[0]["spec"]["replicas"] == 1
    assert beats[0]["spec"]["strategy"] == {"type": "Recreate"}


def test_workers_scale_as_their_own_deployment():
    worker = find(production(), "Deployment", "portal-worker")
    assert worker["spec"]["replicas"] >= 2
    assert pod_spec(worker)["containers"][0]["args"][:4] == ["celery", "-A", "portal", "worker"]


def test_migrations_run_once_in_a_job_and_not_in_every_pod():
    objects = production()
    job = find(objects, "Job", "portal-migrate")
    (container,) = job["spec"]["template"]["spec"]["containers"]
    assert {"name": "MIGRATE_ON_START", "value": "true"} in container["env"]
    assert find(objects, "ConfigMap", "portal-config")["data"]["MIGRATE_ON_START"] == "false"


def test_disruption_budgets_keep_a_web_server_and_a_worker_during_a_drain():
    objects = production()
    for component in ("web", "worker"):
        budget = find(objects, "PodDisruptionBudget", f"portal-{component}")
        assert budget["spec"]["minAvailable"] == 1
        deployment = find(objects, "Deployment", f"portal-{component}")
        assert (
            budget["spec"]["selector"]["matchLabels"]
            == deployment["spec"]["selector"]["matchLabels"]
        )


def workloads(objects):
    return [o for o in objects if o["kind"] in {"Deployment", "Job"}]


def test_every_container_has_resource_requests_and_limits_and_runs_unprivileged():
    for workload in workloads(production()):
        spec = pod_spec(workload)
        assert spec["securityContext"]["runAsNonRoot"] is True
        for container in spec["containers"]:
            assert set(container["resources"]) == {"requests", "limits"}, workload["metadata"][
                "name"
            ]
            assert {"cpu", "memory"} <= set(container["resources"]["requests"])
            assert {"cpu", "memory"} <= set(container["resources"]["limits"])
            assert container["securityContext"]["allowPrivilegeEscalation"] is False


def test_secrets_come_from_a_secret_object_and_never_from_the_config_map():
    objects = production()
    config = find(objects, "ConfigMap", "portal-config")["data"]
    secret_names = set(load_all(K8S / "secret.example.yaml")[0]["stringData"])
    assert {
        "SECRET_KEY",
        "DATABASE_URL",
        "REDIS_URL",
        "S3_SECRET_ACCESS_KEY",
        "METRICS_TOKEN",
    } <= secret_names
    assert not secret_names & set(config)
    assert not any(o["kind"] == "Secret" for o in objects), (
        "no secret values in the repository's manifests"
    )
    for workload in workloads(objects):
        for container in pod_spec(workload)["containers"]:
            assert {"secretRef": {"name": "portal-secrets"}} in container["envFrom"]


def test_postgres_and_redis_are_external_services():
    images = [c["image"] for w in workloads(production()) for c in pod_spec(w)["containers"]]
    assert images and all(image == "registry.example.com/team-portal:2026.11.0" for image in images)
    assert not any(o["kind"] == "StatefulSet" for o in production())


def test_media_is_shared_through_the_bucket_and_pgbouncer_has_its_switch():
    config = find(production(), "ConfigMap", "portal-config")["data"]
    assert config["MEDIA_STORAGE"] == "s3"
    assert config["DISABLE_SERVER_SIDE_CURSORS"] in {"true", "false"}


def test_the_production_overlay_puts_everything_in_its_namespace_behind_tls():
    objects = production()
    assert {o["metadata"].get("namespace") for o in objects if o["kind"] != "Namespace"} == {
        "team-portal"
    }
    ingress = find(objects, "Ingress", "portal-web")
    assert ingress["spec"]["tls"][0]["hosts"] == ["teamportal.service-center.example"]
    config = find(objects, "ConfigMap", "portal-config")["data"]
    assert config["SITE_URL"] == "https://teamportal.service-center.example"
