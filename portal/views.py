from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from audit import recorder
from people import access, features
from people import selectors as people_selectors
from people import services as people_services
from people.models import User

from . import health, sections
from .agent_page import agent_page_context
from .version import VERSION

TEAMS_PER_PAGE = 25


@login_required
def home(request):
    """Send each user to their own home page."""
    return redirect(access.home_of(request.user))


@login_required
def me(request):
    access.require_own_growth_pages(request.user)
    agent = _with_profile(User.objects.filter(pk=request.user.pk), request.user).get()
    rights = access.AgentRights(is_self=True, can_coach=False)  # an agent does not coach themselves
    return render(
        request, "portal/agent_page.html", agent_page_context(request.user, agent, rights)
    )


@login_required
def agent_detail(request, pk):
    agent, rights = access.access_agent(
        request.user, pk, related=lambda agents: _with_profile(agents, request.user)
    )
    recorder.record(request, agent, recorder.Record.AGENT_PAGE)
    return render(
        request, "portal/agent_page.html", agent_page_context(request.user, agent, rights)
    )


def _with_profile(agents, viewer):
    """The agent with their profile and what the sections read with the agent row."""
    agents = agents.select_related("profile").prefetch_related("profile__channels")
    return sections.annotate("agent_row", viewer, agents)


@login_required
def lead_dashboard(request):
    access.require_lead_pages(request.user)
    teams = list(
        sections.annotate(
            "team_row",
            request.user,
            people_selectors.teams_with_counts(
                access.teams_visible_to(request.user), with_leads=False
            ),
        )
    )
    starting = people_selectors.starting_memberships_by_team(team.pk for team in teams)
    for team in teams:
        team.starting = starting.get(team.pk, [])
    return render(
        request,
        "portal/lead_dashboard.html",
        {"teams": teams, "sections": sections.collect("lead_dashboard", request.user, teams)},
    )


@login_required
def hr_overview(request):
    access.require_hr(request.user)
    teams = sections.annotate(
        "team_row",
        request.user,
        people_selectors.teams_with_counts(access.teams_visible_to(request.user)),
    ).order_by("name")
    page = Paginator(teams, TEAMS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/hr_overview.html",
        {
            "teams": page.object_list,
            "page_obj": page,
            "sections": sections.collect("hr_overview", request.user),
            # The count per team of agents who had a one-on-one lately (`team_row`), where allowed.
            "one_on_one_weeks": settings.ONE_ON_ONE_OVERDUE_WEEKS
            if access.sees_one_on_one_cadence_per_team(request.user)
            else None,
            "min_group_size": features.min_group_size(),
            # The improvement proposals per team (`team_row` of objectives), where allowed.
            "proposal_counts": access.sees_proposal_counts(request.user),
        },
    )


@require_POST
def set_language(request):
    """Django's language switch, remembered on the user's account as well."""
    language = request.POST.get("language")
    if request.user.is_authenticated and language in dict(
        request.user._meta.get_field("preferred_language").choices
    ):
        people_services.user_set_language(user=request.user, language=language)
    return django_set_language(request)


@never_cache
def healthz_live(request):
    """Liveness: no I/O, so a slow database or broker never gets a serving process restarted."""
    return JsonResponse({"status": health.OK})


@never_cache
def healthz(request):
    """Readiness: 503 only while the database fails; the broker and mail are reported, not judged."""
    database = health.database_state()
    broker = health.broker_state()
    mail = health.mail_state() if database == health.OK else health.UNAVAILABLE
    status = 200 if database == health.OK else 503
    return JsonResponse(
        {"database": database, "broker": broker, "mail": mail, "version": VERSION}, status=status
    )


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_400(request, exception=None):
    return render(request, "400.html", status=400)
