import time

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.utils import OperationalError


class Command(BaseCommand):
    help = (
        "Wait until the database accepts connections (containers may start before their database)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--timeout", type=int, default=60, help="seconds to wait at most (default 60)"
        )

    def handle(self, *args, timeout, **options):
        connection = connections[DEFAULT_DB_ALIAS]
        deadline = time.monotonic() + timeout
        while True:
            try:
                connection.ensure_connection()
                break
            except OperationalError as error:
                connection.close()
                if time.monotonic() >= deadline:
                    reason = (str(error).strip().splitlines() or [type(error).__name__])[0]
                    raise CommandError(
                        f"The database at {where(connection)} did not answer within {timeout} s: {reason}"
                    ) from error
                time.sleep(1)
        self.stdout.write(f"Database at {where(connection)} is ready.")


def where(connection) -> str:
    """Host and port, or the file of SQLite; never the password."""
    settings = connection.settings_dict
    if settings.get("HOST"):
        return f"{settings['HOST']}:{settings.get('PORT') or 5432}"
    return str(settings.get("NAME"))
