import os
import tempfile
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


def write_atomically(catalog, mo_path: Path):
    """Write the .mo beside its final name and rename it: a process that loads the catalogs meanwhile
    (a test run, a served portal) reads the old file or the new one, never half of one."""
    handle, partial = tempfile.mkstemp(dir=mo_path.parent, prefix=".", suffix=".mo")
    os.close(handle)
    try:
        catalog.save_as_mofile(partial)
        os.chmod(partial, 0o644)
        os.replace(partial, mo_path)
    finally:
        if os.path.exists(partial):
            os.unlink(partial)


class Command(BaseCommand):
    help = (
        "Compile the .po catalogs into .mo files in pure Python, so that a machine without "
        "GNU gettext can run the portal in German."
    )

    def handle(self, *args, **options):
        count = 0
        for po_path in catalog_files():
            write_atomically(polib.pofile(str(po_path)), po_path.with_suffix(".mo"))
            count += 1
        self.stdout.write(f"Compiled {count} catalog(s).")
