from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from kpis import parsing, services
from kpis.models import KpiRecord


class Command(BaseCommand):
    help = "Import KPI records from a CSV or XLSX file; all rows or none. Uses the source's saved column mapping."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--source", required=True, help="the system the file comes from")
        parser.add_argument("--period", choices=KpiRecord.Period.values, default=KpiRecord.Period.WEEK)

    def handle(self, *args, file, source, period, **options):
        path = Path(file)
        try:
            table = parsing.read_table(path.name, path.read_bytes())
        except (OSError, parsing.FileProblem) as error:
            raise CommandError(str(error)) from error
        import_source = services.source_for(source)
        mapping = import_source.mapping or parsing.guess_mapping(table.headers)
        try:
            imported, errors = services.import_table(table, mapping=mapping, period=period, source=source)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        if errors:
            for number, message in errors[:50]:
                self.stderr.write(f"line {number}: {message}")
            raise CommandError(f"{len(errors)} problem(s) found; nothing was imported.")
        if not import_source.mapping:
            import_source.mapping = mapping
            import_source.save(update_fields=["mapping"])
        self.stdout.write(f"{imported} row(s) imported.")
