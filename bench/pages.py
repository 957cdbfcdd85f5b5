"""The main pages, each requested as the role that uses it, on the demo's own people and records."""

from dataclasses import dataclass

from django.db.models import Count

LEAD, AGENT, HR = "lead@demo.example", "agent@demo.example", "hr@demo.example"


@dataclass
class Page:
    name: str
    user: str
    url: str


def main_pages() -> list[Page]:
    from briefings.models import Briefing
    from people.models import TeamMembership, User
    from people.periods import Quarter
    from reviews.models import Review

    lead = User.objects.get(email=LEAD)
    agent = User.objects.get(email=AGENT)
    team_id = (
        TeamMembership.objects.current()
        .leads()
        .filter(user=lead)
        .values_list("team_id", flat=True)
        .first()
    )
    draft = Review.objects.filter(reviewer=lead, status=Review.Status.DRAFT).order_by("pk").first()
    held = (
        Review.objects.filter(reviewer=lead, cycle__label=Quarter.current().previous().label)
        .exclude(status=Review.Status.DRAFT)
        .order_by("pk")
        .first()
    )
    briefing = (
        Briefing.objects.filter(status=Briefing.Status.PUBLISHED)
        .annotate(teams_count=Count("teams"))
        .order_by("-teams_count", "-published_at")
        .first()
    )
    pages = [
        Page("lead dashboard", LEAD, "/dashboard/"),
        Page("team page", LEAD, f"/teams/{team_id}/"),
        Page("team skills matrix", LEAD, f"/teams/{team_id}/skills/"),
        Page("an agent's page", LEAD, f"/agents/{agent.pk}/"),
        Page("feedback inbox", LEAD, "/feedback/"),
        Page("review form", LEAD, f"/reviews/{draft.pk}/edit/") if draft else None,
        Page("review page", LEAD, f"/reviews/{held.pk}/") if held else None,
        Page("team KPIs", LEAD, f"/teams/{team_id}/kpis/"),
        Page("training needs (lead)", LEAD, "/training/needs/"),
        Page("upward feedback received", LEAD, "/feedback/upward/"),
        Page("/me/", AGENT, "/me/"),
        Page("upward feedback form", AGENT, "/feedback/upward/new/"),
        Page("HR overview", HR, "/hr/"),
        Page("site skills matrix", HR, "/skills/matrix/"),
        Page("career wishes", HR, "/career-wishes/"),
        Page("training needs (HR)", HR, "/training/needs/"),
        Page("briefing coverage", HR, f"/briefings/{briefing.pk}/") if briefing else None,
        Page("upward feedback by lead", HR, "/hr/upward/"),
    ]
    return [page for page in pages if page]
