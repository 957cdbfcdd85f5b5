import datetime
import re

import pytest
from django.utils import timezone

from feedback.models import CoachingNote
from people.periods import Quarter
from training.models import Course, Enrollment, Session

from ..skills.factories import RatingFactory, SkillFactory

pytestmark = pytest.mark.django_db


def test_the_hr_overview_shows_timeliness_coverage_and_training_hours(cast, login, team):
    previous = Quarter.current().previous()
    observed = previous.start + datetime.timedelta(days=3)
    CoachingNote.objects.create(
        agent=cast["agent"],
        author=cast["lead"],
        observed_at=observed,
        situation="x",
        feedback_due_at=observed + datetime.timedelta(days=3),
        delivered_at=observed + datetime.timedelta(hours=5),
    )
    skill = SkillFactory(name_en="De-escalation")
    RatingFactory(agent=cast["agent"], skill=skill, level=4, rated_by=cast["lead"])
    course = Course.objects.create(title_en="Chat", duration_hours=6)
    session = Session.objects.create(
        course=course, starts_at=timezone.now(), trainer="T", place="P"
    )
    Enrollment.objects.create(
        session=session, agent=cast["agent"], status="completed", completed_on=timezone.localdate()
    )
    response = login(cast["hr"]).get("/hr/")
    figures = next(
        s for s in response.context["sections"] if s.template == "reports/_hr_figures.html"
    ).context
    [(lead, timeliness)] = figures["timeliness"]
    assert lead == cast["lead"] and timeliness.share == 100 and timeliness.median_hours == 5.0
    assert [(c.skill, share) for c, share in figures["coverage"]] == [(skill, 33)]
    # the Chat Team's agents completed nothing: listed with 0 hours, not left out
    assert [(t, float(h)) for t, h in figures["hours"]] == [("Phone Team", 6.0), ("Chat Team", 0.0)]


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_column_of_the_hr_figures_has_a_header(cast, login, language):
    cast["hr"].preferred_language = language
    cast["hr"].save(update_fields=["preferred_language"])
    html = login(cast["hr"]).get("/hr/").content.decode()
    for table in ("hr-timeliness", "hr-coverage", "hr-training-hours"):
        part = html.split(f'id="{table}"', 1)[1].split("</table>", 1)[0]
        head = part.split("</thead>", 1)[0]
        headers = re.findall(r"<th scope=\"col\"[^>]*>([^<]*)</th>", head)
        assert headers and all(h.strip() for h in headers), (table, headers)
    assert ("Stunden" if language == "de" else "Hours") in html
    assert ("Chat Team</th>" in html) and "0.0 h" in html.replace("0,0 h", "0.0 h")


def test_the_hr_overview_needs_as_many_queries_for_50_teams_of_figures_as_for_5(cast, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ..factories import TeamFactory, make_agent, make_lead

    client = login(cast["hr"])

    def count():
        from django.core.cache import cache

        cache.clear()  # the figures of the whole site are cached; count what computing them takes
        with CaptureQueriesContext(connection) as ctx:
            client.get("/hr/")
        return len(ctx.captured_queries)

    def add(n):
        for _ in range(n):
            team = TeamFactory()
            lead = make_lead(team)
            agent = make_agent(team)
            observed = Quarter.current().previous().start + datetime.timedelta(days=2)
            CoachingNote.objects.create(
                agent=agent,
                author=lead,
                observed_at=observed,
                situation="x",
                feedback_due_at=observed + datetime.timedelta(days=3),
            )

    add(3)
    few = count()
    add(45)
    assert count() == few


def test_the_site_figures_are_computed_once_and_then_served_from_the_cache(cast, login, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.SITE_FIGURES_CACHE_SECONDS = 300
    client = login(cast["hr"])
    with CaptureQueriesContext(connection) as first:
        client.get("/hr/")
    with CaptureQueriesContext(connection) as second:
        body = client.get("/hr/").content.decode()
    assert len(second) < len(first)
    assert "brought up to date every 5 minutes" in body


def test_with_the_cache_switched_off_every_request_computes_the_figures(cast, login, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.SITE_FIGURES_CACHE_SECONDS = 0
    client = login(cast["hr"])
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as captured:
            client.get("/hr/")
        counts.append(len(captured))
    assert counts[0] == counts[1]
