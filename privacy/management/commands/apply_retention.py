from django.conf import settings
from django.core.management.base import BaseCommand

from privacy import retention


class Command(BaseCommand):
    help = "Delete or anonymise records past their retention period (settings.RETENTION_MONTHS)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only print what would go.")

    def handle(self, *args, dry_run=False, **options):
        run = retention.apply(dry_run=dry_run)
        verb = "would go" if dry_run else "went"
        for rule in retention.rules():
            months = settings.RETENTION_MONTHS[rule.key]
            self.stdout.write(
                f"{rule.key:16} {run.counts[rule.key]:>8} {verb}  (kept {months} months)"
            )
        if dry_run:
            self.stdout.write("Dry run: nothing was changed.")
