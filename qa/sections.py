"""What the qa app adds to the shared pages (see portal/sections.py).

On someone else's agent page the section shows how many shared evaluations the viewer may see and the
latest one, read with the agent row (`agent_row`), so the page needs no query for it. On `/me/` it
lists the agent's own evaluations, and the shared ones waiting for acknowledgement go to "For you" from
the same query."""

from django.db.models import DateTimeField, DecimalField, IntegerField, OuterRef, Subquery
from django.db.models.aggregates import Count
from django.utils.translation import gettext as _

from core.contracts import MAIN, ForYouItem, Section
from people import access
from people.models import User

from .models import SHARED_STATUSES, Evaluation
from .selectors import evaluations as selectors

RECENT = 5
AGENT_FIELDS = ("qa_count", "qa_latest_id", "qa_latest_score", "qa_latest_at")


def agent_row(viewer) -> dict:
    """Read with the agent: the shared evaluations of them the viewer may see, how many and the latest."""
    if not access.qa_is_on():
        return {}
    shared = access.evaluations_visible_to(
        viewer, Evaluation.objects.all(), shared_q=selectors.SHARED
    ).filter(agent=OuterRef("pk"), status__in=SHARED_STATUSES)
    latest = shared.order_by("-interaction_at", "-id")
    return {
        "qa_count": Subquery(
            shared.order_by().values("agent").annotate(n=Count("id")).values("n")[:1],
            output_field=IntegerField(),
        ),
        "qa_latest_id": Subquery(latest.values("id")[:1], output_field=IntegerField()),
        "qa_latest_score": Subquery(
            latest.values("score")[:1], output_field=DecimalField(max_digits=5, decimal_places=2)
        ),
        "qa_latest_at": Subquery(latest.values("interaction_at")[:1], output_field=DateTimeField()),
    }


def _agent_values(viewer, agent) -> dict:
    if not hasattr(agent, AGENT_FIELDS[0]):
        annotated = User.objects.filter(pk=agent.pk).annotate(**agent_row(viewer))
        return annotated.values(*AGENT_FIELDS).first() or {}
    return {name: getattr(agent, name) for name in AGENT_FIELDS}


def agent_page(viewer, agent, rights):
    if not access.qa_is_on():
        return []
    context = {
        "agent": agent,
        "is_self": rights.is_self,
        "may_evaluate": rights.can_coach and access.may_evaluate(viewer),
    }
    waiting = []
    if rights.is_self:
        evaluations = selectors.on_agent_page(viewer, agent, recent=RECENT)
        waiting = [
            ForYouItem(
                kind="qa_evaluation",
                label=_("Quality evaluation to acknowledge"),
                title=f"{e.version.scorecard} · {e.get_channel_display()} · {e.reference}",
                when=e.shared_at,
                url=e.get_absolute_url(),
                action=_("Read and acknowledge"),
            )
            for e in evaluations
            if selectors.awaits_acknowledgement(e)
        ]
        context["evaluations"] = evaluations[: max(RECENT, len(waiting))]
    else:
        context["summary"] = _agent_values(viewer, agent)
    return [
        Section(
            template="qa/_agent_section.html",
            order=45,
            column=MAIN,
            context=context,
            waiting=waiting,
        )
    ]


def hr_overview(viewer):
    """The quality evaluations' figures for HR (evaluations per agent and month, open disputes, each
    evaluator's alignment): loaded from their own page (`qa:hr_figures`), so the HR overview reads
    nothing more; without JavaScript a link opens it."""
    if not access.qa_is_on() or not access.is_hr_or_admin(viewer):
        return []
    return [Section(template="qa/_hr_overview.html", order=40, column=MAIN, context={})]
