import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from portal import services


class Command(BaseCommand):
    help = (
        "Create the first administrator from ADMIN_EMAIL and ADMIN_PASSWORD when there is none yet; "
        "does nothing once an administrator exists."
    )

    def handle(self, *args, **options):

        if services.administrator_exists():
            self.stdout.write("An administrator exists; no account created.")
            return
        email, password = os.environ.get("ADMIN_EMAIL", ""), os.environ.get("ADMIN_PASSWORD", "")
        if not email or not password:
            self.stdout.write(
                self.style.WARNING(
                    "No administrator yet: set ADMIN_EMAIL and ADMIN_PASSWORD to create one at the next start."
                )
            )
            return
        try:
            user = services.first_admin_create(email=email, password=password)
        except ValidationError as error:
            raise CommandError(
                "The first administrator was not created: " + " ".join(error.messages)
            ) from error
        self.stdout.write(self.style.SUCCESS(f"Administrator {user.email} created."))
