from django.core.management.base import BaseCommand
from django.db import connection


class Command(BaseCommand):
    help = (
        "Print every table of the database with its number of rows, one per line: run it on the "
        "live database and on a restored copy and compare (the restore drill in the README)."
    )

    def handle(self, *args, **options):
        for table, count in sorted(table_counts().items()):
            self.stdout.write(f"{table}\t{count}")


def table_counts(using=connection) -> dict[str, int]:
    counts = {}
    with using.cursor() as cursor:
        for table in using.introspection.table_names(cursor):
            cursor.execute(f"SELECT COUNT(*) FROM {using.ops.quote_name(table)}")  # nosec B608  # quoted names from introspection
            counts[table] = cursor.fetchone()[0]
    return counts
