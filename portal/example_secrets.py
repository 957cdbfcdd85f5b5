"""The placeholders the repository ships for secrets (`deploy/k8s/secret.example.yaml` writes
"change-me" wherever a real value belongs). A portal with DEBUG off refuses to start while any secret
still holds one, as it refuses the public development key: a copied example is no configuration."""

import math
import zlib
from collections import Counter
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


# SECRET_KEY: Django signs sessions, password-reset links and CSRF tokens with it. A production key
# must be long and random (`python -c "import secrets; print(secrets.token_urlsafe(50))"`).
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_DISTINCT = 12
SECRET_KEY_MIN_BITS = 180
# Every key the repository shows anywhere as an example (refused whatever its length).
EXAMPLE_SECRET_KEYS = frozenset(
    {
        "django-insecure-development-only-change-me",
        "change-me-to-50-random-characters",
        "bench-only-not-a-secret-" + "x" * 40,
        "fault-tests-only-" + "x" * 40,
        "k" * 10 + "x7!kq2#a-real-random-looking-key-9f3a8c1d5e0b",
        "x7!kq2#production-like-secret-key-with-enough-entropy-9f3a8c1d5e",
        "x7!kq2#a-real-random-looking-key-9f3a8c1d5e0b-and-long-enough",
        "x7!kq2#a-real-random-looking-key-from-a-file-9f3a8c1d5e0b",
    }
)


def weak_secret_key(key: str) -> str | None:
    """Why `key` is no production key (None when it is fine): an example the repository ships, too
    short, too few distinct characters, too little entropy, or a pattern that compresses well."""
    key = key or ""
    if (
        key in EXAMPLE_SECRET_KEYS
        or PLACEHOLDER in key.lower()
        or key.startswith("django-insecure")
    ):
        return "it is an example key the repository ships"
    if len(key) < SECRET_KEY_MIN_LENGTH:
        return f"it is shorter than {SECRET_KEY_MIN_LENGTH} characters"
    counts = Counter(key)
    if len(counts) < SECRET_KEY_MIN_DISTINCT:
        return f"it has fewer than {SECRET_KEY_MIN_DISTINCT} different characters"
    bits = -sum(n * math.log2(n / len(key)) for n in counts.values())
    if bits < SECRET_KEY_MIN_BITS or len(zlib.compress(key.encode())) < 0.7 * len(key):
        return "it is not random enough (repeats or a pattern)"
    return None
