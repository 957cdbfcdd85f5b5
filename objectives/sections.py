"""What the objectives app adds to the shared pages (see portal/sections.py).

None of these sections reads the database: /me/ and HR's overview are at their query budgets
(tests/portal/test_page_query_budgets.py), so the agent's "Where we are heading" is loaded into its
section by htmx from its own page (objectives:mine), which also opens without JavaScript.
"""

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery

from core.contracts import MAIN, SIDE, Section
from people import access

from .models import Proposal


def agent_page(viewer, agent, rights):
    if not rights.is_self:
        return []  # the agent's own view; a lead reads the team's objectives on the team's page
    return [Section(template="objectives/_agent_heading.html", order=15, column=MAIN)]


def lead_dashboard(viewer, teams):
    if not access.is_team_lead(viewer):
        return []
    return [Section(template="objectives/_lead_objectives.html", order=9, column=SIDE)]


def team_row(viewer) -> dict:
    """Read with each team of HR's overview: how many improvement proposals its agents made and how
    many wait for an answer (counts, never who), where the works agreement allows proposals."""
    if not access.sees_proposal_counts(viewer):
        return {}
    counted = (
        Proposal.objects.filter(team_objective__team_id=OuterRef("pk"))
        .order_by()
        .values("team_objective__team_id")
    )
    return {
        "objective_proposals": Subquery(
            counted.annotate(n=Count("id")).values("n")[:1], output_field=IntegerField()
        ),
        "objective_proposals_open": Subquery(
            counted.annotate(n=Count("id", filter=Q(answer=Proposal.Answer.OPEN))).values("n")[:1],
            output_field=IntegerField(),
        ),
    }


def hr_overview(viewer):
    if not access.may_write_service_objectives(viewer):
        return []
    return [Section(template="objectives/_hr_objectives.html", order=29, column=MAIN)]
