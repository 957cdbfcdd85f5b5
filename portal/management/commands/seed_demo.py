import random
import time
from importlib import import_module

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from people import demo as people_demo

DEMO_SEED = 2026
# Apps whose demo.py adds to the people seed, in dependency order.
DEMO_APPS = ["skills", "plans", "training", "kpis", "feedback", "reviews", "briefings"]


class Command(BaseCommand):
    help = "Fill an empty database with a believable demo service center. Safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument("--agents", type=int, default=40, help="number of agents (default 40)")

    def handle(self, *args, agents, **options):
        if agents < 1:
            raise CommandError("--agents must be at least 1.")
        if people_demo.demo_exists():
            self.stdout.write("Demo data is already present; nothing changed.")
            self._print_logins()
            return
        started = time.monotonic()
        rng = random.Random(DEMO_SEED)
        today = timezone.localdate()
        with transaction.atomic():
            demo = people_demo.seed(agents=agents, rng=rng, today=today)
            for seed in self._app_seeds():
                seed(demo=demo, rng=rng, today=today)
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo service center created: {len(demo.teams)} teams, {len(demo.agents)} agents "
                f"in {elapsed:.1f} s."
            )
        )
        self._print_logins()

    def _app_seeds(self):
        """Seeds of the other apps, in dependency order; each adds its part of the demo."""
        return [import_module(f"{app}.demo").seed for app in DEMO_APPS]

    def _print_logins(self):
        self.stdout.write(f"Demo logins (password {people_demo.DEMO_PASSWORD}):")
        for email in (people_demo.DEMO_LEAD_EMAIL, people_demo.DEMO_AGENT_EMAIL, people_demo.DEMO_HR_EMAIL,
                      people_demo.DEMO_ADMIN_EMAIL):
            self.stdout.write(f"  {email}")
