"""The German style guide (docs/german-style.md), as far as a machine can check it."""

import re
from collections import defaultdict

import polib
import pytest
from django.utils import translation
from django.utils.translation import gettext, pgettext

from portal.management.commands.compile_translations import catalog_files


def _entries():
    for po_path in catalog_files():
        for entry in polib.pofile(str(po_path)):
            if not entry.obsolete:
                yield po_path, entry


def _german(entry) -> list[str]:
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


FORBIDDEN = [
    (r"Mitarbeiter(?!nde)", "agents are „Mitarbeitende“ (never Mitarbeiter, Mitarbeiter*in)"),
    (
        r"\*(?:r|n|e|s|m|en|er|em|es)\b",
        "no gender star on articles, pronouns or endings (der*dem, ein*e, diese*n)",
    ),
    (
        r"\b(?:der|die|dem|den|des|ein|eine|einen|einem|einer|diese|dieser|diesen|dieses)\*",
        "no starred articles",
    ),
    (
        r":innen|Innen\b|/-?in\b",
        "one inclusive form: neutral words, else the star on the noun (Mentor*in)",
    ),
    (r"Aufwärts", "„Feedback an die Teamleitung“, not a literal „Aufwärts-Feedback“"),
    (
        r"[Dd]ünnste",
        "„Kompetenzen mit der geringsten Abdeckung“, not a literal „Dünnste Kompetenzen“",
    ),
    (
        r"\b(?:du|dich|dir|dein|deine|deinen|deinem|deiner|Du|Dich|Dir|Dein|Deine)\b",
        "we address people with Sie",
    ),
    (r"\b\d{4}-Q[1-4]\b", "quarters read „Q4 2026“"),
    (
        r"^Feedback gegeben$",
        "a button is a verb („Feedback erfassen“); a state names its date („Feedback gegeben am“)",
    ),
    (r"Teammeeting", "„Teambesprechung“"),
    (r"\bHR\b", "„Personalabteilung“"),
    (r"\bEntwurf\b", "status words are adjectives: a draft is „In Vorbereitung“"),
]


@pytest.mark.parametrize("pattern,rule", FORBIDDEN, ids=[rule for _p, rule in FORBIDDEN])
def test_no_german_message_breaks_the_style_guide(pattern, rule):
    offenders = [
        f"{po_path.parts[-5]}: {entry.msgid!r} → {text!r}"
        for po_path, entry in _entries()
        for text in _german(entry)
        if re.search(pattern, text)
    ]
    assert offenders == [], rule


def test_the_same_message_reads_the_same_in_every_catalog():
    """Django merges all catalogs into one, so two translations of one message would show either at random."""
    seen = defaultdict(set)
    for po_path, entry in _entries():
        seen[(entry.msgctxt, entry.msgid, entry.msgid_plural)].add(
            (tuple(_german(entry)), po_path.parts[-5])
        )
    differing = {
        key: sorted(found)
        for key, found in seen.items()
        if len({german for german, _app in found}) > 1
    }
    assert differing == {}


LOAN_WORDS = {
    "Feedback",
    "Team",
    "Teams",
    "Briefing",
    "Briefings",
    "Training",
    "Mentoring",
    "Onboarding",
    "Chat",
    "Name",
    "Status",
    "Portal",
    "Webhooks",
    "Fairness",
    "Mentee",
    "Export",
    "Parameter",
    "Problem",
    "Filter",
    "Format",
    "Text",
    "Link",
    "AHT (m:ss)",
    "FCR",
    "CSAT",
    "QA",
    "Position",
    "Coaching",
    "Downloads",
    "Hello %(name)s,",
    "Version %(version)s",
    "%(agent)s: %(status)s.",
}


def test_every_message_is_really_translated():
    copies = sorted(
        {
            entry.msgid
            for _po, entry in _entries()
            if not entry.msgid_plural
            and entry.msgstr == entry.msgid
            and entry.msgid not in LOAN_WORDS
            and entry.msgid.lower() not in {w.lower() for w in LOAN_WORDS}
        }
    )
    assert copies == []


def test_status_words_are_adjectives_and_actions_are_verbs():
    from plans.models import Goal
    from training.models import Enrollment

    with translation.override("de"):
        assert str(Goal.Status.OPEN.label) == "Offen"
        assert gettext("Open") == "Öffnen"
        assert pgettext("enrollment", "Cancel") == "Stornieren"
        assert gettext("Cancel") == "Abbrechen"
        assert gettext("Actions") == "Aktionen"
        assert pgettext("development plan", "Actions") == "Maßnahmen"
        assert str(Enrollment.Status.WAITING.label) == "Auf der Warteliste"
        assert gettext("Record feedback") == "Feedback erfassen"
        assert gettext("Upward feedback") == "Feedback an Teamleitungen"


def test_the_style_guide_is_in_docs():
    from django.conf import settings

    guide = (settings.BASE_DIR / "docs" / "german-style.md").read_text()
    for rule in ("Sie", "Mitarbeitende", "TT.MM.JJJJ", "Q4 2026", "Offen"):
        assert rule in guide
