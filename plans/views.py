from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from audit import recorder
from core import once
from core.confirmation import confirmation_page, is_confirmed
from people import access
from people.forms import add_service_errors, id_or_none
from skills.models import Skill

from . import confirmations, selectors, services
from .forms import ActionForm, GoalForm, GoalStatusForm, ProgressNoteForm
from .models import DevelopmentPlan, Goal


def _agent_for_planning(user, pk):
    """The agent themself or their current lead may work on a plan; everyone else gets 404."""
    agent, _rights = access.access_agent(user, pk, need=access.Need.NOTE)
    return agent


def _back(agent, user):
    return redirect("me") if user.pk == agent.pk else redirect("agent_detail", pk=agent.pk)


@login_required
@require_http_methods(["GET", "POST"])
def goal_create(request, pk):
    agent = _agent_for_planning(request.user, pk)
    initial = {}
    if skill_id := id_or_none(request.GET.get("skill")):
        initial["skill"] = Skill.objects.filter(pk=skill_id).first()
    if level := id_or_none(request.GET.get("level")):
        initial["target_level"] = level
    if initial.get("skill") and initial.get("target_level"):
        initial["title"] = _("Reach level %(level)s in %(skill)s") % {
            "level": initial["target_level"],
            "skill": initial["skill"].name,
        }
    form = GoalForm(request.POST or None, initial=initial)
    if request.method == "POST" and once.saved_before(request, "goal"):
        messages.info(request, _("This goal was already saved; here is the plan."))
        return _back(agent, request.user)
    if request.method == "POST" and form.is_valid():
        try:
            goal = services.goal_create(agent=agent, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            once.remember(request, "goal", goal.pk)
            if request.user.pk == agent.pk:
                messages.success(
                    request, _("Your goal was proposed. Your team lead will accept or adjust it.")
                )
            else:
                messages.success(request, _("The goal was added to the development plan."))
            return _back(agent, request.user)
    return render(
        request,
        "plans/goal_form.html",
        {"agent": agent, "form": form, "goal": None, "submit_token": once.token(request)},
    )


def _coached_goal_or_404(user, pk) -> Goal:
    """A goal of an agent the user leads now; everyone else gets 404."""
    goal, _rights = access.access_record(
        user,
        selectors.goals_visible_to(user),
        pk,
        agent_field="plan__agent",
        need=access.Need.COACH,
    )
    return goal


@login_required
@require_http_methods(["GET", "POST"])
def goal_edit(request, pk):
    goal = _coached_goal_or_404(request.user, pk)
    initial = {
        f: getattr(goal, f) for f in ("title", "skill", "target_level", "success_measure", "due_on")
    }
    form = GoalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_update(goal=goal, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The goal was saved."))
            return _back(goal.plan.agent, request.user)
    return render(
        request, "plans/goal_form.html", {"agent": goal.plan.agent, "form": form, "goal": goal}
    )


@login_required
@require_POST
def goal_accept(request, pk):
    goal = _coached_goal_or_404(request.user, pk)
    try:
        services.goal_accept(goal=goal, by=request.user)
        messages.success(request, _("The proposed goal was accepted."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _back(goal.plan.agent, request.user)


@login_required
@require_POST
def goal_status(request, pk):
    """Change a goal's status; answers the updated goal card to htmx, a redirect otherwise."""
    goal = _coached_goal_or_404(request.user, pk)
    form = GoalStatusForm(request.POST)
    if form.is_valid():
        services.goal_set_status(goal=goal, by=request.user, status=form.cleaned_data["status"])
    else:
        messages.error(request, _("This status is not possible."))
    if request.headers.get("HX-Request"):
        return render(
            request, "plans/_goal.html", {"goal": goal, "can_coach": True, "can_note": True}
        )
    return _back(goal.plan.agent, request.user)


@login_required
@require_POST
def goal_progress(request, pk):
    goal, _rights = access.access_record(
        request.user,
        selectors.goals_visible_to(request.user),
        pk,
        agent_field="plan__agent",
        need=access.Need.NOTE,
    )
    agent = goal.plan.agent
    form = ProgressNoteForm(request.POST)
    if form.is_valid():
        services.progress_note_add(goal=goal, author=request.user, text=form.cleaned_data["text"])
        messages.success(request, _("The progress note was added."))
    else:
        messages.error(request, _("Please write what has happened."))
    return _back(agent, request.user)


@login_required
@require_http_methods(["GET", "POST"])
def action_create(request, pk):
    agent = _agent_for_planning(request.user, pk)
    plan = selectors.active_plan(agent)
    form = ActionForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        services.action_add(agent=agent, by=request.user, **form.cleaned_data)
        messages.success(request, _("The action was added to the development plan."))
        return _back(agent, request.user)
    return render(request, "plans/action_form.html", {"agent": agent, "form": form})


@login_required
@require_POST
def action_complete(request, pk):
    action, _rights = access.access_record(
        request.user,
        selectors.actions_visible_to(request.user),
        pk,
        agent_field="plan__agent",
        need=access.Need.NOTE,
    )
    agent = action.plan.agent
    if not is_confirmed(request):
        return confirmation_page(request, confirmations.action_complete(action, request.user))
    services.action_complete(action=action, by=request.user)
    messages.success(request, _("The action is marked as done."))
    return _back(agent, request.user)


@login_required
@require_http_methods(["GET", "POST"])
def plan_close(request, pk):
    plan, _rights = access.access_record(
        request.user,
        access.records_visible_to(
            request.user, DevelopmentPlan.objects.filter(status=DevelopmentPlan.Status.ACTIVE)
        ),
        pk,
        need=access.Need.COACH,
    )
    if request.method == "POST":
        services.plan_close(plan=plan, by=request.user)
        messages.success(request, _("The plan was closed. It stays in the agent's history."))
        return redirect("agent_detail", pk=plan.agent.pk)
    return render(request, "plans/plan_confirm_close.html", {"plan": plan})


@login_required
@require_POST
def plan_start(request, pk):
    agent = access.get_coached_agent_or_404(request.user, pk)
    try:
        services.plan_start(agent=agent, by=request.user)
        messages.success(request, _("A new development plan was started."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("agent_detail", pk=agent.pk)


@login_required
def plan_history(request, pk):
    agent = access.get_agent_or_404(request.user, pk)
    recorder.record(request, agent, recorder.Record.PLAN)
    return render(
        request, "plans/plan_history.html", {"agent": agent, "plans": selectors.closed_plans(agent)}
    )
