from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from . import access, selectors

AGENTS_PER_PAGE = 50


@login_required
def team_detail(request, pk):
    team = access.get_team_or_404(request.user, pk)
    agents = Paginator(selectors.current_agents_of(team), AGENTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "people/team_detail.html",
        {
            "team": team,
            "agents": agents,
            "starting": selectors.starting_agents_of(team),
            "leads": selectors.current_leads_of(team),
        },
    )
