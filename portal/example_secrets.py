"""The placeholders the repository ships for secrets (`deploy/k8s/secret.example.yaml` writes
"change-me" wherever a real value belongs). A portal with DEBUG off refuses to start while any secret
still holds one, as it refuses the public development key: a copied example is no configuration."""

from collections.abc import Mapping

PLACEHOLDER = "change-me"

# Every variable that carries a secret, a password inside a URL included.
SECRET_VARIABLES = (
    "SECRET_KEY",
    "DATABASE_URL",
    "REDIS_URL",
    "CACHE_URL",
    "EMAIL_URL",
    "S3_ACCESS_KEY_ID",
    "S3_SECRET_ACCESS_KEY",
    "METRICS_TOKEN",
    "SENTRY_DSN",
    "ADMIN_PASSWORD",
)


def example_secrets_in(values: Mapping[str, str]) -> list[str]:
    """The secret variables among `values` that still hold the repository's placeholder."""
    return [name for name in SECRET_VARIABLES if PLACEHOLDER in (values.get(name) or "").lower()]
