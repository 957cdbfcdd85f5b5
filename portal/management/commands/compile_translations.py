from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


def catalog_files():
    """Every .po file of the project: the project's locale folder and each app's."""
    roots = [Path(p) for p in settings.LOCALE_PATHS]
    roots += [
        Path(settings.BASE_DIR) / app.split(".")[0] / "locale" for app in settings.INSTALLED_APPS
    ]
    for root in roots:
        if root.is_dir():
            yield from sorted(root.glob("*/LC_MESSAGES/*.po"))


class Command(BaseCommand):
    help = (
        "Compile the .po catalogs into .mo files in pure Python, so that a machine without "
        "GNU gettext can run the portal in German."
    )

    def handle(self, *args, **options):
        count = 0
        for po_path in catalog_files():
            polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
            count += 1
        self.stdout.write(f"Compiled {count} catalog(s).")
