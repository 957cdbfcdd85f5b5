from django.core.management.base import BaseCommand

from skills.services import current_levels_rebuild


class Command(BaseCommand):
    help = "Derive every agent's current skill levels again from the ratings and targets."

    def handle(self, *args, **options):
        self.stdout.write(f"{current_levels_rebuild()} current levels derived.")
