from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kpis import presets, reading, services
from kpis.models import KpiRecord
from people.models import ChannelCode


class Command(BaseCommand):
    help = (
        "Import KPI records from a CSV or XLSX export; all rows or none. Uses the source's saved column "
        "mapping, or detects the export format from the headers."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--source", required=True, help="the system the file comes from")
        parser.add_argument(
            "--preset",
            choices=sorted(presets.PRESETS),
            default="",
            help="force an export format instead of the saved mapping or detection",
        )
        parser.add_argument(
            "--channel",
            choices=ChannelCode.values,
            default="",
            help="one channel for the whole file (for exports without a channel column)",
        )
        parser.add_argument(
            "--period", choices=KpiRecord.Period.values, default=KpiRecord.Period.WEEK
        )
        parser.add_argument("--check", action="store_true", help="check every row, import nothing")

    def handle(self, *args, file, source, preset, channel, period, check, **options):
        path = Path(file)
        import_source = services.source_for(source)
        try:
            with path.open("rb") as handle:
                report = services.import_file(
                    handle,
                    path.name,
                    source=import_source,
                    preset_name=preset,
                    force_preset=bool(preset),
                    channel=channel,
                    period=period,
                    write=not check,
                )
        except (OSError, reading.FileProblem) as error:
            raise CommandError(str(error)) from error
        if report.problems:
            raise CommandError(" ".join(report.problems))
        for number, reason in report.skipped[:20]:
            self.stdout.write(f"line {number}: skipped, {reason}")
        if report.error_count:
            for number, message in report.errors[:50]:
                self.stderr.write(f"line {number}: {message}")
            for identifier, rows in list(report.unmatched.items())[:50]:
                self.stderr.write(f"unknown agent: {identifier} ({rows} row(s))")
            raise CommandError(f"{report.error_count} problem(s) found; nothing was imported.")
        if not import_source.mapping:
            import_source.mapping, import_source.preset = report.mapping, report.preset
            import_source.channel = channel
            import_source.save(update_fields=["mapping", "preset", "channel"])
        verb = "checked" if check else "imported"
        self.stdout.write(
            f"{report.rows} row(s) read ({report.preset}), {report.skipped_count} skipped, "
            f"{report.records} record(s) {verb}, {report.changed} new or changed."
        )
