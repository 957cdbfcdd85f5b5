"""Reads of one-on-ones, each scoped by the rulebook and with a query count that does not grow with the
number of meetings, points, notes or suggestions."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Avg, Count, Exists, Max, OuterRef, Q, QuerySet
from django.utils import formats, timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from briefings.models import Question
from core.numbers import minutes_seconds
from feedback import selectors as feedback_selectors
from kpis.models import KpiRecord
from people import access
from people.models import TeamMembership, User
from plans import selectors as plan_selectors
from plans.models import DevelopmentPlan, Goal
from qa.models import SHARED_STATUSES, Dispute
from qa.selectors import evaluations as qa_evaluations
from skills.models import CareerWish
from training.models import Enrollment

from .models import ActionItem, Meeting, PrivateNote, Series, SharedNote, TalkingPoint

GOAL_DUE_SOON = datetime.timedelta(days=14)
GOAL_STALLED = datetime.timedelta(days=30)
RECENT_TRAINING = datetime.timedelta(days=30)
SUGGESTIONS_PER_SOURCE = 3


def _meetings() -> QuerySet:
    return Meeting.objects.select_related("series__lead", "series__agent")


def meetings_visible_to(user: User) -> QuerySet:
    """The meetings of which the user is one of the two people."""
    return access.meetings_visible_to(user, _meetings())


def series_visible_to(user: User) -> QuerySet:
    return access.meetings_visible_to(
        user,
        Series.objects.select_related("lead", "agent"),
        lead_field="lead",
        agent_field="agent",
    )


@dataclass(frozen=True)
class MeetingList:
    upcoming: list
    past: list


def meeting_list(user: User, *, past: int = 20) -> MeetingList:
    """The user's upcoming one-on-ones and the latest `past` ones, with their point counts: two queries."""
    now = timezone.now()
    counted = meetings_visible_to(user).annotate(
        point_count=Count("points", distinct=True),
        open_items=Count(
            "action_items", filter=Q(action_items__done_at__isnull=True), distinct=True
        ),
    )
    upcoming = list(counted.filter(scheduled_at__gt=now, finished_at__isnull=True)[:50])
    earlier = list(
        counted.filter(Q(scheduled_at__lte=now) | Q(finished_at__isnull=False)).order_by(
            "-scheduled_at", "-id"
        )[:past]
    )
    return MeetingList(upcoming=upcoming, past=earlier)


@dataclass(frozen=True)
class Suggestion:
    """A talking point the portal proposes, one click away, with where it comes from."""

    source: str  # TalkingPoint.Source
    source_id: int
    text: str  # what goes on the agenda (nothing private: no note's wording)
    why: str  # the reason, in words


@dataclass
class MeetingPage:
    meeting: Meeting
    rights: access.MeetingRights
    points: list
    shared_notes: list
    private_note: PrivateNote | None
    action_items: list
    next_meeting: Meeting | None
    own_points: set[int] = field(default_factory=set)  # the viewer's own, which they may change
    own_notes: set[int] = field(default_factory=set)
    own_actions: set[int] = field(default_factory=set)
    suggestions: list = field(default_factory=list)


def access_meeting(user: User, pk: int, *, need_change: bool = False) -> tuple:
    return access.access_meeting(user, _meetings(), pk, need_change=need_change)


def meeting_page(user: User, pk: int) -> MeetingPage:
    """Everything the meeting page shows, in a fixed number of queries (the meeting with the viewer's
    rights, points, shared notes, the viewer's own private note, action items, the next meeting and
    one query per kind of suggestion)."""
    meeting, rights = access_meeting(user, pk)
    points = list(meeting.points.select_related("author"))
    shared = list(meeting.shared_notes.select_related("author"))
    private = access.private_notes_visible_to(
        user, PrivateNote.objects.filter(meeting=meeting)
    ).first()
    items = list(meeting.action_items.select_related("owner"))
    following = (
        Meeting.objects.filter(series_id=meeting.series_id, scheduled_at__gt=meeting.scheduled_at)
        .order_by("scheduled_at", "id")
        .first()
    )
    # what the viewer may change or delete: their own entries (people.access.may_change_own_entry)
    own = {
        ("point", p.pk)
        for p in points
        if not meeting.is_finished and access.may_change_own_entry(user, rights, p.author_id)
    }
    own |= {
        ("note", n.pk) for n in shared if access.may_change_own_entry(user, rights, n.author_id)
    }
    own |= {
        ("action", i.pk)
        for i in items
        if not i.is_done and access.may_change_own_entry(user, rights, i.created_by_id)
    }
    page = MeetingPage(
        meeting=meeting,
        rights=rights,
        points=points,
        shared_notes=shared,
        private_note=private,
        action_items=items,
        next_meeting=following,
        own_points={pk for kind, pk in own if kind == "point"},
        own_notes={pk for kind, pk in own if kind == "note"},
        own_actions={pk for kind, pk in own if kind == "action"},
    )
    if rights.may_change and not meeting.is_finished:
        on_agenda = {(p.source, p.source_id) for p in points if p.source_id is not None}
        page.suggestions = [
            s
            for s in suggestions(user, meeting.series.agent)
            if (s.source, s.source_id) not in on_agenda
        ]
    return page


def _day(value: datetime.date | datetime.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def suggestions(viewer: User, agent: User) -> list[Suggestion]:
    """Talking points from what the portal holds about the agent, as the viewer may see it: coaching
    feedback not yet given or acknowledged or still inside its window, goals due soon or stalled,
    career wishes, trainings completed lately, questions on briefings. One query per kind."""
    found: list[Suggestion] = []
    found += _feedback_suggestions(viewer, agent)
    found += _goal_suggestions(viewer, agent)
    found += _key_figure_suggestions(viewer, agent)
    found += _qa_suggestions(viewer, agent)
    found += _career_wish_suggestions(viewer, agent)
    found += _training_suggestions(viewer, agent)
    found += _briefing_question_suggestions(viewer, agent)
    return found


def _feedback_suggestions(viewer: User, agent: User) -> list[Suggestion]:
    now = timezone.now()
    notes = (
        feedback_selectors.notes_visible_to(viewer)
        .filter(agent=agent)
        .filter(
            Q(delivered_at__isnull=True)
            | Q(acknowledged_at__isnull=True)
            | Q(feedback_due_at__gt=now)
        )
        .prefetch_related(None)
        .order_by("-observed_at")[:SUGGESTIONS_PER_SOURCE]
    )
    found = []
    for note in notes:
        if not note.is_delivered:
            why = _("Coaching feedback not yet given")
        elif note.acknowledged_at is None:
            why = _("Coaching feedback not yet acknowledged")
        else:
            why = _("Coaching feedback still inside its three-day window")
        text = _("Feedback on the contact of %(day)s (%(channel)s)") % {
            "day": _day(note.observed_at),
            "channel": note.get_channel_display(),
        }
        found.append(Suggestion(source="coaching_note", source_id=note.pk, text=text, why=why))
    return found


def _goal_suggestions(viewer: User, agent: User) -> list[Suggestion]:
    today = timezone.localdate()
    stalled_since = timezone.now() - GOAL_STALLED
    goals = (
        plan_selectors.goals_visible_to(viewer)
        .filter(
            plan__agent=agent,
            plan__status=DevelopmentPlan.Status.ACTIVE,
            status__in=(Goal.Status.OPEN, Goal.Status.IN_PROGRESS),
        )
        .annotate(last_progress=Max("progress_notes__created_at"))
        .filter(
            Q(due_on__lte=today + GOAL_DUE_SOON)
            | Q(last_progress__lt=stalled_since)
            | Q(last_progress__isnull=True, created_at__lt=stalled_since)
        )
        .order_by("due_on", "id")[:SUGGESTIONS_PER_SOURCE]
    )
    found = []
    for goal in goals:
        if goal.due_on is not None and goal.due_on <= today + GOAL_DUE_SOON:
            why = _("Goal due on %(day)s") % {"day": _day(goal.due_on)}
        else:
            why = _("Goal without progress for %(days)d days") % {"days": GOAL_STALLED.days}
        text = _("Goal: %(title)s") % {"title": Truncator(goal.title).chars(200)}
        found.append(Suggestion(source="goal", source_id=goal.pk, text=text, why=why))
    return found


# A drop worth talking about: the last week against the average of the weeks before it.
KEY_FIGURE_WEEKS = 5
DROPS = (  # figure, its name, the change that counts as a drop (negative: lower is worse), decimals
    ("csat", gettext_lazy("Customer satisfaction"), -0.3, 1),
    ("fcr", gettext_lazy("First-contact resolution"), -0.05, 2),
    ("aht_seconds", gettext_lazy("Average handling time (m:ss)"), None, 0),
)
AHT_RISE = 1.10  # handling time 10 % above the weeks before


def _written(figure: str, value: float, decimals: int) -> str:
    """A figure as the key-figure tables write it: durations as m:ss, the rest with fixed decimals."""
    if figure == "aht_seconds":
        return minutes_seconds(value)
    return formats.number_format(value, decimals, use_l10n=True)


def _key_figure_suggestions(viewer: User, agent: User) -> list[Suggestion]:
    """A key figure of the last week that dropped against the weeks before, said in words; only for
    whom the works agreement lets see an individual's figures (the agent and their lead)."""
    if not access.may_see_individual_kpis(viewer, agent):
        return []
    since = timezone.localdate() - datetime.timedelta(weeks=KEY_FIGURE_WEEKS)
    weeks: list[dict] = [
        dict(row)
        for row in KpiRecord.objects.filter(agent=agent, period_start__gte=since)
        .values("period_start")
        .annotate(csat=Avg("csat"), fcr=Avg("fcr"), aht_seconds=Avg("aht_seconds"))
        .order_by("period_start")
    ]
    if len(weeks) < 2:
        return []
    last, before = weeks[-1], weeks[:-1]
    found = []
    for position, (figure, name, drop, decimals) in enumerate(DROPS):
        earlier = [w[figure] for w in before if w[figure] is not None]
        if last[figure] is None or not earlier:
            continue
        average = sum(earlier) / len(earlier)
        worse = (
            last[figure] >= average * AHT_RISE if drop is None else last[figure] - average <= drop
        )
        if not worse:
            continue
        found.append(
            Suggestion(
                source="key_figure",
                source_id=last["period_start"].toordinal() * 10 + position,
                text=_("Key figure: %(figure)s") % {"figure": name},
                why=_(
                    "%(figure)s went from %(before)s to %(now)s in the week of %(day)s (against "
                    "the average of the %(weeks)d weeks before)"
                )
                % {
                    "figure": name,
                    "before": _written(figure, average, decimals),
                    "now": _written(figure, last[figure], decimals),
                    "day": _day(last["period_start"]),
                    "weeks": len(earlier),
                },
            )
        )
    return found


QA_LOW_SCORE = 70  # % : an evaluation below this is worth talking about
QA_RECENT = datetime.timedelta(days=30)


def _qa_suggestions(viewer: User, agent: User) -> list[Suggestion]:
    """A shared quality evaluation of the last 30 days with an open dispute or a low score, as the
    viewer may see it (QA's own rule), while the works agreement allows QA."""
    if not access.qa_is_on():
        return []
    evaluations = (
        qa_evaluations.visible_to(viewer)
        .filter(
            agent=agent,
            status__in=SHARED_STATUSES,
            shared_at__gte=timezone.now() - QA_RECENT,
        )
        .annotate(
            open_dispute=Exists(
                Dispute.objects.filter(evaluation=OuterRef("pk"), state=Dispute.State.OPEN)
            )
        )
        .filter(Q(open_dispute=True) | Q(score__lt=QA_LOW_SCORE))
        .order_by("-shared_at", "-id")[:SUGGESTIONS_PER_SOURCE]
    )
    found = []
    for evaluation in evaluations:
        if evaluation.open_dispute:
            why = _("An answer of this evaluation is disputed")
        elif evaluation.score is not None:  # always: a low score, by the filter above
            why = _("Scored %(score)s %%") % {
                "score": formats.number_format(evaluation.score, 0, use_l10n=True)
            }
        else:
            continue
        text = _("Quality evaluation of the contact of %(day)s") % {
            "day": _day(evaluation.interaction_at)
        }
        found.append(
            Suggestion(source="qa_evaluation", source_id=evaluation.pk, text=text, why=why)
        )
    return found


def _career_wish_suggestions(viewer: User, agent: User) -> list[Suggestion]:
    wishes = CareerWish.objects.filter(
        agent=agent, agent__in=access.agents_visible_to(viewer)
    ).order_by("-created_at")[:SUGGESTIONS_PER_SOURCE]
    return [
        Suggestion(
            source="career_wish",
            source_id=wish.pk,
            text=_("Career wish: %(kind)s") % {"kind": wish.get_kind_display()},
            why=_("The agent's career wish"),
        )
        for wish in wishes
    ]


def _training_suggestions(viewer: User, agent: User) -> list[Suggestion]:
    since = timezone.localdate() - RECENT_TRAINING
    done = (
        Enrollment.objects.filter(
            agent=agent,
            agent__in=access.agents_visible_to(viewer),
            status=Enrollment.Status.COMPLETED,
            completed_on__gte=since,
        )
        .select_related("session__course")
        .order_by("-completed_on")[:SUGGESTIONS_PER_SOURCE]
    )
    return [
        Suggestion(
            source="training",
            source_id=enrollment.pk,
            text=_("Training completed: %(course)s") % {"course": enrollment.session.course},
            why=_("Completed on %(day)s") % {"day": _day(enrollment.completed_on)},
        )
        for enrollment in done
    ]


def _briefing_question_suggestions(viewer: User, agent: User) -> list[Suggestion]:
    questions = (
        Question.objects.filter(agent=agent, agent__in=access.agents_visible_to(viewer))
        .select_related("briefing")
        .order_by("-created_at")[:SUGGESTIONS_PER_SOURCE]
    )
    return [
        Suggestion(
            source="briefing_question",
            source_id=question.pk,
            text=_("Question on the briefing “%(briefing)s”") % {"briefing": question.briefing},
            why=_("Asked on %(day)s") % {"day": _day(question.created_at)},
        )
        for question in questions
    ]


def open_action_items(user: User) -> QuerySet:
    """Action items the user owns that are not done yet, from meetings they take part in."""
    visible = access.meetings_visible_to(user, Meeting.objects.all())
    return (
        ActionItem.objects.filter(owner=user, done_at__isnull=True, meeting__in=visible)
        .select_related("meeting")
        .order_by("due_on", "id")
    )


def agents_without_recent_one_on_one(user: User, agent_ids: list) -> QuerySet:
    """Of the given agents, those who had no one-on-one with the user in the last
    ONE_ON_ONE_OVERDUE_WEEKS weeks (a meeting counts once its time has come)."""
    since = timezone.now() - datetime.timedelta(weeks=settings.ONE_ON_ONE_OVERDUE_WEEKS)
    held = Meeting.objects.filter(
        series__lead=user,
        series__agent=OuterRef("pk"),
        scheduled_at__gte=since,
        scheduled_at__lte=timezone.now(),
    )
    return (
        access.agents_for_one_on_ones(user)
        .filter(pk__in=agent_ids)
        .annotate(had_one=Exists(held))
        .filter(had_one=False)
        .order_by("last_name", "first_name")
    )


def held_share_by_team(teams: list) -> dict:
    """Per team: how many of its current agents had a one-on-one in the last
    ONE_ON_ONE_OVERDUE_WEEKS weeks (with anyone), and how many agents it has. Counts only."""
    since = timezone.now() - datetime.timedelta(weeks=settings.ONE_ON_ONE_OVERDUE_WEEKS)
    held = Meeting.objects.filter(
        series__agent=OuterRef("user_id"),
        scheduled_at__gte=since,
        scheduled_at__lte=timezone.now(),
    )
    rows = (
        TeamMembership.objects.current()
        .members()
        .filter(team__in=teams)
        .annotate(had_one=Exists(held))
        .values("team_id")
        .annotate(
            agents=Count("user_id", distinct=True),
            held=Count("user_id", filter=Q(had_one=True), distinct=True),
        )
    )
    return {row["team_id"]: (row["held"], row["agents"]) for row in rows}


def shared_notes_of(meeting: Meeting) -> QuerySet:
    return SharedNote.objects.filter(meeting=meeting)


def point_with_meeting(pk: int) -> TalkingPoint:
    return TalkingPoint.objects.select_related("meeting").get(pk=pk)
