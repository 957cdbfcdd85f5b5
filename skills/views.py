from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from audit import recorder
from core.site_figures import site_figure
from core.spreadsheets import csv_stream, xlsx_bytes
from people import access
from people.forms import id_or_none
from people.selectors import current_agents_of

from . import selectors, services
from .forms import CareerWishForm, MatrixFilterForm, RatingsForm
from .mix import site_mix as site_mix_of
from .mix import team_mix
from .models import CareerWish, RatingSource

AGENTS_PER_PAGE = 50


@login_required
@require_http_methods(["GET", "POST"])
def rate(request, pk):
    """The agent rates themselves; their lead rates them and sets targets."""
    agent, rights = access.access_agent(request.user, pk, need=access.Need.NOTE)
    is_self = rights.is_self
    recorder.record(request, agent, recorder.Record.SKILLS)  # the profile is shown to the lead
    source = RatingSource.SELF if is_self else RatingSource.LEAD
    latest = selectors.latest_by_source([agent.pk])
    skills = list(selectors.active_skills())
    form = RatingsForm(
        request.POST or None,
        skills=skills,
        with_targets=not is_self,
        with_levels=rights.rates_levels,
        initial_levels={s.pk: latest.get((agent.pk, s.pk, source)) for s in skills},
        initial_targets=selectors.targets([agent.pk])[agent.pk],
    )
    if request.method == "POST" and form.is_valid():
        services.ratings_record_many(
            agent=agent,
            levels=form.levels(),
            source=source,
            rated_by=request.user,
            note=form.cleaned_data["note"],
        )
        if not is_self:
            for skill, level in form.targets().items():
                services.target_set(agent=agent, skill=skill, level=level, set_by=request.user)
        messages.success(request, _("The skill profile was saved."))
        return redirect(
            "me" if is_self else "agent_detail", **({} if is_self else {"pk": agent.pk})
        )
    return render(request, "skills/rate.html", {"agent": agent, "form": form, "is_self": is_self})


def _matrix_context(request, agents, team=None, site_wide=False):
    """The matrix page of `agents` (of a team, or of the site); `site_wide` (every agent of the site)
    caches the coverage row."""
    teams = None if team is not None else access.teams_visible_to(request.user).order_by("name")
    filters = MatrixFilterForm(request.GET or None, for_team=team is not None, teams=teams)
    category = channel = chosen_team = None
    if filters.is_valid():
        category = filters.cleaned_data["category"]
        channel = filters.cleaned_data["channel"] or None
        chosen_team = filters.cleaned_data.get("team")
    if channel:  # a join that can repeat an agent: only then the (costly) DISTINCT
        agents = agents.filter(profile__channels__code=channel).distinct()
    if chosen_team is not None:
        agents = agents.filter(pk__in=selectors.current_member_ids(chosen_team))
    agents = selectors.agents_by_name(agents)
    if team is None:  # the site's matrix names each agent's team: two of one name told apart
        agents = selectors.with_team_name(agents)
    served = None if filters.all_skills() else selectors.channels_of_team(team)
    skills = list(selectors.active_skills(category, channels=served))
    page = Paginator(agents, AGENTS_PER_PAGE).get_page(request.GET.get("page"))
    if site_wide:
        key = (
            f"skills-coverage:{category.pk if category else ''}:{channel or ''}:"
            f"{','.join(sorted(served or []))}:{chosen_team.pk if chosen_team else ''}"
        )
        coverage_row = site_figure(key, lambda: selectors.coverage(agents, skills))
        matrix = selectors.skills_matrix(page.object_list, skills, coverage_row=coverage_row)
    else:  # the coverage of everyone: counted by the database unless everyone is on this page
        whole = page.paginator.num_pages == 1
        matrix = selectors.skills_matrix(
            page.object_list,
            skills,
            selection=None if whole else agents,
            viewer=request.user if team is not None else None,
        )
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "filters": filters,
        "matrix": matrix,
        "page_obj": page,
        "query": query.urlencode(),
        "team_skills_only": served,
        "covered_level": selectors.COVERED_LEVEL,
        "thin": selectors.THIN_COVERAGE,
    }


@login_required
def team_matrix(request, pk):
    team = access.get_team_or_404(request.user, pk)
    context = _matrix_context(request, current_agents_of(team), team)
    return render(
        request,
        "skills/matrix.html",
        {
            "team": team,
            "can_coach_team": access.leads_team_now(request.user, team),
            **context,
            **_mix_context(request, team, context["matrix"].skills),
        },
    )


def _mix_context(request, team, skills) -> dict:
    """The team mix under the matrix, and the what-if for the person chosen (one of the team)."""
    team_agents = list(current_agents_of(team).prefetch_related(None).select_related(None))
    chosen = id_or_none(request.GET.get("absent"))
    absent = next((a for a in team_agents if a.pk == chosen), None)
    return {
        "mix": team_mix(
            current_agents_of(team),
            skills,
            absent=absent,
            priorities={
                skill_id: title
                for path in settings.TEAM_MIX_PRIORITIES
                for skill_id, title in import_string(path)(team).items()
            },
        ),
        "team_agents": team_agents,
        "absent_id": chosen,
        "absent_unknown": request.GET.get("absent") not in (None, "") and absent is None,
    }


@login_required
def site_matrix(request):
    access.require_team_overviews(request.user)
    context = _matrix_context(
        request,
        access.agents_in_figures_of(request.user),
        site_wide=access.is_hr_or_admin(request.user),
    )
    return render(request, "skills/matrix.html", {"team": None, **context})


TEAMS_PER_PAGE = 25


@login_required
def site_mix(request):
    """HR: the mix risks of every team (single points of failure, skills nobody holds), never who."""
    access.require_hr(request.user)
    teams = Paginator(access.teams_visible_to(request.user).order_by("name"), TEAMS_PER_PAGE)
    page = teams.get_page(request.GET.get("page"))
    return render(
        request,
        "skills/site_mix.html",
        {"page_obj": page, "risks": site_mix_of(list(page.object_list))},
    )


def _site_mix_rows(user) -> tuple[list[str], list[list]]:
    """HR's export of the mix risks: one row per team, risk and skill (never who)."""
    risks = site_mix_of(list(access.teams_visible_to(user).order_by("name")))
    header = [_("Team"), _("Risk"), _("Skill")]
    alone, nobody = _("held by one person only"), _("held by nobody")
    rows = [
        [r.team.name, kind, skill.name]
        for r in risks
        for kind, skills in ((alone, r.single_points), (nobody, r.uncovered))
        for skill in skills
    ]
    return header, rows


@login_required
def site_mix_csv(request):
    access.require_hr(request.user)
    header, rows = _site_mix_rows(request.user)
    response = StreamingHttpResponse(
        csv_stream(header, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="team-mix.csv"'
    return response


@login_required
def site_mix_xlsx(request):
    """The same as the CSV, as an Excel workbook; every value written as text."""
    access.require_hr(request.user)
    header, rows = _site_mix_rows(request.user)
    response = HttpResponse(
        xlsx_bytes(header, rows, title=_("Team mix")),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="team-mix.xlsx"'
    return response


@login_required
def team_matrix_csv(request, pk):
    team = access.get_team_or_404(request.user, pk)
    context = _matrix_context(request, current_agents_of(team), team)
    agents = context["page_obj"].paginator.object_list
    matrix = selectors.skills_matrix(agents, context["matrix"].skills)
    rows = [
        [agent]
        + [
            "" if c.level is None else (f"{c.level}/{c.target}" if c.target else c.level)
            for c in cells
        ]
        for agent, cells in matrix.rows
    ]
    rows.append(
        [_("At level %(level)s or above") % {"level": selectors.COVERED_LEVEL}]
        + [c.covered for c in matrix.coverage]
    )
    header = [_("Agent")] + [s.name for s in matrix.skills]
    recorder.record_many(
        request,
        [agent.pk for agent, _cells in matrix.rows],
        recorder.Record.SKILLS,
        kind=recorder.Kind.EXPORT,
    )
    response = StreamingHttpResponse(
        csv_stream(header, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="skills-team-{team.pk}.csv"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def my_career(request):
    access.require_own_growth_pages(request.user)
    form = CareerWishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        wish = form.save(commit=False)
        wish.agent = request.user
        services.career_wish_save(wish=wish, by=request.user, skills=form.cleaned_data["skills"])
        messages.success(request, _("Your career wish was saved. Your team lead can see it."))
        return redirect("skills:my_career")
    return render(
        request,
        "skills/my_career.html",
        {"form": form, "wishes": selectors.career_wishes_of(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def career_wish_delete(request, pk):
    wish = get_object_or_404(CareerWish, pk=pk, agent=request.user)
    if request.method == "POST":
        services.career_wish_delete(wish=wish, by=request.user)
        messages.success(request, _("The career wish was deleted."))
        return redirect("skills:my_career")
    return render(request, "skills/career_wish_confirm_delete.html", {"wish": wish})


@login_required
def career_wishes(request):
    """Who wants what next, with their current skill fit: the start of succession planning."""
    access.require_team_overviews(request.user)
    wishes = access.records_visible_to(request.user, CareerWish.objects.all()).filter(
        agent__is_active=True
    )
    kind = request.GET.get("kind")
    if kind in CareerWish.Kind.values:
        wishes = wishes.filter(kind=kind)
    wishes = (
        wishes.select_related("agent")
        .prefetch_related("skills")
        .order_by("kind", "agent__last_name", "agent__first_name", "pk")
    )
    page = Paginator(wishes, AGENTS_PER_PAGE).get_page(request.GET.get("page"))
    rows = selectors.career_wishes_with_fit(page.object_list)
    return render(
        request,
        "skills/career_wishes.html",
        {
            "rows": rows,
            "page_obj": page,
            "kinds": CareerWish.Kind.choices,
            "kind": kind,
            "query": f"kind={kind}" if kind else "",
        },
    )
