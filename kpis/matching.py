"""Finding the portal's agent for what a source system writes: e-mail, login/ID linked once, or full name.

Rules: an e-mail address matches the agent's e-mail; any identifier HR linked for this source
(login, ID or name) matches that agent; a full name matches when exactly one agent has it, in
either order ("Kowalski, Anna" = "Anna Kowalski"), ignoring accents and case. A name two agents
share is never guessed; two rules pointing at two people is an error on the row.
"""

import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext as _

from people import access

from .models import AgentIdentifier, ImportSource


def name_key(name) -> tuple:
    """Accents, case, commas and order do not matter: ("anna", "kowalski")."""
    text = unicodedata.normalize("NFKD", str(name or "")).casefold().replace("ß", "ss")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    for mark in ",;.()\"'":
        text = text.replace(mark, " ")
    return tuple(sorted(text.split()))


def identifier_key(value) -> str:
    return " ".join(str(value or "").strip().casefold().split())


@dataclass
class Match:
    agent_id: int | None
    problem: str = ""  # a row error: ambiguous, or two rules disagree
    unmatched: str = ""  # the identifier to link in the preview


class AgentMatcher:
    """Built once per file from three queries; every lookup is a dictionary access, cached per identifier."""

    def __init__(self, source: ImportSource | None):
        agents = access.agents().values_list("pk", "email", "first_name", "last_name")
        self.by_email: dict = {}
        self.by_name: dict = {}
        self.names: dict = {}
        for pk, email, first, last in agents:
            self.by_email[email.casefold()] = pk
            key = name_key(f"{first} {last}")
            if key:
                self.by_name.setdefault(key, set()).add(pk)
            self.names[pk] = f"{first} {last}".strip() or email
        self.linked: dict = {}
        if source is not None and source.pk:
            self.linked = dict(
                AgentIdentifier.objects.filter(source=source).values_list("identifier", "agent_id")
            )
        self._cache: dict = {}

    def match(self, identifier, name=None) -> Match:
        cache_key = (identifier, name)
        found = self._cache.get(cache_key)
        if found is None:
            found = self._cache[cache_key] = self._match(identifier, name)
        return found

    def _match(self, identifier, name) -> Match:
        ident = identifier_key(identifier)
        label = identifier_key(name)
        hits = {}  # agent → the rule that found them
        ambiguous = False
        if "@" in ident and ident in self.by_email:
            hits.setdefault(self.by_email[ident], _("e-mail"))
        for value in (ident, label):
            if value and value in self.linked:
                hits.setdefault(self.linked[value], _("linked identifier"))
        for value in (label, ident if "@" not in ident else ""):
            key = name_key(value)
            if len(key) >= 2 and key in self.by_name:
                candidates = self.by_name[key]
                if len(candidates) == 1:
                    hits.setdefault(next(iter(candidates)), _("name"))
                elif not hits:
                    ambiguous = True
        if len(hits) > 1:
            who = ", ".join(f"{self.names.get(pk, pk)} ({rule})" for pk, rule in hits.items())
            return Match(None, problem=_("the agent matches two people: %(who)s") % {"who": who})
        if hits:
            return Match(next(iter(hits)))
        shown = str(identifier or "").strip() or str(name or "").strip()
        if not shown:
            return Match(None, problem=_("no agent given"))
        if ambiguous:
            return Match(
                None,
                problem=_("“%(name)s” is the name of several agents; link it to one")
                % {"name": shown},
                unmatched=shown,
            )
        return Match(
            None, problem=_("unknown agent “%(agent)s”") % {"agent": shown}, unmatched=shown
        )

    def name_of(self, agent_id) -> str:
        return self.names.get(agent_id, "")
