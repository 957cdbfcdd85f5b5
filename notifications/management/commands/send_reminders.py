from django.core.management.base import BaseCommand

from notifications.services import sweep


class Command(BaseCommand):
    help = "Run the reminder sweep now (the same one Celery beat runs) and print what it did."

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size", type=int, help="reminders claimed per batch (REMINDER_BATCH_SIZE)"
        )
        parser.add_argument(
            "--max-seconds",
            type=float,
            help="stop starting new work after this long (REMINDER_SWEEP_SECONDS_MAX)",
        )

    def handle(self, *args, batch_size=None, max_seconds=None, **options):
        report = sweep(batch_size=batch_size, time_budget=max_seconds)
        if report.is_idle():
            self.stdout.write("No reminders were due.")
        for kind in sorted(set(report.reminded) | set(report.sent)):
            self.stdout.write(f"{kind}: {report.reminded[kind]} bell, {report.sent[kind]} e-mail")
        self.stdout.write(f"Bell notifications: {report.bells}")
        self.stdout.write(f"E-mails sent: {report.emails_sent}")
        self.stdout.write(f"E-mails failed (retry scheduled): {report.failed}")
        self.stdout.write(f"E-mails retried: {report.retried}")
        self.stdout.write(f"E-mails given up: {report.given_up}")
        self.stdout.write(f"E-mails deferred (mail server failing or time up): {report.deferred}")
        self.stdout.write(f"E-mails unconfirmed after an interrupted sweep: {report.unconfirmed}")
        self.stdout.write(f"E-mails no longer due: {report.cancelled}")
        self.stdout.write(f"Claims taken over by another sweep: {report.claims_lost}")
        if report.stopped_early:
            self.stdout.write("Stopped early; the next sweep continues.")
