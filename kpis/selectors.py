import statistics
from collections.abc import Iterable
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Avg, F, Field, FloatField, IntegerField, QuerySet, Sum, Value
from django.utils import timezone
from django.utils.module_loading import import_string

from people import access
from people.models import Team, TeamMembership, User

from .matching import AgentMatcher
from .models import KpiImport, KpiRecord
from .presets import Preset
from .validation import Checker, is_summary, mapping_problems

TREND_WEEKS = 13
METRICS = ["aht_seconds", "fcr", "csat", "qa_score", "qa_evaluations"]
IMPORTED = ("aht_seconds", "fcr", "csat", "qa_score")


def _none(field: Field | None = None) -> Value:
    return Value(None, output_field=field or FloatField())


def _with_evaluations(
    records: QuerySet, agents: QuerySet, first: date, *, contacts: bool = False
) -> QuerySet:
    """The weekly rows of the key figures and, as its own figure `qa_evaluations`, the mean score of the
    agents' shared quality evaluations per week of the interaction (qa), in the same query (a union);
    without the evaluations while the works agreement switches QA off."""
    extra = {"contacts": Sum("contacts")} if contacts else {}
    records = records.values("agent_id", "period_start").annotate(
        **extra, **{m: Avg(m) for m in IMPORTED}, qa_evaluations=_none()
    )
    if not access.qa_is_on():
        return records
    weekly_score_rows = import_string(settings.QA_WEEKLY_SCORE_ROWS)
    evaluations, mean = weekly_score_rows(agents, first)
    scores = evaluations.values("agent_id", period_start=F("interaction_week")).annotate(
        **({"contacts": _none(IntegerField())} if contacts else {}),
        **{m: _none() for m in IMPORTED},
        qa_evaluations=mean,
    )
    return records.order_by().union(scores, all=True)


def _merged(rows: Iterable[dict]) -> dict:
    """{week: [one row per agent]}: an agent's key figures and evaluation score of a week in one row."""
    by_agent_week: dict = {}
    for row in rows:
        merged = by_agent_week.setdefault((row["period_start"], row["agent_id"]), dict(row))
        for key, value in row.items():
            if merged.get(key) is None:
                merged[key] = value
    weeks: dict = {}
    for (week, _agent), row in by_agent_week.items():
        weeks.setdefault(week, []).append(row)
    return weeks


def kpi_snapshot(agent: User, start: date, end: date) -> dict:
    """The agent's figures for a period, JSON-ready (stored in each quarterly review when it is shared)."""
    records = KpiRecord.objects.filter(
        agent=agent,
        period_start__gte=start.date() if hasattr(start, "date") else start,
        period_start__lt=end.date() if hasattr(end, "date") else end,
    )
    figures = records.aggregate(
        contacts=Sum("contacts"),
        aht_seconds=Avg("aht_seconds"),
        fcr=Avg("fcr"),
        csat=Avg("csat"),
        qa_score=Avg("qa_score"),
    )
    return {
        k: (round(v, 3) if isinstance(v, float) else v) for k, v in figures.items() if v is not None
    }


def weekly_trend(agent: User, today: date) -> dict:
    """Per week of the last TREND_WEEKS: the agent's figures and the median of their current team, in one query."""
    first = today - timedelta(weeks=TREND_WEEKS)
    members = TeamMembership.objects.current().members()
    colleagues = (
        members.filter(team_id__in=members.filter(user=agent).values("team_id"))
        .order_by()
        .values("user_id")
    )
    # A union, not an OR, so the database reads each colleague's rows by index (the agent may have no team).
    agent_and_team = colleagues.union(
        User.objects.filter(pk=agent.pk).order_by().values("pk"), all=True
    )
    rows = _with_evaluations(
        KpiRecord.objects.filter(agent__in=agent_and_team, period_start__gte=first),
        agent_and_team,
        first,
    )
    weeks = _merged(rows)
    trend = []
    for week, week_rows in sorted(weeks.items()):
        mine = next((r for r in week_rows if r["agent_id"] == agent.pk), None)
        entry = {"week": week}
        for metric in METRICS:
            values = [r[metric] for r in week_rows if r[metric] is not None]
            entry[metric] = round(mine[metric], 2) if mine and mine[metric] is not None else None
            entry[f"{metric}_median"] = round(statistics.median(values), 2) if values else None
        trend.append(entry)
    return {"weeks": trend}


def team_weekly_medians(team: Team, today: date) -> list[dict]:
    """Per week of the last TREND_WEEKS: the team's median per figure and its contacts, in one query."""
    first = today - timedelta(weeks=TREND_WEEKS)
    members = TeamMembership.objects.current().members().filter(team=team).values("user_id")
    rows = _with_evaluations(
        KpiRecord.objects.filter(agent__in=members, period_start__gte=first),
        members,
        first,
        contacts=True,
    )
    weeks = _merged(rows)
    result = []
    for week, week_rows in sorted(weeks.items()):
        entry = {
            "week": week,
            "agents": sum(1 for r in week_rows if r["contacts"] is not None),
            "qa_agents": sum(1 for r in week_rows if r["qa_evaluations"] is not None),
            "contacts": sum(r["contacts"] or 0 for r in week_rows),
        }
        for metric in METRICS:
            values = [r[metric] for r in week_rows if r[metric] is not None]
            entry[metric] = round(statistics.median(values), 2) if values else None
        result.append(entry)
    return result


def sample_preview(
    kpi_import: KpiImport, *, preset: Preset, mapping: dict, channel: str = ""
) -> dict:
    """The mapping page's preview from the sample stored at upload: no file is read here."""

    headers = kpi_import.sample.get("headers", [])
    matcher = AgentMatcher(kpi_import.source)
    problems = mapping_problems(preset, mapping, headers, channel=channel)
    if problems:
        return {
            "problems": problems,
            "rows": [],
            "errors": 0,
            "unmatched": _unmatched(kpi_import.sample.get("rows", []), headers, mapping, matcher),
        }
    checker = Checker(
        preset=preset,
        mapping=mapping,
        headers=headers,
        matcher=matcher,
        today=timezone.localdate(),
        channel=channel,
        keep_rows=True,
    )
    for number, cells in kpi_import.sample.get("rows", []):
        checker.feed(number, cells)
    outcome = checker.outcome
    return {
        "problems": [],
        "rows": outcome.sample_rows,
        "unmatched": sorted(outcome.unmatched),
        "errors": outcome.error_count,
    }


def agent_choices() -> list:
    """ "Name <e-mail>" of every active agent, for the suggestions when linking an identifier."""
    agents = access.agents().filter(is_active=True).order_by("last_name", "first_name")
    return [
        f"{first} {last} <{email}>".strip()
        for first, last, email in agents.values_list("first_name", "last_name", "email")
    ]


def _unmatched(rows: list, headers: list[str], mapping: dict, matcher: AgentMatcher) -> list:
    """Unknown agents of the sample even while the mapping is incomplete (e.g. the channel is not chosen)."""
    position = {h: i for i, h in enumerate(headers)}
    agent_header, name_header = mapping.get("agent"), mapping.get("agent_name")
    agent = position.get(agent_header) if agent_header else None
    name = position.get(name_header) if name_header else None
    if agent is None and name is None:
        return []
    found = set()

    for _number, cells in rows:
        if any(is_summary(c) for c in cells[:3]):
            continue
        match = matcher.match(
            cells[agent] if agent is not None else "", cells[name] if name is not None else ""
        )
        if match.unmatched:
            found.add(match.unmatched)
    return sorted(found)
