from django.core.management.base import BaseCommand

from notifications.services import sweep


class Command(BaseCommand):
    help = "Run the reminder sweep now (the same one Celery beat runs) and print what was sent."

    def handle(self, *args, **options):
        sent = sweep()
        if not sent:
            self.stdout.write("No reminders were due.")
        for kind, count in sorted(sent.items()):
            self.stdout.write(f"{kind}: {count}")
        self.stdout.write(f"Sent {sum(sent.values())} reminder(s).")
