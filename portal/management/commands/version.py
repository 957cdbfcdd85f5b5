from django.core.management.base import BaseCommand

from portal.version import VERSION


class Command(BaseCommand):
    help = "Print the portal's version (the one in pyproject.toml)."

    def handle(self, *args, **options):
        self.stdout.write(VERSION)
