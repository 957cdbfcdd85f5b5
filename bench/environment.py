"""Production-like settings for measuring, chosen before Django starts (what is set already wins)."""

import os
import secrets

BENCH_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings",
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(50),  # a production portal refuses any key written down
    "SECURE_SSL_REDIRECT": "false",
    "SESSION_COOKIE_SECURE": "false",
    "CSRF_COOKIE_SECURE": "false",
    "TRUSTED_PROXY_COUNT": "0",
    "STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
    "EMAIL_URL": "memorymail://",
    "LOG_LEVEL": "WARNING",
}


def prepare() -> None:
    for name, value in BENCH_ENV.items():
        os.environ.setdefault(name, value)
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


def setup() -> None:
    prepare()
    import django
    from django.conf import settings

    django.setup()
    settings.ROOT_URLCONF = "bench.urls"
    if "testserver" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
