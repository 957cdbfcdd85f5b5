"""What the training app adds to the shared pages (see portal/sections.py)."""

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.contracts import MAIN, SIDE, ForYouItem, Section
from people import access

from . import selectors
from .models import Enrollment, OnboardingAssignment


def agent_page(viewer, agent, rights):
    onboarding = (
        OnboardingAssignment.objects.filter(agent=agent)
        .select_related("program")
        .annotate(
            done=Count("done_steps", distinct=True), total=Count("program__steps", distinct=True)
        )
        .first()
    )
    pairings = list(selectors.active_pairings_of(viewer, agent))
    enrollments = list(
        Enrollment.objects.filter(agent=agent)
        .exclude(status=Enrollment.Status.CANCELLED)
        .select_related("session__course")
        .order_by("-session__starts_at")[:8]
    )
    share = (
        round(100 * onboarding.done / onboarding.total) if onboarding and onboarding.total else 0
    )
    return [
        Section(
            template="training/_agent_training.html",
            order=30,
            column=SIDE,
            context={
                "agent": agent,
                "onboarding": onboarding,
                "steps_done": onboarding.done if onboarding else 0,
                "steps_total": onboarding.total if onboarding else 0,
                "onboarding_share": share,
                "pairings": pairings,
                "enrollments": enrollments,
                "can_coach": rights.can_coach,
                "arranges_mentoring": rights.arranges_mentoring,
            },
            waiting=_check_ins_due(agent, pairings) if rights.is_self else [],
        )
    ]


def lead_dashboard(viewer, teams):
    if not access.is_team_lead(viewer):
        return []
    agents = access.agents_coached_by(viewer) | access.agents_starting_with(viewer)
    onboardings = (
        OnboardingAssignment.objects.filter(agent__in=agents)
        .select_related("agent", "program")
        .annotate(
            done=Count("done_steps", distinct=True), total=Count("program__steps", distinct=True)
        )
    )
    requests = Enrollment.objects.filter(
        agent__in=agents, status=Enrollment.Status.REQUESTED
    ).select_related("agent", "session__course")
    return [
        Section(
            template="training/_lead_onboarding.html",
            order=15,
            column=MAIN,
            context={
                "rows": [(o, o.done, o.total) for o in onboardings if o.done < o.total],
                "requests": list(requests),
            },
        )
    ]


def _check_ins_due(agent, pairings) -> list:
    """Mentoring pairings that wait for a check-in, whichever side the agent is on."""
    items = []
    today = timezone.localdate()
    for pairing in pairings:
        if not selectors.is_due_for_check_in(pairing, today):
            continue
        partner = pairing.mentee if pairing.mentor_id == agent.pk else pairing.mentor
        items.append(
            ForYouItem(
                kind="check_in",
                label=_("Mentoring check-in"),
                url=reverse("training:pairing", args=[pairing.pk]),
                title=(
                    _("First check-in with %(name)s")
                    if pairing.last_check_in is None
                    else _("Next check-in with %(name)s")
                )
                % {"name": partner},
                when=None,
                action=_("Record check-in"),
            )
        )
    return items
