import random
import time
from importlib import import_module

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from people import demo as people_demo

DEMO_SEED = 2026
# Apps whose demo.py adds to the people seed, in dependency order.
DEMO_APPS = [
    "notifications",
    "skills",
    "plans",
    "training",
    "kpis",
    "feedback",
    "qa",
    "reviews",
    "briefings",
    "objectives",
    "one_on_ones",
]


class Command(BaseCommand):
    help = "Fill an empty database with a believable demo service center. Safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument("--agents", type=int, default=40, help="number of agents (default 40)")
        parser.add_argument(
            "--years",
            type=int,
            default=1,
            help="years of history per agent: notes, reviews, key figures, ratings (default 1)",
        )

    def handle(self, *args, agents, years, verbosity=1, **options):
        self.verbosity = verbosity
        if agents < 1:
            raise CommandError("--agents must be at least 1.")
        if not 1 <= years <= 10:
            raise CommandError("--years must be between 1 and 10.")
        if people_demo.demo_exists():
            self.stdout.write("Demo data is already present; nothing changed.")
            self._print_logins()
            return
        started = time.monotonic()
        rng = random.Random(DEMO_SEED)
        today = timezone.localdate()
        with transaction.atomic():
            self._skip_foreign_key_triggers()
            demo = people_demo.seed(agents=agents, rng=rng, today=today, years=years)
            self._progress("people", started)
            modules = self._app_seeds()
            for app, module in modules:
                stage = time.monotonic()
                module.seed(demo=demo, rng=rng, today=today)
                self._progress(app, stage)
            for (
                app,
                module,
            ) in modules:  # what is derived from several apps' data, such as current levels
                if hasattr(module, "finish"):
                    stage = time.monotonic()
                    module.finish(demo=demo)
                    self._progress(f"{app} (derived)", stage)
            stage = time.monotonic()
        self._progress("commit", stage)
        if connection.vendor == "postgresql":
            # Planner statistics for the new rows, before anyone reads them: the portal's tables
            # only. A bare ANALYZE also analyses the catalogs that all databases of the server
            # share, and inside a caller's transaction (a test's seeded world) it holds their lock
            # until that transaction ends, stalling every other database's ANALYZE meanwhile.
            stage = time.monotonic()
            tables = connection.introspection.django_table_names(only_existing=True)
            with connection.cursor() as cursor:
                cursor.execute(  # nosec B608  # table names from Django's own models, quoted
                    "ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in sorted(tables))
                )
            self._progress("analyze", stage)
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo service center created: {len(demo.teams)} teams, {len(demo.agents)} agents, "
                f"{years} year(s) of history in {elapsed:.1f} s."
            )
        )
        self._print_logins()

    def _skip_foreign_key_triggers(self):
        """On PostgreSQL, as a superuser, skip the per-row foreign-key checks of this transaction: every
        generated row refers to rows generated before it (the suite checks each reference on SQLite),
        and checking millions of rows one by one at commit is most of a big seed's time. Elsewhere,
        or without the privilege, the checks run as usual."""
        if connection.vendor != "postgresql":
            return
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SET LOCAL session_replication_role = replica")
        except DatabaseError:
            pass

    def _app_seeds(self):
        """The other apps' demo modules, in dependency order: `seed` adds each app's part of the demo,
        an optional `finish` derives what depends on later apps' data."""
        return [(app, import_module(f"{app}.demo")) for app in DEMO_APPS]

    def _progress(self, stage, since):
        if self.verbosity >= 2:
            self.stdout.write(f"  {stage}: {time.monotonic() - since:.1f} s")

    def _print_logins(self):
        self.stdout.write(f"Demo logins (password {people_demo.DEMO_PASSWORD}):")
        for email in (
            people_demo.DEMO_LEAD_EMAIL,
            people_demo.DEMO_AGENT_EMAIL,
            people_demo.DEMO_HR_EMAIL,
            people_demo.DEMO_ADMIN_EMAIL,
        ):
            self.stdout.write(f"  {email}")
