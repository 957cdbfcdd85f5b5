import pytest
from django.db import transaction

from . import world


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, seeded once per module inside a transaction that is rolled back at the end;
    each test runs in a savepoint of its own, so every test starts from the same world."""
    from django.test import override_settings

    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")),
    ):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield world.build()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
