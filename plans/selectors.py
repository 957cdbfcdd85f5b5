from collections.abc import Iterable

from django.db.models import Exists, Expression, OuterRef, Prefetch, QuerySet

from people import access
from people.models import User

from .models import Action, DevelopmentPlan, Goal, ProgressNote


def _with_details(plans: QuerySet) -> QuerySet:
    return plans.prefetch_related(
        Prefetch(
            "goals",
            queryset=Goal.objects.select_related("skill", "decided_by").prefetch_related(
                Prefetch("progress_notes", queryset=ProgressNote.objects.select_related("author"))
            ),
        ),
        Prefetch("actions", queryset=Action.objects.select_related("goal")),
    )


def active_plan(agent: User, with_history_flag: bool = False) -> DevelopmentPlan | None:
    """The agent's active plan with goals and actions; with `has_history` (closed plans exist) if asked."""
    plans = DevelopmentPlan.objects.filter(agent=agent, status=DevelopmentPlan.Status.ACTIVE)
    if with_history_flag:
        closed = DevelopmentPlan.objects.filter(
            agent=OuterRef("agent"), status=DevelopmentPlan.Status.CLOSED
        )
        plans = plans.annotate(has_history=Exists(closed))
    return _with_details(plans).first()


def closed_plans(agent: User) -> QuerySet:
    return _with_details(
        DevelopmentPlan.objects.filter(agent=agent, status=DevelopmentPlan.Status.CLOSED)
    )


def proposals_waiting_for(lead: User) -> list[Goal]:
    """Goals the agents a lead coaches proposed and nobody decided yet, oldest first, with the agent."""
    return list(
        Goal.objects.filter(
            status=Goal.Status.PROPOSED,
            plan__status=DevelopmentPlan.Status.ACTIVE,
            plan__agent__in=access.agents_coached_by(lead),
        )
        .select_related("plan__agent")
        .order_by("created_at", "pk")
    )


def goals_visible_to(user: User) -> QuerySet:
    return access.records_visible_to(
        user, Goal.objects.select_related("plan__agent", "skill"), agent_field="plan__agent"
    )


def actions_visible_to(user: User) -> QuerySet:
    return access.records_visible_to(
        user, Action.objects.select_related("plan__agent"), agent_field="plan__agent"
    )


def plan_progress(agent: User) -> dict:
    """The goals of the agent's active plan, in numbers too, for the side panel of a quarterly review; one query."""
    goals = list(Goal.objects.filter(plan__agent=agent, plan__status=DevelopmentPlan.Status.ACTIVE))
    by_status: dict = {}
    for goal in goals:
        by_status[goal.status] = by_status.get(goal.status, 0) + 1
    return {
        "goals": goals,
        "by_status": by_status,
        "achieved": by_status.get(Goal.Status.ACHIEVED, 0),
        "total": len(goals),
    }


def _open_skill_goals() -> QuerySet:
    return Goal.objects.filter(
        plan__status=DevelopmentPlan.Status.ACTIVE, skill__isnull=False
    ).exclude(status=Goal.Status.DROPPED)


def skill_goals(agent_ids: Iterable[int]) -> set[tuple[int, int]]:
    """(agent id, skill id) of every goal tied to a skill in the agents' active plans, except dropped ones."""
    return set(
        _open_skill_goals()
        .filter(plan__agent_id__in=list(agent_ids))
        .values_list("plan__agent_id", "skill_id")
    )


def skill_goal_exists(agent_id: int, skill_ref: Expression | OuterRef | int) -> Exists:
    """The same question for one agent and one skill, as a subquery (`skill_ref`: for example OuterRef("pk"))."""
    return Exists(_open_skill_goals().filter(plan__agent_id=agent_id, skill_id=skill_ref))
