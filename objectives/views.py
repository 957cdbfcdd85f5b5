from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.confirmation import Confirmation, confirmation_page, is_confirmed
from core.spreadsheets import csv_stream
from people import access
from people.forms import add_service_errors
from plans.models import Goal
from reports.exports import xlsx_bytes

from . import selectors, services
from .forms import (
    AnswerForm,
    GoalLinkForm,
    ObjectiveForm,
    ProposalForm,
    ReportForm,
    TeamObjectiveForm,
)
from .models import ServiceObjective, TeamObjective

PER_PAGE = 20


@login_required
def objective_list(request):
    """HR: every objective with each team's part and progress; leads: the published ones and their teams'."""
    access.require(
        access.may_write_service_objectives(request.user) or access.is_team_lead(request.user)
    )
    objectives = selectors.service_objectives_visible_to(request.user).order_by("-starts_on", "pk")
    page = Paginator(objectives, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "objectives/list.html",
        {
            "page_obj": page,
            "rows": selectors.objectives_overview(request.user, list(page.object_list)),
            "can_write": access.may_write_service_objectives(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def objective_edit(request, pk=None):
    access.require(access.may_write_service_objectives(request.user))
    objective = get_object_or_404(ServiceObjective, pk=pk) if pk else ServiceObjective()
    form = ObjectiveForm(request.POST or None, instance=objective)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.objective_save(objective=form.save(commit=False), by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The objective was saved."))
            return redirect(saved)
    return render(request, "objectives/form.html", {"form": form, "objective": objective})


@login_required
def objective_detail(request, pk):
    objective = get_object_or_404(selectors.service_objectives_visible_to(request.user), pk=pk)
    rows = selectors.objectives_overview(request.user, [objective])[0]["teams"]
    led = list(access.teams_visible_to(request.user)) if access.is_team_lead(request.user) else []
    proposed = {row["team_objective"].team_id for row in rows}
    return render(
        request,
        "objectives/detail.html",
        {
            "objective": objective,
            "rows": rows,
            "can_write": access.may_write_service_objectives(request.user),
            "teams_to_propose": [t for t in led if t.pk not in proposed]
            if objective.is_published
            else [],
            "confirmations": selectors.confirmations_by_team(request.user, objective)
            if objective.is_published
            else [],
        },
    )


@login_required
@require_POST
def objective_publish(request, pk):
    access.require(access.may_write_service_objectives(request.user))
    objective = get_object_or_404(ServiceObjective, pk=pk)
    if not is_confirmed(request):
        return confirmation_page(
            request,
            Confirmation(
                title=_("Publish “%(title)s”?") % {"title": objective.title},
                consequence=_(
                    "Every team sees it: leads propose their team's part, agents read it on their "
                    "page. A published objective cannot be withdrawn."
                ),
                confirm_label=_("Publish the objective"),
                cancel_url=objective.get_absolute_url(),
            ),
        )
    try:
        services.objective_publish(objective=objective, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The objective is published. Leads can now add their team's part.")
        )
    return redirect(objective)


@login_required
@require_POST
def objective_confirm(request, pk):
    """The agent confirms having read the objective (after a confirm step), as with a briefing."""
    objective = get_object_or_404(selectors.service_objectives_visible_to(request.user), pk=pk)
    access.require(
        access.may_confirm_service_objective(request.user, published=objective.is_published)
    )
    if not is_confirmed(request):
        return confirmation_page(
            request,
            Confirmation(
                title=_("Confirm that you have read “%(title)s”?") % {"title": objective.title},
                consequence=_(
                    "Your lead sees that you have read it. A confirmation cannot be withdrawn."
                ),
                confirm_label=_("Confirm reading"),
                cancel_url="/me/",
            ),
        )
    services.objective_confirm(objective=objective, by=request.user)
    messages.success(request, _("Thank you: you confirmed that you have read the objective."))
    return redirect("/me/")


@login_required
@require_http_methods(["GET", "POST"])
def team_objective_create(request, pk):
    access.require_lead_pages(request.user)
    objective = get_object_or_404(selectors.service_objectives_visible_to(request.user), pk=pk)
    teams = list(access.teams_visible_to(request.user))
    form = TeamObjectiveForm(
        request.POST or None,
        teams=teams,
        instance=TeamObjective(service_objective=objective),
        initial={"team": teams[0].pk if len(teams) == 1 else None, "title": objective.title},
    )
    return _save_team_objective(request, form, objective)


@login_required
@require_http_methods(["GET", "POST"])
def team_objective_edit(request, pk):
    team_objective = get_object_or_404(selectors.team_objectives_visible_to(request.user), pk=pk)
    access.require(not team_objective.is_agreed)  # once agreed, it stands
    access.require(access.may_propose_team_objective(request.user, team_objective.team))
    form = TeamObjectiveForm(
        request.POST or None, teams=[team_objective.team], instance=team_objective
    )
    return _save_team_objective(request, form, team_objective.service_objective)


def _save_team_objective(request, form, objective):
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.team_objective_save(
                team_objective=form.save(commit=False),
                by=request.user,
                skills=form.cleaned_data["skills"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Your team's part was saved. HR agrees it before the team sees it.")
            )
            return redirect(saved)
    return render(request, "objectives/team_form.html", {"form": form, "objective": objective})


@login_required
def team_objective_detail(request, pk):
    team_objective = get_object_or_404(selectors.team_objectives_visible_to(request.user), pk=pk)
    user = request.user
    proposals = selectors.proposals_visible_to(user).filter(team_objective=team_objective)
    page = Paginator(proposals, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "objectives/team_objective.html",
        {
            "team_objective": team_objective,
            "objective": team_objective.service_objective,
            "progress": selectors.progress_for([team_objective], user)[team_objective.pk],
            "page_obj": page,
            "may_change": not team_objective.is_agreed
            and access.may_propose_team_objective(user, team_objective.team),
            "may_report": access.may_propose_team_objective(user, team_objective.team),
            "may_agree": access.may_agree_team_objectives(user) and not team_objective.is_agreed,
            "may_propose": access.may_propose_improvement(user, team_objective.team_id),
            "may_answer": access.may_answer_proposals(user, team_objective.team),
            "sees_authors": access.sees_proposal_authors(user),
            "proposal_form": ProposalForm(),
            "answer_form": AnswerForm(),
            "report_form": ReportForm(),
        },
    )


@login_required
@require_POST
def team_objective_agree(request, pk):
    access.require(access.may_agree_team_objectives(request.user))
    team_objective = get_object_or_404(
        TeamObjective.objects.select_related("service_objective"), pk=pk
    )
    try:
        services.team_objective_agree(team_objective=team_objective, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The team's part is agreed; its agents see it now."))
    return redirect(team_objective)


@login_required
@require_POST
def team_objective_report(request, pk):
    team_objective = get_object_or_404(selectors.team_objectives_visible_to(request.user), pk=pk)
    access.require(access.may_propose_team_objective(request.user, team_objective.team))
    form = ReportForm(request.POST)
    if form.is_valid():
        try:
            services.team_objective_report(
                team_objective=team_objective, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The figure was saved."))
    else:
        messages.error(request, _("Please give a figure and the day it applies to."))
    return redirect(team_objective)


@login_required
@require_POST
def proposal_create(request, pk):
    team_objective = get_object_or_404(selectors.team_objectives_visible_to(request.user), pk=pk)
    access.require(access.may_propose_improvement(request.user, team_objective.team_id))
    form = ProposalForm(request.POST)
    if form.is_valid():
        try:
            services.proposal_create(
                team_objective=team_objective, by=request.user, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("Thank you: your proposal went to your lead and your team.")
            )
    else:
        messages.error(request, _("Please write your proposal (at most 2,000 characters)."))
    return redirect(team_objective)


@login_required
@require_POST
def proposal_answer(request, pk):
    proposal = get_object_or_404(
        selectors.proposals_visible_to(request.user).select_related("team_objective__team"), pk=pk
    )
    access.require(access.may_answer_proposals(request.user, proposal.team_objective.team))
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.proposal_answer(proposal=proposal, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your answer was saved; the team sees it."))
    else:
        messages.error(request, _("Choose “Taken up” or “Not now” and say why."))
    return redirect(proposal.team_objective)


@login_required
@require_POST
def goal_link(request, pk):
    access.require_own_growth_pages(request.user)
    goal = get_object_or_404(
        Goal.objects.select_related("plan").filter(plan__agent=request.user), pk=pk
    )
    form = GoalLinkForm(
        request.POST, team_objectives=selectors.team_objectives_visible_to(request.user)
    )
    if form.is_valid():
        try:
            services.goal_link(
                goal=goal, team_objective=form.cleaned_data["team_objective"], by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your goal now shows which team objective it serves."))
    else:
        messages.error(request, _("Choose one of your team's objectives."))
    return redirect("me")


@login_required
def objectives_csv(request):
    """Every objective, each team's part and its progress, as a spreadsheet-ready CSV (HR)."""
    access.require(access.may_write_service_objectives(request.user))
    response = StreamingHttpResponse(
        csv_stream(_header(), list(_csv_rows(request.user, _all_objectives(request.user)))),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="objectives.csv"'
    return response


@login_required
def objectives_xlsx(request):
    """The same as the CSV, as an Excel workbook; every value written as text."""
    access.require(access.may_write_service_objectives(request.user))
    columns = list(enumerate(_header()))
    rows = [
        {key: str(value) for key, value in enumerate(row)}
        for row in _csv_rows(request.user, _all_objectives(request.user))
    ]
    response = HttpResponse(
        xlsx_bytes(columns, rows, title=_("Objectives")),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="objectives.xlsx"'
    return response


def _all_objectives(user) -> list:
    return list(selectors.service_objectives_visible_to(user).order_by("-starts_on", "pk"))


def _header() -> list[str]:
    return [
        _("Period"),
        _("Service objective"),
        _("Measure"),
        _("Target"),
        _("Team"),
        _("Team objective"),
        _("Status"),
        _("Latest figure"),
        _("Trend"),
        _("Where the team stands"),
        _("Proposals"),
        _("Waiting for an answer"),
    ]


def _csv_rows(user, objectives):
    for row in selectors.objectives_overview(user, objectives):
        objective = row["objective"]
        for team in row["teams"]:
            progress, counts = team["progress"], team["proposals"] or {}
            yield [
                objective.period,
                objective.title,
                objective.get_measure_display(),
                "" if progress.target is None else f"{progress.target:g}",
                team["team_objective"].team.name,
                team["team_objective"].title,
                team["team_objective"].get_status_display(),
                "" if progress.latest is None else f"{progress.latest:g}",
                progress.trend_words,
                progress.words,
                counts.get("total", 0),
                counts.get("open", 0),
            ]


@login_required
def heading(request):
    """ "Where we are heading" for the agent: /me/ loads it into its section (htmx), or it opens alone."""
    access.require_own_growth_pages(request.user)
    team_objectives = selectors.heading_for_agent(request.user)
    progress = selectors.progress_for(team_objectives, request.user)
    goals = list(selectors.open_goals_of(request.user))
    services_seen: dict = {}
    for team_objective in team_objectives:
        services_seen.setdefault(
            team_objective.service_objective_id, team_objective.service_objective
        )
    confirmed = selectors.confirmed_by(request.user, services_seen)
    for objective in services_seen.values():
        objective.confirmed_at = confirmed.get(objective.pk)
    return render(
        request,
        "objectives/heading.html",
        {
            "rows": [
                {
                    "team_objective": t,
                    "progress": progress[t.pk],
                    "goals": [
                        g
                        for g in goals
                        if getattr(g, "objective_link", None)
                        and g.objective_link.team_objective_id == t.pk
                    ],
                }
                for t in team_objectives
            ],
            "service_objectives": list(services_seen.values()),
            "goals": goals,
            "team_objectives": team_objectives,
        },
    )
