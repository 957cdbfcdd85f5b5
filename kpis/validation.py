"""Checking every row in one pass and adding the rows up into the portal's period per agent and channel.

Rows per interval, per day or per contact are combined: contacts are added, the average handling
time is weighted by contacts, first-contact resolution by the contacts it was measured on, customer
satisfaction by its answers (or contacts), QA by contacts. The same numbers therefore give the same
record whichever system exported them and however finely it split them.
"""

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial

from django.utils.translation import gettext as _

from core.spreadsheets import FORMULA_STARTS

from . import values
from .matching import AgentMatcher
from .presets import LABELS, SUMMARY_WORDS, Preset, channel_code

MAX_STORED_ERRORS = 1000
MAX_STORED_SKIPPED = 100
MAX_UNMATCHED = 500
LONGEST_HANDLING_SECONDS = 24 * 3600
LARGEST_COUNT = 1_000_000
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SUMMARY = re.compile(
    "^(?:{})(?![a-zäöüß])".format(
        "|".join(re.escape(w) for w in sorted(SUMMARY_WORDS, key=len, reverse=True))
    )
)
# The fields of a record sent through the API, in the order the checker reads them.
RECORD_FIELDS = [
    "agent",
    "period_start",
    "channel",
    "contacts",
    "aht_seconds",
    "fcr",
    "csat",
    "csat_answers",
    "qa_score",
]
FIELD_COUNT = len(RECORD_FIELDS)
NUMBERS = (int, float)  # classes, not isinstance: a bool is neither
# Accumulator slots per (agent, period start, channel).
CONTACTS, AHT_SUM, AHT_W, FCR_SUM, FCR_W, CSAT_SUM, CSAT_W, ANSWERS, QA_SUM, QA_W, FIRST_LINE = (
    range(11)
)


@dataclass(slots=True)
class Record:
    agent_id: int
    period_start: date
    channel: str
    contacts: int
    aht_seconds: int | None
    fcr: float | None
    csat: float | None
    csat_answers: int
    qa_score: float | None

    def values(self) -> tuple:
        return (
            self.contacts,
            self.aht_seconds,
            self.fcr,
            self.csat,
            self.csat_answers,
            self.qa_score,
        )


@dataclass
class Outcome:
    rows: int = 0
    errors: list = field(default_factory=list)  # [line, message], the first MAX_STORED_ERRORS
    error_count: int = 0
    skipped: list = field(default_factory=list)  # [line, reason]
    skipped_count: int = 0
    unmatched: dict = field(default_factory=dict)  # identifier → rows
    sample_rows: list = field(
        default_factory=list
    )  # per-row values, only when asked for (the mapping page)


def mapping_problems(preset: Preset, mapping: dict, headers, *, channel: str = "") -> list[str]:
    """What keeps this mapping from working with these headers, said in the mapping page's words."""
    problems = []
    known = set(headers)
    for name, column in mapping.items():
        if column and not all(part in known for part in column.split(" + ")):
            problems.append(
                _("The column “%(column)s” for “%(field)s” is not in the file.")
                % {"column": column, "field": LABELS.get(name, name)}
            )
    required = ["period_start"] + ([] if preset.per_contact else ["contacts"])
    for name in required:
        if not mapping.get(name):
            problems.append(_("Choose the column for “%(field)s”.") % {"field": LABELS[name]})
    if not mapping.get("agent") and not mapping.get("agent_name"):
        problems.append(
            _("Choose the column for “%(field)s” or “%(name)s”.")
            % {"field": LABELS["agent"], "name": LABELS["agent_name"]}
        )
    if not mapping.get("channel") and not channel and not preset.default_channel:
        problems.append(_("The file has no channel column: choose one channel for the whole file."))
    return problems


class Checker:
    """Feed it rows; it keeps the aggregated records, the errors (first 1,000), skipped rows and unknown agents."""

    def __init__(
        self,
        *,
        preset: Preset,
        mapping: dict,
        headers,
        matcher: AgentMatcher,
        today: date,
        channel: str = "",
        period: str = "week",
        keep_rows: bool = False,
    ):
        self.preset, self.matcher, self.today, self.period = preset, matcher, today, period
        self.channel = channel
        self.keep_rows = keep_rows
        position = {h: i for i, h in enumerate(headers)}
        self.headers = list(headers)

        def columns(name):
            column = mapping.get(name) or ""
            return [position[p] for p in column.split(" + ") if p in position] if column else []

        self.cols = {name: columns(name) for name in LABELS}
        self.column_names = {name: mapping.get(name, "") for name in LABELS}
        self.records: dict = {}
        self.outcome = Outcome()
        self._days: dict = {}
        self._channels: dict = {}
        self._not_summary: set = set()
        self.width = len(self.headers)
        self.idx = {name: indexes[0] if indexes else None for name, indexes in self.cols.items()}
        unit = preset.duration_unit
        self._parsers = {
            "answered": values.flag,
            "contacts": partial(values.number, integer=True),
            "aht_seconds": partial(values.duration, unit=unit),
            "csat": values.csat,
            "fcr": {"share": values.share, "flag": values.flag, "zero_is_yes": values.zero_is_yes}[
                preset.fcr_kind
            ],
            "csat_answers": partial(values.number, integer=True),
            "qa_score": partial(values.score, low=0, high=100),
        }
        self._readers = {name: (self.idx[name], parse) for name, parse in self._parsers.items()}
        self._text_columns = [
            i for name in ("agent", "agent_name", "channel") for i in self.cols[name]
        ]
        # feed_values() takes plain rows itself where they mean what feed() makes of them: the
        # portal's own fields in their order, a share for FCR, seconds, one channel per row.
        self._takes_values = (
            self.headers == RECORD_FIELDS
            and all(mapping.get(name) == name for name in RECORD_FIELDS)
            and not any(self.cols[name] for name in LABELS if name not in RECORD_FIELDS)
            and not (channel or keep_rows or preset.per_contact or preset.skip_when_empty)
            and (preset.fcr_kind, preset.duration_unit) == ("share", "s")
        )

    # -- one row ---------------------------------------------------------------------------------
    def feed(self, number: int, cells: list) -> None:
        self.outcome.rows += 1
        if len(cells) < self.width:
            cells = list(cells) + [None] * (self.width - len(cells))
        cell = self._cell
        summary = self._summary_word(cells)
        if summary:
            return self._skip(number, _("summary row “%(text)s”") % {"text": _shown(summary)})
        problems = []
        read = self._read

        agent_raw, name_raw = cell(cells, "agent"), cell(cells, "agent_name")
        match = self.matcher.match(
            agent_raw if agent_raw.__class__ is str else values.as_text(agent_raw),
            name_raw if name_raw.__class__ is str else values.as_text(name_raw),
        )
        if match.problem:
            problems.append(match.problem)
            if match.unmatched and (
                match.unmatched in self.outcome.unmatched
                or len(self.outcome.unmatched) < MAX_UNMATCHED
            ):
                self.outcome.unmatched[match.unmatched] = (
                    self.outcome.unmatched.get(match.unmatched, 0) + 1
                )
        for index in self._text_columns:
            raw = cells[index]
            if raw.__class__ is str and raw[:1] in FORMULA_STARTS and _formula(raw):
                problems.append(_("“%(value)s” contains a formula") % {"value": _shown(raw)})

        raw_day = cell(cells, "period_start")
        if self.preset.skip_when_empty == "period_start" and values.is_missing(raw_day):
            return self._skip(number, _("no date yet (for example an unsolved ticket)"))
        period_start = self._day(raw_day, problems)

        channel = self._channel(cells, problems)

        if self.preset.per_contact:
            answered = read("answered", cells, problems)
            if answered is False:
                return self._skip(number, _("not answered"))
            contacts = 1
        else:
            before = len(problems)
            contacts = read("contacts", cells, problems)
            if contacts is None and len(problems) == before:
                problems.append(_("%(field)s is missing") % {"field": LABELS["contacts"]})
            elif contacts is not None and contacts > LARGEST_COUNT:
                problems.append(
                    self._describe("contacts", cell(cells, "contacts"), _("is too large"))
                )

        aht = read("aht_seconds", cells, problems)
        total = self._duration_total(cells, problems)
        if aht is not None and aht > LONGEST_HANDLING_SECONDS:
            problems.append(
                self._describe(
                    "aht_seconds",
                    cell(cells, "aht_seconds"),
                    _("is longer than 24 hours per contact"),
                )
            )
        fcr = read("fcr", cells, problems)
        csat = read("csat", cells, problems)
        answers = read("csat_answers", cells, problems)
        qa = read("qa_score", cells, problems)

        if self.keep_rows:
            shown = {
                "line": number,
                "agent": self.matcher.name_of(match.agent_id) if match.agent_id else "",
                "agent_raw": match.unmatched or "",
                "period_start": period_start,
                "channel": channel,
                "contacts": contacts,
                "aht_seconds": aht
                if aht is not None
                else (total / contacts if total is not None and contacts else None),
                "fcr": fcr,
                "csat": csat,
                "qa_score": qa,
                "errors": problems,
            }
            self.outcome.sample_rows.append(shown)
        if problems:
            return self._error(number, problems)

        key = (match.agent_id, self._bucket(period_start), channel)
        acc = self.records.get(key)
        if acc is None:
            acc = self.records[key] = [0, 0.0, 0, 0.0, 0, 0.0, 0, 0, 0.0, 0, number]
        elif not self.preset.combine_rows:
            return self._error(
                number, [_("duplicate of line %(line)s") % {"line": acc[FIRST_LINE]}]
            )
        acc[CONTACTS] += contacts
        if total is not None:
            acc[AHT_SUM] += total
            acc[AHT_W] += contacts
        elif aht is not None:
            acc[AHT_SUM] += aht * contacts
            acc[AHT_W] += contacts
        if fcr is not None:
            weight = contacts if self.preset.fcr_kind == "share" else 1
            acc[FCR_SUM] += float(fcr) * weight
            acc[FCR_W] += weight
        if answers:
            acc[ANSWERS] += answers
        elif csat is not None and self.preset.per_contact:
            acc[ANSWERS] += 1
        if csat is not None:
            weight = answers or contacts or 1
            acc[CSAT_SUM] += csat * weight
            acc[CSAT_W] += weight
        if qa is not None:
            weight = contacts or 1
            acc[QA_SUM] += qa * weight
            acc[QA_W] += weight

    # -- many rows of values, as JSON carries them ------------------------------------------------
    def feed_values(self, rows) -> None:
        """Rows of RECORD_FIELDS holding values as JSON carries them (the API's bulk upload), numbered
        from 0. A row whose values are all plain and fine (a known agent and channel, a day before
        today, numbers within the limits) is added up at once, exactly as feed() would add it;
        every other row goes through feed(), which names its problems as for a file."""
        if not self._takes_values:
            for number, cells in enumerate(rows):
                self.feed(number, cells)
            return
        feed, records, outcome = self.feed, self.records, self.outcome
        agents: dict = {}  # text → agent id, or 0: the row needs feed()
        days: dict = {}  # text → start of the period, or None
        channels: dict = {}  # text → channel code, or "": the row needs feed()
        taken = 0
        for number, cells in enumerate(rows):
            if len(cells) != FIELD_COUNT:
                feed(number, cells)
                continue
            agent, day, channel, contacts, aht, fcr, csat, answers, qa = cells
            agent_id = (
                (agents[agent] if agent in agents else self._plain_agent(agent, agents))
                if agent.__class__ is str
                else 0
            )
            start = (
                (days[day] if day in days else self._plain_day(day, days))
                if day.__class__ is str
                else None
            )
            code = (
                (
                    channels[channel]
                    if channel in channels
                    else self._plain_channel(channel, channels)
                )
                if channel.__class__ is str
                else ""
            )
            if not (
                agent_id
                and start
                and code
                and contacts.__class__ is int
                and 0 <= contacts <= LARGEST_COUNT
                and (
                    aht is None
                    or (aht.__class__ in NUMBERS and 0 <= aht <= LONGEST_HANDLING_SECONDS)
                )
                and (fcr is None or (fcr.__class__ in NUMBERS and 0 <= fcr <= 1))
                and (csat is None or (csat.__class__ in NUMBERS and 1 <= csat <= 5))
                and (
                    answers is None
                    or (answers.__class__ is int and 0 <= answers <= values.LARGEST_NUMBER)
                )
                and (qa is None or (qa.__class__ in NUMBERS and 0 <= qa <= 100))
            ):
                feed(number, cells)
                continue
            key = (agent_id, start, code)
            if key in records:  # a duplicate (or, where rows combine, a second row): feed() decides
                feed(number, cells)
                continue
            taken += 1
            # The same sums as feed() makes for a first row of a key (fcr is a share, weighed by contacts).
            answers = answers or 0
            csat_weight = answers or contacts or 1
            qa_weight = contacts or 1
            records[key] = [
                contacts,
                0.0 if aht is None else 0.0 + float(aht) * contacts,
                0 if aht is None else contacts,
                0.0 if fcr is None else 0.0 + float(fcr) * contacts,
                0 if fcr is None else contacts,
                0.0 if csat is None else 0.0 + float(csat) * csat_weight,
                0 if csat is None else csat_weight,
                answers,
                0.0 if qa is None else 0.0 + float(qa) * qa_weight,
                0 if qa is None else qa_weight,
                number,
            ]
        outcome.rows += taken

    def _plain_agent(self, raw: str, known: dict) -> int:
        """The agent's id when this text names one agent and is neither a summary word nor a formula."""
        agent_id = 0
        if not (_SUMMARY.match(values.as_text(raw).casefold()) or _formula_start(raw)):
            match = self.matcher.match(raw, "")
            agent_id = 0 if match.problem else match.agent_id or 0
        known[raw] = agent_id
        return agent_id

    def _plain_day(self, raw: str, known: dict):
        problems: list = []
        day = self._day(raw, problems)
        known[raw] = start = None if problems else self._bucket(day)
        return start

    def _plain_channel(self, raw: str, known: dict) -> str:
        code = "" if _formula_start(raw) else channel_code(values.as_text(raw)) or ""
        known[raw] = code
        return code

    # -- results ---------------------------------------------------------------------------------
    def results(self):
        """The aggregated records, one at a time (100,000 of them need not exist at once)."""
        for row in self.rows():
            yield Record(*row)

    def rows(self):
        """The aggregated records as tuples in Record's field order, for writing (no object per row)."""
        for (agent_id, period_start, channel), acc in self.records.items():
            yield (
                agent_id,
                period_start,
                channel,
                acc[CONTACTS],
                round(acc[AHT_SUM] / acc[AHT_W]) if acc[AHT_W] else None,
                round(acc[FCR_SUM] / acc[FCR_W], 4) if acc[FCR_W] else None,
                round(acc[CSAT_SUM] / acc[CSAT_W], 3) if acc[CSAT_W] else None,
                acc[ANSWERS],
                round(acc[QA_SUM] / acc[QA_W], 2) if acc[QA_W] else None,
            )

    # -- helpers ---------------------------------------------------------------------------------
    def _cell(self, cells, name):
        index = self.idx[name]
        return None if index is None else cells[index]

    def _read(self, name, cells, problems):
        index, parse = self._readers[name]
        if index is None:
            return None
        raw = cells[index]
        try:
            return parse(raw)
        except values.CellError as error:
            formula = raw.__class__ is str and raw[:1] in FORMULA_STARTS and _formula(raw)
            problems.append(
                self._describe(name, raw, _("contains a formula") if formula else str(error))
            )
            return None

    def _duration_total(self, cells, problems):
        indexes = self.cols["handle_total"]
        if not indexes:
            return None
        total, seen = 0.0, False
        for index in indexes:
            raw = cells[index] if index < len(cells) else None
            try:
                seconds = values.duration(raw, unit=self.preset.duration_unit)
            except values.CellError as error:
                problems.append(
                    self._describe("handle_total", raw, str(error), column=self.headers[index])
                )
                return None
            if seconds is not None:
                total, seen = total + seconds, True
        return total if seen else None

    def _day(self, raw, problems):
        key = raw if isinstance(raw, str) else repr(raw)
        cached = self._days.get(key)
        if cached is None:
            try:
                parsed = values.day(raw, slash_order=self.preset.slash_order)
                if parsed is None:
                    cached = (
                        "error",
                        _("%(field)s is missing") % {"field": LABELS["period_start"]},
                    )
                elif parsed > self.today:
                    cached = ("error", _("the period lies in the future"))
                else:
                    cached = ("ok", parsed)
            except values.CellError as error:
                cached = ("error", self._describe("period_start", raw, str(error)))
            self._days[key] = cached
        if cached[0] == "error":
            problems.append(cached[1])
            return None
        return cached[1]

    def _bucket(self, day: date) -> date:
        return day - timedelta(days=day.weekday()) if self.period == "week" else day

    def _channel(self, cells, problems):
        if self.channel:
            return self.channel
        if not self.cols["channel"]:
            return self.preset.default_channel or None
        raw = self._cell(cells, "channel")
        key = values.as_text(raw)
        if key not in self._channels:
            self._channels[key] = channel_code(key) or ("" if values.is_missing(raw) else None)
        code = self._channels[key]
        if code == "" and self.preset.default_channel:
            return self.preset.default_channel
        if not code:
            problems.append(_("unknown channel “%(channel)s”") % {"channel": _shown(key)})
            return None
        return code

    def _summary_word(self, cells) -> str:
        agent, name = self._cell(cells, "agent"), self._cell(cells, "agent_name")
        candidates = (
            (agent, name)
            if (agent or name)
            else (next((c for c in cells if values.as_text(c)), None),)
        )
        for candidate in candidates:
            if candidate.__class__ is str and candidate in self._not_summary:
                continue
            text = values.as_text(candidate)
            if text and _SUMMARY.match(text.casefold()):
                return text
            if candidate.__class__ is str and len(self._not_summary) < 100_000:
                self._not_summary.add(candidate)
        return ""

    def _describe(self, name, raw, problem, column=None) -> str:
        return _("%(field)s (column “%(column)s”): “%(value)s” %(problem)s") % {
            "field": LABELS.get(name, name),
            "column": column or self.column_names.get(name, ""),
            "value": _shown(values.as_text(raw)),
            "problem": problem,
        }

    def _error(self, number, problems):
        for problem in problems:
            self.outcome.error_count += 1
            if len(self.outcome.errors) < MAX_STORED_ERRORS:
                self.outcome.errors.append([number, problem])

    def _skip(self, number, reason):
        self.outcome.skipped_count += 1
        if len(self.outcome.skipped) < MAX_STORED_SKIPPED:
            self.outcome.skipped.append([number, reason])
        if self.keep_rows:
            self.outcome.sample_rows.append({"line": number, "skipped": reason, "errors": []})


def is_summary(text: str) -> bool:
    return bool(text) and _SUMMARY.match(text.strip().casefold()) is not None


def _formula_start(text: str) -> bool:
    return text[:1] in FORMULA_STARTS and _formula(text)


def _formula(text: str) -> bool:
    stripped = text.strip()
    if stripped in values.MISSING:
        return False
    return re.fullmatch(r"[+-]?[\d.,]+\s*%?|[+-]?\d+(:\d{1,2}){1,2}", stripped) is None


def _shown(text: str) -> str:
    text = _CONTROL.sub("", str(text))
    return text if len(text) <= 40 else text[:39] + "…"
