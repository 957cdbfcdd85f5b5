import time

from django.core.management.base import BaseCommand, CommandError

from notifications import backoff
from notifications.services import DatabaseLost, SweepReport, sweep


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
        report = self._sweep_while_the_database_comes_back(batch_size, max_seconds)
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
        if report.relay_refusing:
            self.stdout.write(
                "Stopped e-mailing: the mail server refused every recipient; they are tried again "
                f"later. Its answer: {report.relay_refusing}"
            )
        if report.stopped_early:
            self.stdout.write("Stopped early; the next sweep continues.")

    def _sweep_while_the_database_comes_back(self, batch_size, max_seconds) -> SweepReport:
        """Like the Celery task: while the database is unreachable, wait and continue the same sweep."""
        earlier, resume, retries = SweepReport(), None, 0
        while True:
            try:
                report = sweep(batch_size=batch_size, time_budget=max_seconds, resume=resume)
            except DatabaseLost as lost:
                earlier.add(lost.report)
                wait = backoff.database_retry_countdown(retries)
                if wait is None:
                    raise CommandError(
                        f"The database is unreachable ({lost.__cause__}); the sweep's claims are "
                        "taken over by a later sweep once their lease runs out."
                    ) from lost
                self.stderr.write(f"The database is unreachable; trying again in {wait:g} s.")
                time.sleep(wait)
                resume, retries = lost.resume, retries + 1
                continue
            report.add(earlier)
            return report
