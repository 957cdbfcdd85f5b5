"""Settings for the team development portal.

Everything that differs between machines comes from environment variables
(12-factor). The defaults are safe for development: SQLite, no Redis, a
filesystem message broker, e-mails printed to the console.
"""

import os
from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="django-insecure-development-only-change-me")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "core",
    "people",
    "notifications",
    "skills",
    "plans",
    "training",
    "kpis",
    "feedback",
    "qa",
    "reviews",
    "reports",
    "briefings",
    "objectives",
    "one_on_ones",
    "audit",
    "privacy",
    "portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "people.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "audit.middleware.AuditMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.navigation",
                "notifications.context_processors.unread_notifications",
                "security.context_processors.session_timeout",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets the embedded Celery worker write while the web server reads.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault(
        "init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
    DATABASES["default"]["OPTIONS"].setdefault("timeout", 20)
    # Take the write lock when a transaction begins, so concurrent writers wait
    # for each other (busy timeout) instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "people.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for
# one account from one address, further attempts are refused for a while.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The login form posts the e-mail address in the field Django calls "username".
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Sign-in attempts name people and their addresses: not browsable in the admin (a locked-out user
# waits AXES_COOLOFF_MINUTES, or an administrator runs `manage.py axes_reset_username <e-mail>`),
# successful sign-ins are not logged at all, and failures go after RETENTION_SIGN_IN_ATTEMPTS_MONTHS.
AXES_ENABLE_ADMIN = False
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("de", "Deutsch")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Berlin")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "staticfiles")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_STORAGE",
            default="django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
MEDIA_URL = "media/"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail: EMAIL_URL (for example smtp://user:pass@mail.example:587 or
# smtp+tls://...), printed to the console by default.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Team Portal <portal@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Cache: in each process by default. CACHE_URL=redis://host:6379/2 shares one cache (Django's own Redis
# backend) between all web servers and workers, so figures across the site are computed once per site.
CACHE_URL = env.str("CACHE_URL", default="")
if CACHE_URL and not CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured("CACHE_URL must be a Redis URL (redis://, rediss:// or unix://).")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": CACHE_URL,
        "KEY_PREFIX": "portal",
    }
    if CACHE_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

# Celery: Redis when REDIS_URL is set; otherwise kombu's filesystem transport,
# so the embedded default (make run) runs the very same tasks without Redis.
REDIS_URL = env.str("REDIS_URL", default="")
CELERY_BROKER_URL = REDIS_URL or "filesystem://"
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_QUEUE", default="celery")
_celery_dir = Path(env.str("CELERY_FILESYSTEM_DIR", default=str(VAR_DIR / "celery")))
if not REDIS_URL:
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_celery_dir / "queue"),
        "data_folder_out": str(_celery_dir / "queue"),
        "processed_folder": str(_celery_dir / "processed"),
        "control_folder": str(_celery_dir / "control"),
        "store_processed": False,
    }
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 15 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 14 * 60
CELERY_TIMEZONE = TIME_ZONE
# Beside the broker's folder, so two embedded workers with folders of their own (a test's `make run`
# and yours) never share one schedule file.
CELERY_BEAT_SCHEDULE_FILENAME = str(_celery_dir / "beat-schedule")
CELERY_BEAT_SCHEDULE = {}
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)

# Production hardening: on by default whenever DEBUG is off.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 10)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "xmlschema": {"level": "ERROR"},  # pysaml2 loads its schemas twice: a harmless warning
    },
}

# Domain settings
FEEDBACK_WINDOW_DAYS = env.int("FEEDBACK_WINDOW_DAYS", default=3)
FEEDBACK_WINDOW_WORKING_DAYS = env.bool("FEEDBACK_WINDOW_WORKING_DAYS", default=False)
HOLIDAY_REGION = env.str("HOLIDAY_REGION", default="")
# How many days back something that happened (an observation, a check-in, a team meeting) may still be
# recorded (`core.dates`): older dates are refused with a message that names the earliest possible one.
RECORDS_MAX_DAYS_BACK = env.int("RECORDS_MAX_DAYS_BACK", default=30)

# The reminder sweep asks each of these for what is due (`core.contracts.ReminderProvider`).
REMINDER_PROVIDERS = [
    "feedback.reminders.due_reminders",
    "reviews.reminders.due_reminders",
    "briefings.reminders.due_reminders",
    "one_on_ones.reminders.due_reminders",
    "qa.reminders.due_reminders",
]
# "Who has seen my data" names a single record as its app words it ("Quarterly review Q4 2026"): per
# kind of audited record, a function (viewer, ids) -> {id: name} that names only what the viewer may see.
AUDIT_RECORD_NAMES = {
    "review": "reviews.selectors.audit_names",
    "note": "feedback.selectors.audit_names",
}
# What a team's objectives need (skill id → the objective's title), asked by the team mix under the
# skills matrix to put those skills first in its recommendation; skills sits below the objectives app.
TEAM_MIX_PRIORITIES = ["objectives.selectors.skills_needed_by_team"]
# Quality evaluations as evidence in lower apps, named here so that skills and kpis import no app
# above them (tests/core/test_layering.py): the low answers per skill, and the weekly QA score.
QA_LOW_ANSWER_COUNT = "qa.selectors.evaluations.low_answer_count"
QA_LOW_ANSWERS_BY_AGENT_AND_SKILL = "qa.selectors.evaluations.low_answers_by_agent_and_skill"
QA_WEEKLY_SCORE_ROWS = "qa.selectors.evaluations.weekly_score_rows"

# Reminders: the sweep runs every few minutes (cheap), never as far-future tasks.
CELERY_BEAT_SCHEDULE["send-reminders"] = {
    "task": "notifications.send_reminders",
    "schedule": env.int("REMINDER_SWEEP_SECONDS", default=300),
}
# Links in e-mails: follows PORT (make run) unless set explicitly.
SITE_URL = env.str("SITE_URL", default=f"http://127.0.0.1:{env.int('PORT', default=8000)}")
BRIEFING_COVER_DAYS = env.int("BRIEFING_COVER_DAYS", default=7)
MENTOR_CAPACITY = env.int("MENTOR_CAPACITY", default=2)
# Where the iCalendar feed finds events: functions (user, start, end) -> list of training.calendar.Event.
CALENDAR_EVENT_SOURCES = [
    "training.calendar.session_events",
    "training.calendar.check_in_events",
    "reviews.calendar.review_events",
    "one_on_ones.calendar.meeting_events",
]

# KPI import: limits on uploaded files, and the nightly pick-up from each source's folder or S3 prefix.
KPI_IMPORT_MAX_BYTES = env.int("KPI_IMPORT_MAX_BYTES", default=50 * 1024 * 1024)
KPI_IMPORT_MAX_ROWS = env.int("KPI_IMPORT_MAX_ROWS", default=500_000)
KPI_IMPORT_MAX_CELLS = env.int("KPI_IMPORT_MAX_CELLS", default=10_000_000)
KPI_IMPORT_MAX_XLSX_UNCOMPRESSED = env.int(
    "KPI_IMPORT_MAX_XLSX_UNCOMPRESSED", default=100 * 1024 * 1024
)
# Statements on one's records (§83 BetrVG): each notifies the lead, so at most this many per record
# and person, and per person a day.
STATEMENT_LIMIT_PER_RECORD = env.int("STATEMENT_LIMIT_PER_RECORD", default=3)
STATEMENT_LIMIT_PER_DAY = env.int("STATEMENT_LIMIT_PER_DAY", default=10)
# Any request body larger than this is refused (413) from its Content-Length, before it is read:
# the largest upload (a key-figure file) and 1 MiB for the form around it. The ingress's
# proxy-body-size (deploy/k8s) says the same; a test compares them.
MAX_REQUEST_BYTES = env.int("MAX_REQUEST_BYTES", default=KPI_IMPORT_MAX_BYTES + 1024 * 1024)
from celery.schedules import crontab  # noqa: E402

CELERY_BEAT_SCHEDULE["kpi-pick-up"] = {
    "task": "kpis.pick_up_files",
    "schedule": crontab(hour=env.int("KPI_PICKUP_HOUR", default=2), minute=30),
}
# Operations (issue 14): shared media, PgBouncer, logs, errors, metrics.
from portal import observability  # noqa: E402  (settings helpers; no models)

# Uploaded files (KPI imports, briefing attachments) go through Django's storage API:
# local disk by default, an S3-compatible bucket when several servers share them.
MEDIA_STORAGE = env.str("MEDIA_STORAGE", default="local")
STORAGES["default"] = observability.media_storage(
    MEDIA_STORAGE,
    bucket=env.str("S3_BUCKET", default=""),
    endpoint_url=env.str("S3_ENDPOINT_URL", default=""),
    region=env.str("S3_REGION", default=""),
    access_key=env.str("S3_ACCESS_KEY_ID", default=""),
    secret_key=env.str("S3_SECRET_ACCESS_KEY", default=""),
    prefix=env.str("S3_PREFIX", default=""),
)
# PgBouncer in transaction mode cannot keep the server-side cursors of .iterator().
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env.bool(
    "DISABLE_SERVER_SIDE_CURSORS", default=False
)

LOG_FORMAT = env.str("LOG_FORMAT", default="text")
if LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be 'text' or 'json', not {LOG_FORMAT!r}.")
if LOG_FORMAT == "json":
    observability.use_json_logs(LOGGING)
    # Celery keeps the Django logging configuration instead of its own text format.
    CELERY_WORKER_HIJACK_ROOT_LOGGER = False

SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    observability.init_sentry(
        SENTRY_DSN,
        environment=env.str("SENTRY_ENVIRONMENT", default="production"),
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
    )

# Prometheus metrics at /metrics, only for a scraper that sends "Authorization: Bearer METRICS_TOKEN";
# without a token the endpoint does not exist (404). With several gunicorn workers set
# PROMETHEUS_MULTIPROC_DIR so one scrape sees them all.
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")
INSTALLED_APPS += ["django_prometheus"]
MIDDLEWARE = [
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    *MIDDLEWARE,
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]
# Reminders exactly once (notifications/sweep.py). Times in seconds unless named otherwise.
REMINDER_BATCH_SIZE = env.int("REMINDER_BATCH_SIZE", default=200)
REMINDER_SWEEP_TIME_LIMIT = env.int(
    "REMINDER_SWEEP_TIME_LIMIT", default=10 * 60
)  # Celery's hard limit
REMINDER_SWEEP_SOFT_TIME_LIMIT = env.int("REMINDER_SWEEP_SOFT_TIME_LIMIT", default=9 * 60)
# The sweep stops starting new work this long before its soft limit, so it ends cleanly by itself.
REMINDER_SWEEP_SECONDS_MAX = env.float(
    "REMINDER_SWEEP_SECONDS_MAX", default=REMINDER_SWEEP_SOFT_TIME_LIMIT - 30
)
# A claim's lease, counted by the database's clock from the claim; it must outlast the hard limit.
REMINDER_CLAIM_LEASE_SECONDS = env.float("REMINDER_CLAIM_LEASE_SECONDS", default=20 * 60)
REMINDER_MAIL_RETRY_MINUTES = env.list(
    "REMINDER_MAIL_RETRY_MINUTES", cast=int, default=[5, 15, 60, 240]
)
REMINDER_MAIL_BUDGET_HOURS = env.float("REMINDER_MAIL_BUDGET_HOURS", default=24)
REMINDER_MAIL_FAILING_AFTER = env.int(
    "REMINDER_MAIL_FAILING_AFTER", default=3
)  # failed sends in a row
REMINDER_WORKDAY_START = env.str("REMINDER_WORKDAY_START", default="08:00")
# E-mails marked "being sent" per commit that waits for the disk: the rest of the sweep's commits do not
# wait, and a database crash leaves at most this many e-mails unconfirmed (1: every commit waits).
REMINDER_MAIL_MARK_AHEAD = env.int("REMINDER_MAIL_MARK_AHEAD", default=10)
# This many different recipients refused for good (5xx) in a row, with no e-mail accepted in between,
# mean a misconfigured relay: the sweep stops e-mailing and tries them again later.
REMINDER_MAIL_REFUSALS_TO_STOP = env.int("REMINDER_MAIL_REFUSALS_TO_STOP", default=5)
# How long the sweep keeps trying again (with growing waits) while the database is unreachable.
REMINDER_SWEEP_DATABASE_RETRY_SECONDS = env.float(
    "REMINDER_SWEEP_DATABASE_RETRY_SECONDS", default=5 * 60
)
CELERY_TASK_ANNOTATIONS = {
    "notifications.send_reminders": {
        "time_limit": REMINDER_SWEEP_TIME_LIMIT,
        "soft_time_limit": REMINDER_SWEEP_SOFT_TIME_LIMIT,
    }
}
# A sweep message nobody took before the next one is due is dropped, not piled up.
CELERY_BEAT_SCHEDULE["send-reminders"]["options"] = {
    "expires": CELERY_BEAT_SCHEDULE["send-reminders"]["schedule"]
}
# A mail server that accepts the connection and never answers must not hang the sweep.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
# Health: reconnect instead of failing a request on a connection the database closed.
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", env.bool("CONN_HEALTH_CHECKS", default=True))
HEALTH_BROKER_TIMEOUT = env.float("HEALTH_BROKER_TIMEOUT", default=0.25)
HEALTH_CACHE_SECONDS = env.float("HEALTH_CACHE_SECONDS", default=5)
# Probes talk plain HTTP to the pod: a redirect would count as success for Kubernetes.
SECURE_REDIRECT_EXEMPT = [r"^healthz(/live)?$"]
# One date format per language on every screen (portal/formats/<lang>/formats.py).
FORMAT_MODULE_PATH = ["portal.formats"]
# Data protection: works-council switches, the smallest group an aggregate may
# describe, and how long each kind of record is kept (months).
WORKS_COUNCIL_FEATURES = {
    "individual_kpis": env.bool("FEATURE_INDIVIDUAL_KPIS", default=True),
    "upward_feedback": env.bool("FEATURE_UPWARD_FEEDBACK", default=True),
    "lead_skill_ratings": env.bool("FEATURE_LEAD_SKILL_RATINGS", default=True),
    "lead_timeliness": env.bool("FEATURE_LEAD_TIMELINESS", default=True),
    "qa": env.bool("FEATURE_QA", default=True),
    "objective_proposals": env.bool("FEATURE_OBJECTIVE_PROPOSALS", default=True),
    "one_on_ones": env.bool("FEATURE_ONE_ON_ONES", default=True),
    "one_on_one_cadence_for_hr": env.bool("FEATURE_ONE_ON_ONE_CADENCE_FOR_HR", default=True),
}
# The one anonymity threshold: anonymous upward feedback shows from this many answers on, team figures
# (weekly key figures, one-on-one counts) from this many people on; the works-council page states it.
MIN_GROUP_SIZE = env.int("MIN_GROUP_SIZE", default=3)
# Each app's personal data (`<app>/personal_data.py`: sources for the copy of one's data, what is not
# exported and why, retention rules, the register's entry), gathered by `privacy`; a new app with a
# model that refers to a person is listed here (tests/privacy/test_data_export.py fails otherwise).
PERSONAL_DATA_MODULES = [
    "people.personal_data",
    "training.personal_data",
    "notifications.personal_data",
    "skills.personal_data",
    "plans.personal_data",
    "kpis.personal_data",
    "feedback.personal_data",
    "qa.personal_data",
    "reviews.personal_data",
    "reports.personal_data",
    "briefings.personal_data",
    "objectives.personal_data",
    "one_on_ones.personal_data",
    "audit.personal_data",
    "api.personal_data",
]

RETENTION_MONTHS = {
    "coaching_notes": env.int("RETENTION_COACHING_NOTES_MONTHS", default=24),
    "unshared_notes": env.int("RETENTION_UNSHARED_NOTES_MONTHS", default=3),
    "reviews": env.int("RETENTION_REVIEWS_MONTHS", default=36),
    "kpis": env.int("RETENTION_KPIS_MONTHS", default=24),
    "audit": env.int("RETENTION_AUDIT_MONTHS", default=36),
    "notifications": env.int("RETENTION_NOTIFICATIONS_MONTHS", default=12),
    "leavers": env.int("RETENTION_LEAVERS_MONTHS", default=6),
    "qa_evaluations": env.int("RETENTION_QA_EVALUATIONS_MONTHS", default=24),
    "qa_calibrations": env.int("RETENTION_QA_CALIBRATIONS_MONTHS", default=24),
    "qa_samples": env.int("RETENTION_QA_SAMPLES_MONTHS", default=24),
    "qa_quotas": env.int("RETENTION_QA_SAMPLES_MONTHS", default=24),
    "objective_proposals": env.int("RETENTION_OBJECTIVE_PROPOSALS_MONTHS", default=24),
    "sign_in_attempts": env.int("RETENTION_SIGN_IN_ATTEMPTS_MONTHS", default=1),
    "one_on_ones": env.int("RETENTION_ONE_ON_ONES_MONTHS", default=24),
}
# One-on-ones (one_on_ones/, README "One-on-ones"): the cadence a new series proposes (days: 7, 14
# or 28), how many meetings are kept planned ahead, and after how many weeks without a one-on-one
# the lead's dashboard names an agent.
ONE_ON_ONE_DEFAULT_CADENCE_DAYS = env.int("ONE_ON_ONE_DEFAULT_CADENCE_DAYS", default=14)
ONE_ON_ONE_MEETINGS_AHEAD = env.int("ONE_ON_ONE_MEETINGS_AHEAD", default=3)
ONE_ON_ONE_OVERDUE_WEEKS = env.int("ONE_ON_ONE_OVERDUE_WEEKS", default=4)
# Reminders: "add your points" this many hours before a meeting; "no notes yet" or "an action item
# without an owner" up to this many days after it.
ONE_ON_ONE_PREPARE_HOURS = env.int("ONE_ON_ONE_PREPARE_HOURS", default=24)
ONE_ON_ONE_FOLLOW_UP_DAYS = env.int("ONE_ON_ONE_FOLLOW_UP_DAYS", default=2)
CELERY_BEAT_SCHEDULE["apply-retention"] = {
    "task": "privacy.apply_retention",
    "schedule": env.int("RETENTION_RUN_SECONDS", default=24 * 60 * 60),
}
# Quality evaluations of customer contacts (qa/, README "Quality evaluations"). A bonus never lifts a
# score above QA_BONUS_CAP (%). An agent disputes an answer within QA_DISPUTE_DAYS of sharing; with
# QA_DISPUTE_ARBITRATION someone other than the evaluator decides; whoever may decide is reminded once of
# a dispute still open QA_DISPUTE_REMINDER_DAYS after it was raised. Each agent gets at least QA_MIN_PER_MONTH and never more than
# QA_MAX_PER_MONTH evaluations of a month's interactions (the works agreement's cap).
QA_BONUS_CAP = env.int("QA_BONUS_CAP", default=100)
QA_DISPUTE_DAYS = env.int("QA_DISPUTE_DAYS", default=7)
QA_DISPUTE_ARBITRATION = env.bool("QA_DISPUTE_ARBITRATION", default=True)
QA_DISPUTE_REMINDER_DAYS = env.int("QA_DISPUTE_REMINDER_DAYS", default=3)
QA_LEADS_MANAGE_SCORECARDS = env.bool("QA_LEADS_MANAGE_SCORECARDS", default=False)
QA_MIN_PER_MONTH = env.int("QA_MIN_PER_MONTH", default=2)
QA_MAX_PER_MONTH = env.int("QA_MAX_PER_MONTH", default=8)
QA_BLIND_EVALUATION = env.bool("QA_BLIND_EVALUATION", default=False)
QA_INTERACTION_MAX_AGE_DAYS = env.int("QA_INTERACTION_MAX_AGE_DAYS", default=90)
QA_EVIDENCE_DAYS = env.int("QA_EVIDENCE_DAYS", default=90)
if not 0 <= QA_MIN_PER_MONTH <= QA_MAX_PER_MONTH:
    raise ImproperlyConfigured(
        f"QA_MAX_PER_MONTH ({QA_MAX_PER_MONTH}) is the works agreement's cap; it cannot be below "
        f"QA_MIN_PER_MONTH ({QA_MIN_PER_MONTH})."
    )
if QA_DISPUTE_REMINDER_DAYS < 1:
    raise ImproperlyConfigured(
        f"QA_DISPUTE_REMINDER_DAYS ({QA_DISPUTE_REMINDER_DAYS}) must be at least 1 (days)."
    )
if QA_BONUS_CAP < 100:
    raise ImproperlyConfigured(f"QA_BONUS_CAP ({QA_BONUS_CAP}) must be at least 100 (%).")
# Figures across the whole site (HR overview, site skills matrix, site training needs) are cached
# this long per process; 0 computes them on every request (see people/site_figures.py).
SITE_FIGURES_CACHE_SECONDS = env.int("SITE_FIGURES_CACHE_SECONDS", default=300)
# ---------------------------------------------------------------------------
# Security hardening (issue 10). Kept in one block; see README "Security".
from csp.constants import NONE, SELF  # noqa: E402
from django.core.exceptions import ImproperlyConfigured  # noqa: E402

from portal.example_secrets import PLACEHOLDER, example_secrets_in, weak_secret_key  # noqa: E402

DEVELOPMENT_SECRET_KEY = "django-insecure-development-only-change-me"  # noqa: S105  # nosec B105  # the public development key, refused below
if SECRET_KEY == DEVELOPMENT_SECRET_KEY and env.str("SECRET_KEY_FILE", default=""):
    SECRET_KEY = Path(env.str("SECRET_KEY_FILE")).read_text().strip()
if not DEBUG and (
    not SECRET_KEY
    or SECRET_KEY == DEVELOPMENT_SECRET_KEY
    or SECRET_KEY.startswith("django-insecure")
):
    raise ImproperlyConfigured(
        "DEBUG is off but SECRET_KEY is not set (or is the public development key). "
        "Set SECRET_KEY (or SECRET_KEY_FILE) to a long random value."
    )
if not DEBUG and (_weakness := weak_secret_key(SECRET_KEY)) and PLACEHOLDER not in SECRET_KEY:
    raise ImproperlyConfigured(
        f"DEBUG is off but SECRET_KEY is no production key: {_weakness}. Set SECRET_KEY (or "
        "SECRET_KEY_FILE) to a long random value, e.g. "
        '`python -c "import secrets; print(secrets.token_urlsafe(50))"`.'
    )
if not DEBUG and (_examples := example_secrets_in({**os.environ, "SECRET_KEY": SECRET_KEY})):
    raise ImproperlyConfigured(
        f"DEBUG is off but these secrets still hold the repository's example value {PLACEHOLDER!r} "
        f"(deploy/k8s/secret.example.yaml): {', '.join(_examples)}. Set real ones."
    )

INSTALLED_APPS += ["csp", "django_otp", "django_otp.plugins.otp_totp", "security"]


def _after(name, *added):
    MIDDLEWARE[MIDDLEWARE.index(name) + 1 : MIDDLEWARE.index(name) + 1] = list(added)


_after(
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "security.middleware.PermissionsPolicyMiddleware",
)
_after("django.middleware.csrf.CsrfViewMiddleware", "security.middleware.InputCleaningMiddleware")
# Before anything that reads the session or the user: a page answers 503 "maintenance" while the
# database is unreachable, in the visitor's language (portal/maintenance.py).
_after(
    "django.middleware.locale.LocaleMiddleware", "portal.maintenance.DatabaseUnavailableMiddleware"
)
_after(
    "django.contrib.auth.middleware.AuthenticationMiddleware", "django_otp.middleware.OTPMiddleware"
)
# Before anything reads the body (CSRF reads the form): too large is refused from Content-Length.
_after(
    "portal.maintenance.DatabaseUnavailableMiddleware", "security.middleware.RequestSizeMiddleware"
)
_after(
    "django.contrib.messages.middleware.MessageMiddleware",
    "security.middleware.SessionTimeoutMiddleware",
    "security.middleware.SecondFactorMiddleware",
    "security.middleware.PrivateCacheMiddleware",
)

# Content-Security-Policy: scripts and styles only from our own static files; no inline
# scripts. Inline style *attributes* (progress-bar widths) stay allowed; <style> elements do not.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": [SELF, "data:"],  # Bootstrap draws its icons as data: SVGs
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), publickey-credentials-get=(), usb=(), "
    "browsing-topics=()"
)

# Sessions: signed out after SESSION_IDLE_TIMEOUT_MINUTES without a request, and in any case
# SESSION_ABSOLUTE_TIMEOUT_HOURS after signing in.
SESSION_IDLE_TIMEOUT_MINUTES = env.int("SESSION_IDLE_TIMEOUT_MINUTES", default=30)
# The page warns this long before the idle timeout and offers "stay signed in" (static/js/session.js).
SESSION_IDLE_WARNING_MINUTES = env.int("SESSION_IDLE_WARNING_MINUTES", default=5)
# "For you" on /me/: what waits longer than this folds into "earlier" (portal/sections.py).
FOR_YOU_RECENT_DAYS = env.int("FOR_YOU_RECENT_DAYS", default=30)
SESSION_ABSOLUTE_TIMEOUT_HOURS = env.int("SESSION_ABSOLUTE_TIMEOUT_HOURS", default=10)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT_HOURS * 60 * 60

# Client addresses: REMOTE_ADDR unless reverse proxies are configured. TRUSTED_PROXY_COUNT is how
# many proxies stand in front of the portal (the client is read from X-Forwarded-For, skipping
# their entries); TRUSTED_PROXIES lists the addresses or networks of the proxy that connects to
# the portal: X-Forwarded-For is believed only from there.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
# In production the number of proxies must be said, 0 included: guessed wrong, one address (the
# proxy's) would stand for everybody and the per-address limits would lock out the whole company.
if not DEBUG and "TRUSTED_PROXY_COUNT" not in os.environ:
    raise ImproperlyConfigured(
        "DEBUG is off but TRUSTED_PROXY_COUNT is not set. Set it to the number of reverse proxies "
        "in front of the portal (1 behind an ingress or load balancer, 0 when browsers connect "
        'directly); see README "Security".'
    )
AXES_CLIENT_IP_CALLABLE = "security.throttling.client_address"
# Lockout: AXES_FAILURE_LIMIT failures for one lower-cased e-mail from one address; besides,
# an address is locked after LOGIN_FAILURE_LIMIT_PER_ADDRESS failures for any e-mails (password
# spraying) and an e-mail after LOGIN_FAILURE_LIMIT_PER_EMAIL failures from any addresses.
AXES_USERNAME_CALLABLE = "security.throttling.login_username"
AXES_HANDLER = "security.throttling.LoginThrottleHandler"
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = (
    False  # so the extra locks answer with the lockout page
)
LOGIN_FAILURE_LIMIT_PER_ADDRESS = env.int("LOGIN_FAILURE_LIMIT_PER_ADDRESS", default=30)
LOGIN_FAILURE_LIMIT_PER_EMAIL = env.int("LOGIN_FAILURE_LIMIT_PER_EMAIL", default=20)

# Password resets: at most this many requests per e-mail address and per client address an hour.
PASSWORD_RESET_LIMIT_PER_EMAIL = env.int("PASSWORD_RESET_LIMIT_PER_EMAIL", default=3)
PASSWORD_RESET_LIMIT_PER_ADDRESS = env.int("PASSWORD_RESET_LIMIT_PER_ADDRESS", default=10)

# Two-factor sign-in (TOTP): anyone may turn it on; with REQUIRE_2FA_FOR_STAFF, HR and
# administrators must enrol before they can use the portal.
REQUIRE_2FA_FOR_STAFF = env.bool("REQUIRE_2FA_FOR_STAFF", default=False)
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Team Portal")
# ---------------------------------------------------------------------------
# REST API, tokens, single sign-on and provisioning (issue 28; see README "Connect other systems").
INSTALLED_APPS.insert(INSTALLED_APPS.index("portal"), "api")
INSTALLED_APPS += ["rest_framework", "drf_spectacular", "drf_spectacular_sidecar"]
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.BearerTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.TokenAllows"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.PerTokenThrottle"],
    "DEFAULT_THROTTLE_RATES": {"token": env.str("API_THROTTLE_RATE", default="1200/min")},
    "DEFAULT_PAGINATION_CLASS": "api.pagination.ByIdCursor",
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.problems.handle",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Team Portal API",
    "DESCRIPTION": (
        "People, teams, skills, plans, shared feedback and reviews, key figures, trainings and "
        "briefings of the team development portal. Every endpoint answers with what the token's "
        "user may see on the pages; errors are RFC 9457 problem details."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_AUTHENTICATION": [],
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.add_problem_responses",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ChannelEnum": "people.models.ChannelCode",
        "MembershipKindEnum": "people.models.TeamMembership.Kind",
        "NoteKindEnum": "feedback.models.CoachingNote.Kind",
        "SkillLevelEnum": "skills.models.LEVEL_CHOICES",
    },
}

# Single sign-on with OpenID Connect (api/sso.py): on when OIDC_RP_CLIENT_ID is set. Endpoints from the
# provider's discovery document (README "Single sign-on"); roles and teams from SSO_GROUPS_CLAIM through
# the mapping table HR keeps. LOCAL_PASSWORDS=false refuses the password form to all but BREAK_GLASS_ADMINS.
OIDC_RP_CLIENT_ID = env.str("OIDC_RP_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env.str("OIDC_RP_CLIENT_SECRET", default="")
OIDC_OP_AUTHORIZATION_ENDPOINT = env.str("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env.str("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env.str("OIDC_OP_USER_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env.str("OIDC_OP_JWKS_ENDPOINT", default="")
OIDC_RP_SIGN_ALGO = env.str("OIDC_RP_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES = env.str("OIDC_RP_SCOPES", default="openid email profile")
OIDC_USE_PKCE = env.bool("OIDC_USE_PKCE", default=True)
OIDC_TIMEOUT = env.int("OIDC_TIMEOUT", default=10)
OIDC_AUTHENTICATION_CALLBACK_URL = "api:sso_oidc_callback"
LOGIN_REDIRECT_URL_FAILURE = "/accounts/login/"
SSO_GROUPS_CLAIM = env.str("SSO_GROUPS_CLAIM", default="groups")
SSO_BUTTON_LABEL = env.str("SSO_BUTTON_LABEL", default="")
LOCAL_PASSWORDS = env.bool("LOCAL_PASSWORDS", default=True)
BREAK_GLASS_ADMINS = env.list("BREAK_GLASS_ADMINS", default=[])
AUTHENTICATION_BACKENDS = [
    "api.sso.LocalPasswordBackend" if b == "django.contrib.auth.backends.ModelBackend" else b
    for b in AUTHENTICATION_BACKENDS
]
if OIDC_RP_CLIENT_ID:
    AUTHENTICATION_BACKENDS.append("api.sso.PortalOIDCBackend")
TEMPLATES[0]["OPTIONS"]["context_processors"].append("api.context_processors.single_sign_on")

# Webhooks (api/webhooks.py): signed POSTs to the systems admins subscribe, delivered by a worker like the
# reminder e-mails (claims with a lease by the database's clock, the reminder e-mails' retry schedule and
# time budget: REMINDER_MAIL_RETRY_MINUTES, REMINDER_MAIL_BUDGET_HOURS).
WEBHOOK_TIMEOUT_SECONDS = env.float("WEBHOOK_TIMEOUT_SECONDS", default=10)
WEBHOOK_BATCH_SIZE = env.int("WEBHOOK_BATCH_SIZE", default=100)
WEBHOOK_CLAIM_LEASE_SECONDS = env.float("WEBHOOK_CLAIM_LEASE_SECONDS", default=10 * 60)
# Plain http:// addresses only where this is on (development, tests); production receivers use https.
WEBHOOK_ALLOW_HTTP = env.bool("WEBHOOK_ALLOW_HTTP", default=DEBUG)
CELERY_TASK_ANNOTATIONS["api.deliver_webhooks"] = {
    "time_limit": int(WEBHOOK_CLAIM_LEASE_SECONDS) - 60,
    "soft_time_limit": int(WEBHOOK_CLAIM_LEASE_SECONDS) - 90,
}
CELERY_BEAT_SCHEDULE["deliver-webhooks"] = {
    "task": "api.deliver_webhooks",
    "schedule": env.int("WEBHOOK_SWEEP_SECONDS", default=60),
    "options": {"expires": env.int("WEBHOOK_SWEEP_SECONDS", default=60)},
}

# Single sign-on with SAML 2.0 (api/saml.py, djangosaml2 on pysaml2): on when the identity provider's
# metadata is given by URL or file. The same account and group rules as OpenID Connect (SSO_*,
# LOCAL_PASSWORDS, BREAK_GLASS_ADMINS). Attribute names as the provider sends them.
SAML_IDP_METADATA_URL = env.str("SAML_IDP_METADATA_URL", default="")
SAML_IDP_METADATA_FILE = env.str("SAML_IDP_METADATA_FILE", default="")
SAML_SP_BASE_URL = env.str("SAML_SP_BASE_URL", default="")  # default: SITE_URL
SAML_SP_ENTITY_ID = env.str("SAML_SP_ENTITY_ID", default="")  # default: <base>/sso/saml/metadata/
SAML_SP_KEY_FILE = env.str("SAML_SP_KEY_FILE", default="")  # to sign requests (optional)
SAML_SP_CERT_FILE = env.str("SAML_SP_CERT_FILE", default="")
SAML_EMAIL_ATTRIBUTE = env.str("SAML_EMAIL_ATTRIBUTE", default="mail")
SAML_GIVEN_NAME_ATTRIBUTE = env.str("SAML_GIVEN_NAME_ATTRIBUTE", default="givenName")
SAML_FAMILY_NAME_ATTRIBUTE = env.str("SAML_FAMILY_NAME_ATTRIBUTE", default="sn")
SAML_GROUPS_ATTRIBUTE = env.str("SAML_GROUPS_ATTRIBUTE", default="groups")
SAML_CONFIG_LOADER = "api.saml_provider.config_loader"
SAML_SESSION_COOKIE_NAME = "saml_session"
SAML_SESSION_COOKIE_SAMESITE = "None"  # the identity provider posts the answer from its own site
INSTALLED_APPS += ["djangosaml2"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware") + 1,
    "djangosaml2.middleware.SamlSessionMiddleware",
)
# Always listed: it signs no one on while SAML is off (api.saml.saml_enabled) or without a checked answer.
AUTHENTICATION_BACKENDS.append("api.saml.PortalSaml2Backend")
