"""The fixed cast every test can use.

team: lead, agent, colleague; other_team: other_lead, other_agent; plus hr and admin.
"""

import os

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from people.models import Role

from .factories import TeamFactory, UserFactory, make_agent, make_lead

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _fast_and_isolated_settings():
    from django.conf import settings

    return {
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
        "STORAGES": {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        "LANGUAGE_CODE": "en",
    }


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings):
    for name, value in _fast_and_isolated_settings().items():
        setattr(settings, name, value)


@pytest.fixture(autouse=True)
def _celery_eager():
    """Tasks run in the test process unless a test starts a real worker."""
    from portal.celery import app

    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager = False


@pytest.fixture
def team(db):
    return TeamFactory(name="Phone Team")


@pytest.fixture
def other_team(db):
    return TeamFactory(name="Chat Team")


@pytest.fixture
def lead(team):
    return make_lead(team, email="lead@example.test", first_name="Lena", last_name="Lead")


@pytest.fixture
def agent(team, lead):
    return make_agent(team, email="agent@example.test", first_name="Jonas", last_name="Agent")


@pytest.fixture
def colleague(team, lead):
    return make_agent(
        team, email="colleague@example.test", first_name="Clara", last_name="Colleague"
    )


@pytest.fixture
def other_lead(other_team):
    return make_lead(
        other_team, email="other.lead@example.test", first_name="Otto", last_name="Otherlead"
    )


@pytest.fixture
def other_agent(other_team, other_lead):
    return make_agent(
        other_team, email="other.agent@example.test", first_name="Olga", last_name="Other"
    )


@pytest.fixture
def hr(db):
    return UserFactory(role=Role.HR, email="hr@example.test", first_name="Hanna", last_name="HR")


@pytest.fixture
def admin_user(db):
    return UserFactory(
        role=Role.ADMIN,
        email="admin@example.test",
        first_name="Adam",
        last_name="Admin",
        is_staff=True,
        is_superuser=True,
    )


@pytest.fixture
def cast(lead, agent, colleague, other_lead, other_agent, hr, admin_user):
    return {
        "lead": lead,
        "agent": agent,
        "colleague": colleague,
        "other_lead": other_lead,
        "other_agent": other_agent,
        "hr": hr,
        "admin": admin_user,
    }


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture(scope="session")
def seeded_demo(django_db_setup, django_db_blocker):
    """The demo service center (`make run`'s), seeded once per test process and kept as a copy:
    `seeded_demo.restore()` puts it back in a fraction of a second. The database is left empty, as
    a transactional test leaves it."""
    from django.core.management import call_command
    from django.test import override_settings

    from .snapshot import DatabaseSnapshot

    # The settings every test runs with (passwords hashed as the tests check them), seeded once.
    with django_db_blocker.unblock(), override_settings(**_fast_and_isolated_settings()):
        call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))
        snapshot = DatabaseSnapshot.take()
        call_command("flush", interactive=False, verbosity=0)
    return snapshot


@pytest.fixture(scope="session", autouse=True)
def _quick_flush_and_commit_on_postgresql():
    """Transactional tests end with Django's flush, which on PostgreSQL truncates every table (about
    2 s); DELETE does the same in a fortieth of it (tests/snapshot.py). Commits of the suite's own
    connections need not wait for the disk: nothing here survives a crash of the test database
    anyway, and the reminder ledger sets its own durability per transaction (SET LOCAL)."""
    from django.db.backends.postgresql.operations import DatabaseOperations
    from django.db.backends.signals import connection_created

    from .snapshot import postgresql_flush_by_delete

    def no_wait_for_disk(sender, connection, **kwargs):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET synchronous_commit TO OFF")

    original = DatabaseOperations.sql_flush
    DatabaseOperations.sql_flush = postgresql_flush_by_delete(original)
    connection_created.connect(no_wait_for_disk)
    yield
    connection_created.disconnect(no_wait_for_disk)
    DatabaseOperations.sql_flush = original


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached site figures of one test never leak into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


# Property-based tests (hypothesis): deterministic and bounded. HYPOTHESIS_PROFILE=thorough
# explores more examples when run by hand.

hypothesis_settings.register_profile(
    "ci",
    max_examples=12,
    derandomize=True,
    deadline=None,
    database=None,
    print_blob=False,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.function_scoped_fixture,
        HealthCheck.data_too_large,
    ],
)
hypothesis_settings.register_profile(
    "thorough",
    parent=hypothesis_settings.get_profile("ci"),
    max_examples=200,
)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


# Browser journeys run in German and English; `--lang de` (or `en`) runs them in one language only,
# for a quicker look while working on a page. CI runs both.


def pytest_addoption(parser):
    parser.addoption(
        "--lang",
        choices=["de", "en"],
        help="run the browser journeys in this language only (default: German and English)",
    )


# Fixtures through which a test reaches the suite's own database: a test marked
# `database_independent` may use none of them, since CI runs it with PostgreSQL only.
SUITE_DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_setup",
    "live_server",
}


def _refuse_database_use_in_independent_tests(items):
    for item in items:
        if item.get_closest_marker("database_independent") is None:
            continue
        used = SUITE_DATABASE_FIXTURES.intersection(item.fixturenames)
        if used or item.get_closest_marker("django_db"):
            raise pytest.UsageError(
                f"{item.nodeid} is marked database_independent but uses the suite's database "
                f"({', '.join(sorted(used)) or 'django_db'}): remove the mark"
            )


def pytest_collection_modifyitems(config, items):
    _refuse_database_use_in_independent_tests(items)
    language = config.getoption("--lang")
    if not language:
        return
    kept, deselected = [], []
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        chosen = params.get("lang", params.get("language", language))
        (deselected if chosen != language else kept).append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept
