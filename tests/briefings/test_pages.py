import pytest
from django.utils import timezone

from briefings.models import Acknowledgement, Briefing, Question, TeamMeeting

from .test_briefings import publish

pytestmark = pytest.mark.django_db


def test_hr_writes_and_publishes_a_briefing(cast, team, login):
    client = login(cast["hr"])
    response = client.post(
        "/briefings/new/",
        {
            "title_en": "Saturday hours",
            "title_de": "Samstagsöffnung",
            "applies_from": "2026-12-01",
            "teams": [team.pk],
            "points-TOTAL_FORMS": "2",
            "points-INITIAL_FORMS": "0",
            "points-0-text_en": "Why",
            "points-0-text_de": "Warum",
            "points-1-text_en": "",
            "points-1-text_de": "",
        },
    )
    briefing = Briefing.objects.get()
    assert response.status_code == 302
    assert [p.text_en for p in briefing.points.all()] == ["Why"]
    client.post(f"/briefings/{briefing.pk}/publish/", {"confirmation": "given"})
    briefing.refresh_from_db()
    assert briefing.status == Briefing.Status.PUBLISHED


def test_a_briefing_for_no_team_gives_a_form_error(cast, login):
    response = login(cast["hr"]).post(
        "/briefings/new/",
        {
            "title_en": "x",
            "applies_from": "2026-12-01",
            "points-TOTAL_FORMS": "1",
            "points-INITIAL_FORMS": "0",
            "points-0-text_en": "a",
            "points-0-text_de": "",
        },
    )
    assert "Choose at least one team the briefing is for." in response.content.decode()
    assert not Briefing.objects.exists()


def test_the_lead_records_a_meeting_that_covers_the_briefing(cast, team, login):
    briefing = publish([team])
    client = login(cast["lead"])
    assert briefing.title in client.get("/dashboard/").content.decode()
    response = client.post(
        f"/teams/{team.pk}/meetings/new/",
        {
            "held_on": timezone.localdate().isoformat(),
            "attendees": [cast["agent"].pk],
            "briefings": [briefing.pk],
        },
    )
    assert response.status_code == 302
    assert list(TeamMeeting.objects.get().briefings.all()) == [briefing]
    assert "All briefings are covered." in client.get("/dashboard/").content.decode()


def test_a_meeting_with_someone_from_another_team_gives_a_form_error(cast, team, login):
    response = login(cast["lead"]).post(
        f"/teams/{team.pk}/meetings/new/",
        {
            "held_on": timezone.localdate().isoformat(),
            "attendees": [cast["other_agent"].pk],
        },
    )
    assert response.status_code == 200
    assert not TeamMeeting.objects.exists()


@pytest.mark.parametrize(
    "role,status", [("lead", 200), ("other_lead", 404), ("agent", 404), ("hr", 404)]
)
def test_only_the_teams_lead_records_meetings(cast, team, login, role, status):
    assert login(cast[role]).get(f"/teams/{team.pk}/meetings/new/").status_code == status


def test_an_agent_acknowledges_and_asks_and_the_lead_answers(cast, team, login):
    briefing = publish([team])
    agent = login(cast["agent"])
    assert briefing.title in agent.get("/me/").content.decode()
    agent.post(f"/briefings/{briefing.pk}/acknowledge/")
    agent.post(
        f"/briefings/{briefing.pk}/questions/", {"text": "Does this apply to business customers?"}
    )
    assert Acknowledgement.objects.filter(agent=cast["agent"]).exists()
    question = Question.objects.get()
    assert (
        login(cast["other_lead"])
        .post(f"/briefings/questions/{question.pk}/answer/", {"text": "x"})
        .status_code
        == 404
    )
    login(cast["lead"]).post(
        f"/briefings/questions/{question.pk}/answer/", {"text": "Yes, from January."}
    )
    question.refresh_from_db()
    assert question.answer == "Yes, from January." and question.answered_by == cast["lead"]


def test_acknowledging_a_briefing_for_another_team_is_404(cast, other_team, login):
    briefing = publish([other_team])
    assert login(cast["agent"]).post(f"/briefings/{briefing.pk}/acknowledge/").status_code == 404
    assert not Acknowledgement.objects.exists()


def test_attachments_are_served_only_to_readers(cast, team, other_team, login, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from briefings.services import attachment_add

    settings.MEDIA_ROOT = tmp_path
    briefing = publish([team])
    attachment = attachment_add(
        briefing=briefing, upload=SimpleUploadedFile("plan.pdf", b"%PDF-1.4")
    )
    url = f"/briefings/{briefing.pk}/attachments/{attachment.pk}/"
    response = login(cast["agent"]).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4"
    assert login(cast["other_agent"]).get(url).status_code == 404


def test_hr_sees_coverage_with_the_missing_and_absent_agents(cast, team, login):
    briefing = publish([team])
    login(cast["lead"]).post(
        f"/teams/{team.pk}/meetings/new/",
        {
            "held_on": timezone.localdate().isoformat(),
            "attendees": [cast["agent"].pk],
            "briefings": [briefing.pk],
        },
    )
    login(cast["agent"]).post(f"/briefings/{briefing.pk}/acknowledge/")
    body = login(cast["hr"]).get(f"/briefings/{briefing.pk}/").content.decode()
    assert "100 % of the agents present confirmed" in body
    assert "Absent from the meeting, to follow up" in body and "Clara Colleague" in body


def test_list_pages_need_as_many_queries_for_50_briefings_as_for_5(cast, team, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(client, url):
        from django.core.cache import cache

        cache.clear()  # the figures of the whole site are cached; count what computing them takes
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    urls = {"agent": "/briefings/", "hr": "/hr/", "lead": "/dashboard/"}
    for _ in range(5):
        publish([team])
    few = {role: count(login(cast[role]), url) for role, url in urls.items()}
    for _ in range(45):
        publish([team])
    assert {role: count(login(cast[role]), url) for role, url in urls.items()} == few


def test_a_meeting_in_the_future_is_refused_so_it_cannot_cover_a_briefing(cast, team, login):
    briefing = publish([team])
    client = login(cast["lead"])
    response = client.post(
        f"/teams/{team.pk}/meetings/new/",
        {
            "held_on": "2099-01-01",
            "attendees": [cast["agent"].pk],
            "briefings": [briefing.pk],
        },
    )
    assert response.status_code == 200
    assert "is in the future" in response.context["form"].errors["held_on"][0]
    assert not TeamMeeting.objects.exists()
    assert "All briefings are covered." not in client.get("/dashboard/").content.decode()


def test_the_meeting_date_input_ends_today(cast, team, login):
    body = login(cast["lead"]).get(f"/teams/{team.pk}/meetings/new/").content.decode()
    assert f'max="{timezone.localdate().isoformat()}"' in body


@pytest.mark.parametrize(
    "language,more", [("en", "and 3 more teams"), ("de", "und 3 weitere Teams")]
)
def test_the_list_names_three_teams_and_counts_the_rest(cast, team, login, language, more):
    from tests.factories import TeamFactory

    others = [TeamFactory(name=f"Chat {letter}") for letter in "EDCBA"]
    publish([team, *others])
    cast["hr"].preferred_language = language
    cast["hr"].save()
    page = login(cast["hr"]).get("/briefings/").content.decode()
    assert "Chat A, Chat B, Chat C" in page
    assert more in page
    assert "Chat D" not in page and "Phone Team" not in page


def test_the_list_needs_as_many_queries_for_a_briefing_to_fifty_teams_as_to_two(cast, team, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import TeamFactory

    client = login(cast["hr"])
    publish([team, TeamFactory()])
    client.get("/briefings/")
    with CaptureQueriesContext(connection) as few:
        client.get("/briefings/")
    publish([TeamFactory() for _ in range(50)])
    with CaptureQueriesContext(connection) as many:
        client.get("/briefings/")
    assert len(many) == len(few)


def test_the_coverage_page_needs_as_many_queries_for_many_teams_and_agents_as_for_one(
    cast, team, login
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from people.models import Team

    from ..factories import make_agent

    def count(briefing):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/briefings/{briefing.pk}/").status_code == 200
        return len(ctx.captured_queries)

    client = login(cast["hr"])
    few = count(publish([team]))
    teams = [Team.objects.create(name=f"Team {n:02}") for n in range(30)]
    for other in teams:
        make_agent(other)
        make_agent(other)
    assert count(publish([team, *teams])) == few
