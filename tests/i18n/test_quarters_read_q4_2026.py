"""Quarters read "Q4 2026" wherever a person reads them: no template prints a quarter's label
("2026-Q4") as text (only in a link or an attribute), no catalog holds one, and the share dialog and
HR's upward-feedback tabs say "Q3 2026"."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from people.periods import Quarter
from reviews import confirmations

from ..reports.test_exports import held_review

pytestmark = pytest.mark.django_db
ROOT = Path(settings.BASE_DIR)
LABEL = re.compile(r"\b\d{4}-Q[1-4]\b")
PRINTED_LABEL = re.compile(
    r"\{\{\s*(?:review\.|section\.)?(?:q|quarter|cycle|previous|current)\.label\s*\}\}"
)


def _ours(pattern: str):
    return [
        p for p in ROOT.glob(pattern) if ".venv" not in p.parts and "node_modules" not in p.parts
    ]


def test_no_template_prints_a_quarters_label_as_text():
    printed = []
    for path in _ours("**/templates/**/*.html") + _ours("**/templates/**/*.txt"):
        text = path.read_text()
        for match in PRINTED_LABEL.finditer(text):
            before = text[: match.start()]
            in_attribute = before.count('"') % 2 == 1 and re.search(r'[\w-]+="[^"]*$', before)
            if not in_attribute:
                printed.append(f"{path.relative_to(ROOT)}: {match.group(0)}")
        printed += [f"{path.relative_to(ROOT)}: {m}" for m in LABEL.findall(text)]
    assert printed == []


def test_no_catalog_writes_a_quarter_as_2026_q4():
    found = []
    for path in _ours("**/locale/de/LC_MESSAGES/django.po"):
        for line in path.read_text().splitlines():
            if line.startswith(("msgid", "msgstr", '"')) and LABEL.search(line):
                found.append(f"{path.relative_to(ROOT)}: {line}")
    assert found == []


def test_the_share_and_acknowledge_dialogs_say_q3_2026(cast):
    review = held_review(cast["lead"], cast["agent"])
    assert "Q3 2026" in confirmations.share(review).title
    assert "Q3 2026" in confirmations.acknowledge(review).title
    assert "2026-Q3" not in confirmations.share(review).title


def test_hrs_upward_feedback_tabs_say_q3_2026(cast, login):
    body = login(cast["hr"]).get("/hr/upward/").content.decode()
    shown = re.sub(r'(href|value|id|aria-labelledby)="[^"]*"', "", body)
    assert Quarter.current().previous().display in shown
    assert not LABEL.search(shown)
