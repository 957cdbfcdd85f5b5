from django.core.management.base import BaseCommand

from skills.services import catalogue_load


class Command(BaseCommand):
    help = (
        "Load the shipped contact-center skill catalogue (English and German). Safe to run twice."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{catalogue_load()} skill(s) added.")
