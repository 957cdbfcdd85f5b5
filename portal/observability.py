"""Settings helpers for running the portal on more than one machine.

Imported by settings.py before Django is set up, so nothing here imports Django models.
"""

from django.core.exceptions import ImproperlyConfigured

LOCAL_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
S3_STORAGE_BACKEND = "storages.backends.s3.S3Storage"
JSON_FORMATTER = "pythonjsonlogger.json.JsonFormatter"


def media_storage(kind, *, bucket, endpoint_url, region, access_key, secret_key, prefix):
    """STORAGES["default"] for MEDIA_STORAGE=local (one disk) or s3 (a bucket every server shares).

    Objects are private and never get a public URL: files reach users only through the
    portal's access-checked views, which stream them from the storage.
    """
    if kind == "local":
        return LOCAL_STORAGE
    if kind != "s3":
        raise ImproperlyConfigured(f"MEDIA_STORAGE must be 'local' or 's3', not {kind!r}.")
    if not bucket:
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs S3_BUCKET.")
    options = {
        "bucket_name": bucket,
        "location": prefix,
        "default_acl": "private",
        "querystring_auth": True,
        "file_overwrite": False,
    }
    # Unset keys fall back to boto3's own chain (AWS_* variables, an instance or pod role).
    optional = {
        "endpoint_url": endpoint_url,
        "region_name": region,
        "access_key": access_key,
        "secret_key": secret_key,
    }
    options.update({name: value for name, value in optional.items() if value})
    return {"BACKEND": S3_STORAGE_BACKEND, "OPTIONS": options}


def use_json_logs(logging_config):
    """One JSON object per line on the console, for log collectors (LOG_FORMAT=json)."""
    logging_config.setdefault("formatters", {})["json"] = {
        "()": JSON_FORMATTER,
        "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
        "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
    }
    logging_config["handlers"]["console"]["formatter"] = "json"


def init_sentry(dsn, *, environment, traces_sample_rate, **options):
    """Report unhandled errors of web requests and Celery tasks to Sentry (SENTRY_DSN).

    No personal data: neither users, IP addresses, cookies, request bodies, query values nor
    local variables leave the portal — coaching notes and reviews are confidential.
    """
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        traces_sample_rate=traces_sample_rate,
        data_collection={
            "user_info": False,
            "cookies": {"mode": "off"},
            "http_bodies": [],
            "url_query_params": {"mode": "off"},
            "stack_frame_variables": False,  # a local variable may hold a note's text
            "database_query_data": False,
        },
        integrations=[DjangoIntegration(), CeleryIntegration()],
        **options,
    )
