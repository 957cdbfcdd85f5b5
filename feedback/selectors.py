"""Reads of coaching notes: what each user may see, the inbox, timeliness, upward feedback."""

import datetime
import secrets
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import (
    Avg,
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    Window,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from core.i18n import local_date
from core.numbers import percent
from people import access, features
from people.models import Team, TeamMembership, User
from people.periods import Quarter
from people.selectors import current_leads_of_agent
from skills.models import Skill

from .models import CoachingNote, NoteRevision, UpwardFeedback, UpwardFeedbackParticipation

SHARED = Q(shared_at__isnull=False)


def min_anonymous() -> int:
    """Anonymous answers show only in aggregate per closed quarter, and only from this many on: the one
    anonymity threshold (settings.MIN_GROUP_SIZE) that team figures and the works-council page use too."""
    return features.min_group_size()


def _notes() -> QuerySet[CoachingNote]:
    return CoachingNote.objects.select_related("agent", "author").prefetch_related(
        Prefetch("skills", queryset=Skill.objects.only("id", "name_en", "name_de"))
    )


def notes_visible_to(user: User) -> QuerySet[CoachingNote]:
    """A private note to its author alone; shared ones to the agent, the agent's current leads and HR."""
    return access.private_records_visible_to(user, _notes(), shared_q=SHARED)


def audit_names(viewer: User, ids: list[str]) -> dict[str, str]:
    """The names "who has seen my data" gives coaching notes: "Coaching note of 03.12.2026" (the day
    observed), only for notes the viewer may see; one query (listed in AUDIT_RECORD_NAMES)."""
    wanted = [int(pk) for pk in ids if pk.isdigit()]
    return {
        str(pk): _("Coaching note of %(day)s") % {"day": local_date(observed)}
        for pk, observed in CoachingNote.objects.filter(
            pk__in=notes_visible_to(viewer).filter(pk__in=wanted).values("pk")
        ).values_list("pk", "observed_at")
    }


def access_note(
    user: User, pk: int, *, need_change: bool = False
) -> tuple[CoachingNote, access.RecordRights]:
    """The note with the viewer's rights over it (may they change it, is it about them), in one query;
    404 for a note they may not see (or, with `need_change`, may not change)."""
    return access.access_private_record(
        user, _notes(), pk, shared_q=SHARED, need_change=need_change
    )


def notes_changeable_by(user: User) -> QuerySet[CoachingNote]:
    """Notes the user may edit, share and deliver: their own, about agents they still coach."""
    return access.private_records_changeable_by(user, _notes())


def with_last_change(notes: QuerySet[CoachingNote]) -> QuerySet[CoachingNote]:
    """Notes annotated with when their wording last changed after sharing (`last_changed_at`, or None)."""
    latest = (
        NoteRevision.objects.filter(note=OuterRef("pk"))
        .order_by("-changed_at")
        .values("changed_at")[:1]
    )
    return notes.annotate(last_changed_at=Subquery(latest))


@dataclass
class NoteHistory:
    revisions: list[NoteRevision]  # earlier wordings, newest first
    corrections: list[CoachingNote]  # later notes correcting this one, that the user may see
    corrected: CoachingNote | None  # the note this one corrects, if the user may see it


def note_history(user: User, note: CoachingNote) -> NoteHistory:
    """A note's history, shown to whoever may see the note itself."""
    visible = notes_visible_to(user)
    return NoteHistory(
        revisions=list(note.revisions.select_related("changed_by")),
        corrections=list(visible.filter(corrects=note).order_by("created_at")),
        corrected=visible.filter(pk=note.corrects_id).first() if note.corrects_id else None,
    )


def inbox(user: User) -> QuerySet[CoachingNote]:
    """The lead's own undelivered notes about their agents by due time: overdue first, then the closest;
    with the agent (the inbox shows no skills and no author: the author is the lead)."""
    return (
        notes_changeable_by(user)
        .filter(delivered_at__isnull=True)
        .select_related(None)
        .select_related("agent")
        .prefetch_related(None)
        .order_by("feedback_due_at", "id")
    )


def inbox_page(user: User, number: str | int | None, per_page: int) -> Page[CoachingNote]:
    """A page of the inbox, its notes and how many wait in all read in one query (a window count), not
    a count and then the page; a page number out of range gives the last page, as `Paginator.get_page`."""
    notes = inbox(user)
    paginator = Paginator(notes, per_page)
    try:
        number = max(1, int(number or 1))
    except (TypeError, ValueError):
        number = 1
    if (
        number > 10_000
    ):  # far past any inbox's end, and an OFFSET the database may refuse: the last page
        return paginator.get_page(number)
    start = (number - 1) * per_page
    rows = list(notes.annotate(waiting=Window(Count("id")))[start : start + per_page])
    if not rows:  # an empty inbox, or past its end
        return paginator.get_page(number)
    paginator.count = rows[0].waiting  # what Paginator would have counted
    return Page(rows, number, paginator)


def inbox_head(user: User, count: int) -> tuple[Sequence[CoachingNote], int]:
    """The first `count` notes of the inbox and how many wait in all, in one query."""
    notes = list(inbox(user).annotate(waiting=Window(Count("id")))[:count])
    return notes, notes[0].waiting if notes else 0


def awaiting_acknowledgement(agent: User) -> QuerySet[CoachingNote]:
    """Notes shared with the agent that they have not acknowledged yet, oldest first."""
    return (
        notes_visible_to(agent)
        .filter(agent=agent, acknowledged_at__isnull=True)
        .order_by("shared_at", "id")
    )


def notes_in_period(
    viewer: User, agent: User, start: datetime.date, end: datetime.date
) -> list[CoachingNote]:
    """Shared notes about the agent observed in [start, end) that the viewer may see, oldest first, with their
    skills; without agent and author (the side panel of a quarterly review names neither)."""
    return list(
        notes_visible_to(viewer)
        .select_related(None)
        .filter(agent=agent, observed_at__gte=start, observed_at__lt=end)
        .filter(SHARED)
        .order_by("observed_at")
    )


def skills_with_feedback(
    agent: User, start: datetime.date, end: datetime.date
) -> QuerySet[CoachingNote, int]:
    """The ids of the skills the agent heard feedback about (shared notes) in [start, end), as a query
    (to be combined with others into one)."""
    return (
        CoachingNote.objects.filter(agent=agent, observed_at__gte=start, observed_at__lt=end)
        .filter(SHARED)
        .exclude(skills=None)
        .order_by()
        .values_list("skills", flat=True)
    )


def skill_ids_with_feedback(agent: User, start: datetime.date, end: datetime.date) -> set[int]:
    """Skills the agent heard feedback about (shared notes) in [start, end)."""
    return set(skills_with_feedback(agent, start, end))


# A note's (observed, feedback due, delivered or None).
Delivery = tuple[datetime.datetime, datetime.datetime, datetime.datetime | None]


@dataclass
class Timeliness:
    label: str
    notes: int
    in_time: int
    median_hours: float | None

    @property
    def share(self) -> int | None:
        return percent(self.in_time, self.notes)


def _timeliness(
    rows: Iterable[Delivery], now: datetime.datetime | None = None
) -> tuple[int, int, float | None]:
    """Counts notes whose window has closed or whose feedback was given (open windows are not late yet)."""
    now = now or timezone.now()
    rows = [
        (observed, due, given) for observed, due, given in rows if given is not None or due <= now
    ]
    delivered = [(observed, due, given) for observed, due, given in rows if given is not None]
    in_time = sum(1 for _observed, due, given in delivered if given <= due)
    hours = [(given - observed).total_seconds() / 3600 for observed, _due, given in delivered]
    return len(rows), in_time, round(statistics.median(hours), 1) if hours else None


def median_hours(notes: QuerySet[CoachingNote], by: str) -> dict[object, float]:
    """`by` value → median hours from observation to feedback over the delivered notes (one query)."""
    hours: dict[object, list[float]] = {}
    for key, observed, given in (
        notes.filter(delivered_at__isnull=False)
        .order_by()
        .values_list(by, "observed_at", "delivered_at")
    ):
        hours.setdefault(key, []).append((given - observed).total_seconds() / 3600)
    return {key: round(statistics.median(values), 1) for key, values in hours.items()}


def _by_quarter(rows: Iterable[Delivery], quarters: list[Quarter]) -> list[Timeliness]:
    # The bounds once, in UTC like the rows: comparing datetimes of one time zone skips a conversion per row.
    bounds = [
        (quarter.start.astimezone(datetime.UTC), quarter.end.astimezone(datetime.UTC))
        for quarter in quarters
    ]
    in_quarter: list[list[Delivery]] = [[] for _quarter in quarters]
    for row in rows:
        observed = row[0]
        for index, (start, end) in enumerate(bounds):
            if start <= observed < end:
                in_quarter[index].append(row)
                break
    return [
        Timeliness(quarter.display, *_timeliness(of_quarter))
        for quarter, of_quarter in zip(quarters, in_quarter, strict=False)
    ]


def _in_quarters(notes: QuerySet[CoachingNote], quarters: list[Quarter]) -> QuerySet[CoachingNote]:
    """Notes observed in the quarters; corrections left out (they repeat their original's delivery)."""
    return notes.filter(
        observed_at__gte=quarters[0].start, observed_at__lt=quarters[-1].end, corrects__isnull=True
    ).order_by()


def timeliness_by_quarter(
    notes: QuerySet[CoachingNote], quarters: list[Quarter]
) -> list[Timeliness]:
    """Per quarter: notes observed, share delivered within the window, median hours to feedback."""
    rows = list(
        _in_quarters(notes, quarters).values_list("observed_at", "feedback_due_at", "delivered_at")
    )
    return _by_quarter(rows, quarters)


def timeliness_by_team(
    notes: QuerySet[CoachingNote], teams: Iterable[Team], quarters: list[Quarter]
) -> list[tuple[Team, list[Timeliness]]]:
    """(team, [Timeliness per quarter]) for the agents' current teams, in one query for all teams."""
    team_list = list(teams)
    members = TeamMembership.objects.current().members().filter(team__in=team_list)
    if (
        len(team_list) == 1
    ):  # a lead's one team: the current team of each of its agents, without asking per note
        current_team: Value | Subquery = Value(team_list[0].pk, output_field=IntegerField())
    else:
        current_team = Subquery(
            members.filter(user=OuterRef("agent_id")).order_by("-start").values("team_id")[:1]
        )
    rows_by_team: dict[int, list[Delivery]] = {}
    # Narrowed to the teams' agents first, so the database reads their notes by index, not every note.
    for team_id, observed, due, given in (
        _in_quarters(notes.filter(agent__in=members.values("user_id")), quarters)
        .annotate(team_id=current_team)
        .filter(team_id__isnull=False)
        .values_list("team_id", "observed_at", "feedback_due_at", "delivered_at")
    ):
        rows_by_team.setdefault(team_id, []).append((observed, due, given))
    return [(team, _by_quarter(rows_by_team.get(team.pk, []), quarters)) for team in team_list]


def timeliness_by_lead(
    quarter: Quarter, leads: Iterable[User] | None = None
) -> list[tuple[int, Timeliness]]:
    """(lead id, Timeliness) for every author of notes observed in the quarter."""
    notes = CoachingNote.objects.filter(
        observed_at__gte=quarter.start, observed_at__lt=quarter.end, corrects__isnull=True
    )
    if leads is not None:
        notes = notes.filter(author__in=leads)
    by_author: dict[int, list[Delivery]] = {}
    for author_id, observed, due, given in notes.order_by().values_list(
        "author_id", "observed_at", "feedback_due_at", "delivered_at"
    ):
        by_author.setdefault(author_id, []).append((observed, due, given))
    return [
        (author_id, Timeliness(quarter.display, *_timeliness(rows)))
        for author_id, rows in by_author.items()
    ]


def lapsed_private_notes(quarter: Quarter, now: datetime.datetime | None = None) -> int:
    """Private notes observed in the quarter whose window passed without feedback, and that nobody can be
    reminded of: their author left or no longer leads the agent. A count for HR; never their content."""
    now = now or timezone.now()
    return (
        CoachingNote.objects.filter(
            shared_at__isnull=True,
            delivered_at__isnull=True,
            feedback_due_at__lte=now,
            observed_at__gte=quarter.start,
            observed_at__lt=quarter.end,
        )
        .exclude(access.author_leads_agent_now())
        .count()
    )


def quarter_is_closed(quarter: Quarter) -> bool:
    return quarter < Quarter.current()


def closed_quarters(count: int) -> list[Quarter]:
    """The `count` quarters before the current one, newest first."""
    return Quarter.current().previous().last(count)[::-1]


@dataclass
class UpwardFigures:
    quarter: Quarter
    count: int
    clarity: float
    support: float
    fairness: float
    comments: list[str]


def _anonymous_answers(lead: User, quarter: Quarter) -> QuerySet[UpwardFeedback]:
    return UpwardFeedback.objects.filter(
        lead=lead, quarter=quarter.label, author__isnull=True
    ).order_by()


def upward_figures(
    lead: User, quarter: Quarter, *, with_comments: bool = False
) -> UpwardFigures | None:
    """A closed quarter's anonymous answers in aggregate, or None below min_anonymous() answers.

    Only whole, closed quarters: a single new answer never changes a figure anyone has seen.
    Comments come without names and in random order.
    """
    if not quarter_is_closed(quarter):
        return None
    answers = _anonymous_answers(lead, quarter)
    figures = answers.aggregate(
        count=Count("id"), clarity=Avg("clarity"), support=Avg("support"), fairness=Avg("fairness")
    )
    if figures["count"] < min_anonymous():
        return None
    comments = (
        list(answers.exclude(comment="").values_list("comment", flat=True)) if with_comments else []
    )
    secrets.SystemRandom().shuffle(comments)
    return UpwardFigures(
        quarter=quarter,
        count=figures["count"],
        comments=comments,
        **{k: round(figures[k], 1) for k in ("clarity", "support", "fairness")},
    )


def named_upward_feedback(lead: User) -> QuerySet[UpwardFeedback]:
    """Answers given with a name: the lead sees them one by one."""
    return (
        UpwardFeedback.objects.filter(lead=lead, author__isnull=False)
        .select_related("author")
        .order_by("-given_on", "-id")
    )


def leads_open_for_upward_feedback(agent: User) -> QuerySet[User]:
    """The agent's current leads they have not yet answered on this quarter."""

    answered = UpwardFeedbackParticipation.objects.filter(
        agent=agent, quarter=Quarter.current().label
    )
    return current_leads_of_agent(agent).exclude(pk__in=answered.values("lead_id"))


def upward_by_lead(
    leads: QuerySet[User], quarter: Quarter
) -> list[tuple[User, int | None, float | None, float | None, float | None]]:
    """HR's view of a closed quarter: (lead, answers, averages) per lead in one query; no figures below
    min_anonymous() anonymous answers (then the count is None too)."""
    anonymous = Q(
        upward_feedback_received__author__isnull=True,
        upward_feedback_received__quarter=quarter.label,
    )
    minimum = min_anonymous()
    rows = leads.annotate(
        answers=Count("upward_feedback_received", filter=anonymous),
        clarity=Avg("upward_feedback_received__clarity", filter=anonymous),
        support=Avg("upward_feedback_received__support", filter=anonymous),
        fairness=Avg("upward_feedback_received__fairness", filter=anonymous),
    ).order_by("last_name", "first_name")
    return [
        (lead, lead.answers, *(round(v, 1) for v in (lead.clarity, lead.support, lead.fairness)))
        if lead.answers >= minimum
        else (lead, None, None, None, None)
        for lead in rows
    ]
