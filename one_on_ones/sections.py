"""What one-on-ones add to the shared pages (see portal/sections.py).

The agent page, `/me/` and the lead's dashboard show the next one-on-one, the open action items and
the cadence without a query of their own: `agent_row` and `team_row` are annotations read in the
same query as the page's agent or teams (`portal.sections.annotate`); the providers below read them
from the row. A row read without them (another caller) is read again here, once.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import (
    CharField,
    Count,
    DateField,
    DateTimeField,
    Exists,
    F,
    IntegerField,
    JSONField,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import JSONObject
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.aggregates import JsonList
from core.contracts import MAIN, SIDE, ForYouItem, Section
from people import access
from people.models import Team, TeamMembership, User

from .models import ActionItem, Meeting

AGENT_FIELDS = (
    "one_on_one_next_id",
    "one_on_one_next_at",
    "one_on_one_open_items",
    "one_on_one_items",
)
# Open action items read with the agent (the nearest due first, undated last); the rest are a link.
ITEMS_SHOWN = 5
# Agents named per team on the lead's dashboard (without a recent one-on-one); the rest are counted.
NAMES_SHOWN = 12


def _first(queryset, field: str, output):
    return Subquery(queryset.values(field)[:1], output_field=output)


def _count(queryset):
    return Subquery(
        queryset.order_by().values(group=OuterRef("pk")).annotate(n=Count("id")).values("n")[:1],
        output_field=IntegerField(),
    )


def _open_items(viewer, agent):
    """The open action items of the agent's meetings that the viewer or the agent owns, as the
    viewer may see them; `agent` is the reference to the agent's row (an OuterRef)."""
    return (
        access.meetings_visible_to(
            viewer,
            ActionItem.objects.all(),
            lead_field="meeting__series__lead",
            agent_field="meeting__series__agent",
        )
        .filter(meeting__series__agent=agent, done_at__isnull=True)
        .filter(Q(owner=viewer) | Q(owner=agent))
    )


def _nearest_due(items):
    return items.order_by(F("due_on").asc(nulls_last=True), "id")


def agent_row(viewer) -> dict:
    """Read with the agent: the viewer's next one-on-one with them, and the open action items of
    their meetings that the viewer or the agent owns: how many, and the ITEMS_SHOWN due first (as
    one JSON list, so no query per item)."""
    if not access.one_on_ones_are_on():
        return {}
    upcoming = (
        access.meetings_visible_to(viewer, Meeting.objects.all())
        .filter(
            series__agent=OuterRef("pk"), finished_at__isnull=True, scheduled_at__gt=timezone.now()
        )
        .order_by("scheduled_at", "id")
    )
    shown = _nearest_due(_open_items(viewer, OuterRef(OuterRef("pk")))).values("pk")[:ITEMS_SHOWN]
    listed = ActionItem.objects.filter(pk__in=shown).annotate(
        item=JSONObject(
            id="id",
            meeting="meeting_id",
            text="text",
            due_on="due_on",
            created_at="created_at",
        )
    )
    return {
        "one_on_one_next_id": _first(upcoming, "id", IntegerField()),
        "one_on_one_next_at": _first(upcoming, "scheduled_at", DateTimeField()),
        "one_on_one_open_items": _count(_open_items(viewer, OuterRef("pk")).order_by()),
        "one_on_one_items": Subquery(
            listed.order_by().values(one=Value(1)).annotate(items=JsonList("item")).values("items"),
            output_field=JSONField(),
        ),
    }


@dataclass(frozen=True)
class OpenItem:
    pk: int
    meeting_id: int
    text: str
    due_on: datetime.date | None
    created_at: datetime.datetime

    @property
    def url(self) -> str:
        return reverse("one_on_ones:meeting", args=[self.meeting_id])

    @property
    def title(self) -> str:
        if self.due_on is None:
            return self.text
        return _("%(text)s (due %(day)s)") % {"text": self.text, "day": _day(self.due_on)}


def _moment(value: str) -> datetime.datetime:
    moment = datetime.datetime.fromisoformat(value)
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment, datetime.UTC)


def open_items(values: dict) -> list[OpenItem]:
    """The items read with the agent (`one_on_one_items`), the nearest due first, undated last."""
    found = [
        OpenItem(
            pk=row["id"],
            meeting_id=row["meeting"],
            text=row["text"],
            due_on=datetime.date.fromisoformat(row["due_on"][:10]) if row["due_on"] else None,
            created_at=_moment(row["created_at"]),
        )
        for row in (values.get("one_on_one_items") or [])
    ]
    return sorted(found, key=lambda i: (i.due_on is None, i.due_on or datetime.date.min, i.pk))


def _agent_values(viewer, agent) -> dict:
    if not hasattr(agent, AGENT_FIELDS[0]):
        annotated = User.objects.filter(pk=agent.pk).annotate(**agent_row(viewer))
        return annotated.values(*AGENT_FIELDS).first() or {}
    return {name: getattr(agent, name) for name in AGENT_FIELDS}


def _day(value) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def _more(title: str, total: int) -> str:
    if total > 1:
        return _("%(title)s, and %(count)d more") % {"title": title, "count": total - 1}
    return title


def _item_title(values: dict) -> str:
    """The lead's own oldest due item on the dashboard, and how many more."""
    title = values["one_on_one_item_text"]
    if values["one_on_one_item_due_on"]:
        title = _("%(text)s (due %(day)s)") % {
            "text": title,
            "day": _day(values["one_on_one_item_due_on"]),
        }
    return _more(title, values["one_on_one_open_items"] or 0)


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
    items = open_items(values)
    total = values["one_on_one_open_items"] or 0
    waiting = []
    if rights.is_self and total:
        waiting = [
            ForYouItem(
                kind="one_on_one_action",
                label=_("Action item from your one-on-one"),
                title=item.title,
                when=item.created_at,
                url=item.url,
                action=_("Open the one-on-one"),
            )
            for item in items
        ]
        if total > len(items):  # the rest: one line with a link to all one-on-ones
            waiting.append(
                ForYouItem(
                    kind="one_on_one_action",
                    label=_("Action item from your one-on-one"),
                    title=ngettext(
                        "%(count)d more open action item",
                        "%(count)d more open action items",
                        total - len(items),
                    )
                    % {"count": total - len(items)},
                    when=min(item.created_at for item in items),
                    url=reverse("one_on_ones:list"),
                    action=_("All one-on-ones"),
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
                "open_items": total,
                "item_title": _more(items[0].title, total) if items else "",
                "item_url": items[0].url if items else "",
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
        missing = members.filter(~Exists(held))
        return {
            "one_on_one_missing": _members_count(missing),
            "one_on_one_missing_agents": Subquery(
                missing.order_by()
                .values("team_id")
                .annotate(
                    agents=JsonList(
                        JSONObject(
                            id="user_id",
                            first_name="user__first_name",
                            last_name="user__last_name",
                            email="user__email",
                        )
                    )
                )
                .values("agents")[:1],
                output_field=JSONField(),
            ),
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


@dataclass(frozen=True)
class Named:
    name: str
    url: str


@dataclass(frozen=True)
class Missing:
    """A team's agents without a recent one-on-one with the lead: the first NAMES_SHOWN by name."""

    team: Team
    count: int
    agents: list[Named]
    more: int


def _missing(team) -> Missing:
    people: dict[int, dict] = {row["id"]: row for row in team.one_on_one_missing_agents or []}
    ordered = sorted(
        people.values(), key=lambda r: (r["last_name"], r["first_name"], r["email"], r["id"])
    )
    agents = [
        Named(
            name=f"{row['first_name']} {row['last_name']}".strip() or row["email"],
            url=reverse("agent_detail", args=[row["id"]]),
        )
        for row in ordered[:NAMES_SHOWN]
    ]
    count = team.one_on_one_missing or 0
    return Missing(team=team, count=count, agents=agents, more=max(count - len(agents), 0))


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
                "missing": [_missing(t) for t in teams if t.one_on_one_missing],
                "weeks": settings.ONE_ON_ONE_OVERDUE_WEEKS,
                "open_items": open_items,
                "item_title": _item_title(values) if open_items else "",
                "item_url": reverse("one_on_ones:meeting", args=[first.one_on_one_item_meeting_id])
                if open_items
                else "",
            },
        )
    ]
