"""What one-on-ones add to the shared pages (see portal/sections.py).

The agent page, `/me/` and the lead's dashboard show the next one-on-one, the open action items and
the cadence without a query of their own: `agent_row` and `team_row` are annotations read in the
same query as the page's agent or teams (`portal.sections.annotate`); the providers below read them
from the row. A row read without them (another caller) is read again here, once.
"""

import datetime

from django.conf import settings
from django.db.models import (
    CharField,
    Count,
    DateField,
    DateTimeField,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
)
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from core.contracts import MAIN, SIDE, ForYouItem, Section
from people import access
from people.models import Team, TeamMembership, User

from .models import ActionItem, Meeting

AGENT_FIELDS = (
    "one_on_one_next_id",
    "one_on_one_next_at",
    "one_on_one_open_items",
    "one_on_one_item_meeting_id",
    "one_on_one_item_text",
    "one_on_one_item_due_on",
    "one_on_one_item_created_at",
)


def _first(queryset, field: str, output):
    return Subquery(queryset.values(field)[:1], output_field=output)


def _count(queryset):
    return Subquery(
        queryset.order_by().values(group=OuterRef("pk")).annotate(n=Count("id")).values("n")[:1],
        output_field=IntegerField(),
    )


def agent_row(viewer) -> dict:
    """Read with the agent: the viewer's next one-on-one with them, and the open action items of
    their meetings that the viewer or the agent owns (the oldest due first, and how many)."""
    if not access.one_on_ones_are_on():
        return {}
    upcoming = (
        access.meetings_visible_to(viewer, Meeting.objects.all())
        .filter(
            series__agent=OuterRef("pk"), finished_at__isnull=True, scheduled_at__gt=timezone.now()
        )
        .order_by("scheduled_at", "id")
    )
    items = (
        access.meetings_visible_to(
            viewer,
            ActionItem.objects.all(),
            lead_field="meeting__series__lead",
            agent_field="meeting__series__agent",
        )
        .filter(meeting__series__agent=OuterRef("pk"), done_at__isnull=True)
        .filter(Q(owner=viewer) | Q(owner=OuterRef("pk")))
        .order_by("due_on", "id")
    )
    return {
        "one_on_one_next_id": _first(upcoming, "id", IntegerField()),
        "one_on_one_next_at": _first(upcoming, "scheduled_at", DateTimeField()),
        "one_on_one_open_items": _count(items),
        "one_on_one_item_meeting_id": _first(items, "meeting_id", IntegerField()),
        "one_on_one_item_text": _first(items, "text", CharField()),
        "one_on_one_item_due_on": _first(items, "due_on", DateField()),
        "one_on_one_item_created_at": _first(items, "created_at", DateTimeField()),
    }


def _agent_values(viewer, agent) -> dict:
    if not hasattr(agent, AGENT_FIELDS[0]):
        annotated = User.objects.filter(pk=agent.pk).annotate(**agent_row(viewer))
        return annotated.values(*AGENT_FIELDS).first() or {}
    return {name: getattr(agent, name) for name in AGENT_FIELDS}


def _day(value) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def _item_title(values: dict) -> str:
    title = values["one_on_one_item_text"]
    if values["one_on_one_item_due_on"]:
        title = _("%(text)s (due %(day)s)") % {
            "text": title,
            "day": _day(values["one_on_one_item_due_on"]),
        }
    more = (values["one_on_one_open_items"] or 0) - 1
    if more > 0:
        title = _("%(title)s, and %(count)d more") % {"title": title, "count": more}
    return title


def agent_page(viewer, agent, rights):
    if not access.one_on_ones_are_on():
        return []
    values = _agent_values(viewer, agent)
    nothing = not values or (
        values["one_on_one_next_id"] is None and not values["one_on_one_open_items"]
    )
    if nothing and rights.can_coach:  # their lead, with nothing planned: one click to set it up
        return [
            Section(
                template="one_on_ones/_agent_one_on_one.html",
                order=35,
                column=SIDE,
                context={"set_up_url": f"{reverse('one_on_ones:series_create')}?agent={agent.pk}"},
            )
        ]
    if nothing:
        return []
    waiting = []
    if rights.is_self and values["one_on_one_open_items"]:
        waiting.append(
            ForYouItem(
                kind="one_on_one_action",
                label=_("Action item from your one-on-one"),
                title=_item_title(values),
                when=values["one_on_one_item_created_at"],
                url=reverse("one_on_ones:meeting", args=[values["one_on_one_item_meeting_id"]]),
                action=_("Open the one-on-one"),
            )
        )
    return [
        Section(
            template="one_on_ones/_agent_one_on_one.html",
            order=35,
            column=SIDE,
            waiting=waiting,
            context={
                "next_url": reverse("one_on_ones:meeting", args=[values["one_on_one_next_id"]])
                if values["one_on_one_next_id"]
                else "",
                "next_at": values["one_on_one_next_at"],
                "open_items": values["one_on_one_open_items"] or 0,
                "item_title": _item_title(values) if values["one_on_one_open_items"] else "",
                "item_url": reverse(
                    "one_on_ones:meeting", args=[values["one_on_one_item_meeting_id"]]
                )
                if values["one_on_one_open_items"]
                else "",
            },
        )
    ]


def team_row(viewer) -> dict:
    """Read with each team of the lead's dashboard and HR's overview: for a lead, how many of the
    team's agents had no one-on-one with them in the last ONE_ON_ONE_OVERDUE_WEEKS weeks, and the
    lead's own open action items (the same on every row); for HR, where the works agreement allows
    it, how many of the team's agents had a one-on-one in that time: counts, never content."""
    since = timezone.now() - datetime.timedelta(weeks=settings.ONE_ON_ONE_OVERDUE_WEEKS)
    members = TeamMembership.objects.current().members().filter(team_id=OuterRef("pk"))
    if access.sees_one_on_one_cadence_of_own_agents(viewer):
        held = Meeting.objects.filter(
            series__lead=viewer,
            series__agent=OuterRef("user_id"),
            scheduled_at__gte=since,
            scheduled_at__lte=timezone.now(),
        )
        items = ActionItem.objects.filter(
            owner=viewer, done_at__isnull=True, meeting__series__lead=viewer
        ).order_by("due_on", "id")
        return {
            "one_on_one_missing": _members_count(members.filter(~Exists(held))),
            "one_on_one_lead_items": Subquery(
                items.order_by().values("owner").annotate(n=Count("id")).values("n")[:1],
                output_field=IntegerField(),
            ),
            "one_on_one_item_meeting_id": _first(items, "meeting_id", IntegerField()),
            "one_on_one_item_text": _first(items, "text", CharField()),
            "one_on_one_item_due_on": _first(items, "due_on", DateField()),
        }
    if access.sees_one_on_one_cadence_per_team(viewer):
        held = Meeting.objects.filter(
            series__agent=OuterRef("user_id"),
            scheduled_at__gte=since,
            scheduled_at__lte=timezone.now(),
        )
        return {"one_on_one_held": _members_count(members.filter(Exists(held)))}
    return {}


def _members_count(memberships):
    return Subquery(
        memberships.order_by()
        .values("team_id")
        .annotate(n=Count("user_id", distinct=True))
        .values("n")[:1],
        output_field=IntegerField(),
    )


def lead_dashboard(viewer, teams):
    if not access.sees_one_on_one_cadence_of_own_agents(viewer):
        return []
    if teams and not hasattr(teams[0], "one_on_one_missing"):
        teams = list(Team.objects.filter(pk__in=[t.pk for t in teams]).annotate(**team_row(viewer)))
    first = teams[0] if teams else None
    open_items = (first.one_on_one_lead_items or 0) if first else 0
    values = {
        "one_on_one_item_text": first.one_on_one_item_text if first else "",
        "one_on_one_item_due_on": first.one_on_one_item_due_on if first else None,
        "one_on_one_open_items": open_items,
    }
    return [
        Section(
            template="one_on_ones/_lead_one_on_ones.html",
            order=8,
            column=MAIN,
            context={
                "missing": [(t, t.one_on_one_missing or 0) for t in teams if t.one_on_one_missing],
                "weeks": settings.ONE_ON_ONE_OVERDUE_WEEKS,
                "open_items": open_items,
                "item_title": _item_title(values) if open_items else "",
                "item_url": reverse("one_on_ones:meeting", args=[first.one_on_one_item_meeting_id])
                if open_items
                else "",
            },
        )
    ]
