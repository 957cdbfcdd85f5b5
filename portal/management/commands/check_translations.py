import shutil
import subprocess
import tempfile
from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from .compile_translations import catalog_files


class Command(BaseCommand):
    help = (
        "Fail when a German catalog misses a translation, or when the source holds a string "
        "the catalogs do not (runs makemessages in a scratch copy; needs GNU gettext)."
    )

    def handle(self, *args, **options):
        problems = []
        for po_path in catalog_files():
            for entry in polib.pofile(str(po_path)):
                if entry.obsolete:
                    continue
                if not entry.translated() or "fuzzy" in entry.flags:
                    problems.append(f"{po_path}: untranslated {entry.msgid!r}")
        problems += self._stale_catalogs()
        if problems:
            raise CommandError("\n".join(problems))
        self.stdout.write("All catalogs are complete and up to date.")

    def _stale_catalogs(self):
        base = Path(settings.BASE_DIR)
        with tempfile.TemporaryDirectory() as scratch:
            copy = Path(scratch) / "src"
            shutil.copytree(
                base,
                copy,
                ignore=shutil.ignore_patterns(".venv", "var", ".git", "node_modules", "*.mo"),
            )
            subprocess.run(
                [
                    str(base / ".venv" / "bin" / "python"),
                    "manage.py",
                    "makemessages",
                    "--locale=de",
                    "--no-obsolete",
                    "--ignore=.venv",
                    "--ignore=var",
                    "--ignore=tests",
                    "--ignore=static",
                ],
                cwd=copy,
                check=True,
                capture_output=True,
            )
            problems = []
            for fresh in sorted(copy.glob("**/locale/*/LC_MESSAGES/*.po")):
                po_path = base / fresh.relative_to(copy)
                if not po_path.exists():
                    problems.append(f"{po_path}: missing catalog (run `make messages`)")
                    continue
                # A message is its context and its text: "Open" (a link) and "Open" in the context
                # "goal status" are two messages with two translations.
                have = {
                    (e.msgctxt or "", e.msgid) for e in polib.pofile(str(po_path)) if not e.obsolete
                }
                want = {
                    (e.msgctxt or "", e.msgid) for e in polib.pofile(str(fresh)) if not e.obsolete
                }
                for context, missing in sorted(want - have):
                    where = f" (context {context!r})" if context else ""
                    problems.append(f"{po_path}: missing {missing!r}{where} (run `make messages`)")
            return problems
