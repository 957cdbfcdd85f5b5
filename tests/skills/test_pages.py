import datetime

import pytest
from django.utils import timezone

from skills.models import CareerWish, RatingSource, SkillRating, TargetLevel

from .factories import SkillFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def skill(db):
    return SkillFactory(name_en="De-escalation")


@pytest.mark.parametrize(
    "role,status",
    [
        ("agent", 200),
        ("lead", 200),
        ("colleague", 404),
        ("other_lead", 404),
        ("hr", 404),
        ("admin", 404),
    ],
)
def test_the_rating_page_is_for_the_agent_and_their_lead(cast, skill, login, role, status):
    assert login(cast[role]).get(f"/agents/{cast['agent'].pk}/skills/rate/").status_code == status


def test_an_agent_rates_themselves(cast, skill, login):
    response = login(cast["agent"]).post(
        f"/agents/{cast['agent'].pk}/skills/rate/", {f"level_{skill.pk}": "3"}
    )
    assert response.status_code == 302
    rating = SkillRating.objects.get()
    assert (rating.level, rating.source, rating.rated_by) == (3, RatingSource.SELF, cast["agent"])


def test_the_lead_rates_and_sets_targets(cast, skill, login):
    response = login(cast["lead"]).post(
        f"/agents/{cast['agent'].pk}/skills/rate/",
        {f"level_{skill.pk}": "2", f"target_{skill.pk}": "4", "note": "After the call review"},
    )
    assert response.status_code == 302
    rating = SkillRating.objects.get()
    assert (rating.level, rating.source, rating.note) == (
        2,
        RatingSource.LEAD,
        "After the call review",
    )
    assert TargetLevel.objects.get().level == 4


def test_a_level_outside_one_to_five_gives_a_form_error_and_saves_nothing(cast, skill, login):
    response = login(cast["lead"]).post(
        f"/agents/{cast['agent'].pk}/skills/rate/",
        {f"level_{skill.pk}": "7", f"target_{skill.pk}": "4"},
    )
    assert response.status_code == 200
    assert "A level must be between 1 and 5." in response.content.decode()
    assert not SkillRating.objects.exists() and not TargetLevel.objects.exists()


def test_an_agent_cannot_set_targets(cast, skill, login):
    login(cast["agent"]).post(
        f"/agents/{cast['agent'].pk}/skills/rate/", {f"target_{skill.pk}": "5"}
    )
    assert not TargetLevel.objects.exists()


def test_the_rating_page_refuses_other_methods(cast, skill, login):
    assert login(cast["lead"]).put(f"/agents/{cast['agent'].pk}/skills/rate/").status_code == 405


def test_the_growth_plan_shows_skills_against_targets(cast, skill, login):
    login(cast["lead"]).post(
        f"/agents/{cast['agent'].pk}/skills/rate/",
        {f"level_{skill.pk}": "2", f"target_{skill.pk}": "4"},
    )
    body = login(cast["agent"]).get("/me/").content.decode()
    assert "Skills against targets" in body
    assert "De-escalation" in body
    assert "level 2, target 4" in body  # the chart's text alternative


def test_the_lead_gets_a_make_a_goal_link_for_each_gap(cast, skill, login):
    login(cast["lead"]).post(
        f"/agents/{cast['agent'].pk}/skills/rate/",
        {f"level_{skill.pk}": "2", f"target_{skill.pk}": "4"},
    )
    body = login(cast["lead"]).get(f"/agents/{cast['agent'].pk}/").content.decode()
    assert f"/agents/{cast['agent'].pk}/goals/new/?skill={skill.pk}&amp;level=4" in body


class TestCareerWishes:
    def test_an_agent_adds_a_wish_with_a_date(self, cast, skill, login):
        response = login(cast["agent"]).post(
            "/me/career/",
            {
                "kind": "trainer",
                "details": "Train new hires",
                "by_when": (timezone.localdate() + datetime.timedelta(days=400)).isoformat(),
                "skills": [skill.pk],
            },
        )
        assert response.status_code == 302
        wish = CareerWish.objects.get()
        assert (wish.agent, wish.kind, list(wish.skills.all())) == (
            cast["agent"],
            "trainer",
            [skill],
        )

    def test_a_date_in_the_past_is_refused(self, cast, login):
        response = login(cast["agent"]).post("/me/career/", {"kind": "qa", "by_when": "2001-01-01"})
        assert response.status_code == 200
        assert (
            "2001 is too far back: the earliest date possible here is" in response.content.decode()
        )
        assert not CareerWish.objects.exists()

    def test_deleting_asks_for_confirmation_first(self, cast, login):
        wish = CareerWish.objects.create(agent=cast["agent"], kind="qa")
        client = login(cast["agent"])
        assert (
            "Do you really want to delete"
            in client.get(f"/me/career/{wish.pk}/delete/").content.decode()
        )
        assert CareerWish.objects.exists()
        client.post(f"/me/career/{wish.pk}/delete/")
        assert not CareerWish.objects.exists()

    def test_nobody_deletes_someone_elses_wish(self, cast, login):
        wish = CareerWish.objects.create(agent=cast["agent"], kind="qa")
        assert login(cast["colleague"]).post(f"/me/career/{wish.pk}/delete/").status_code == 404
        assert CareerWish.objects.exists()

    @pytest.mark.parametrize(
        "role,status",
        [
            ("agent", 200),
            ("lead", 404),
            ("hr", 404),
            ("admin", 404),
        ],
    )
    def test_only_agents_have_a_career_page(self, cast, login, role, status):
        assert login(cast[role]).get("/me/career/").status_code == status

    @pytest.mark.parametrize(
        "role,status", [("agent", 404), ("lead", 200), ("hr", 200), ("admin", 200)]
    )
    def test_the_wish_list_is_for_leads_and_hr(self, cast, login, role, status):
        assert login(cast[role]).get("/career-wishes/").status_code == status

    def test_the_wish_list_shows_who_wants_what_with_their_skill_fit(self, cast, skill, login):
        from .factories import RatingFactory

        wish = CareerWish.objects.create(agent=cast["agent"], kind="trainer")
        wish.skills.add(skill, SkillFactory())
        RatingFactory(agent=cast["agent"], skill=skill, level=4, rated_by=cast["lead"])
        CareerWish.objects.create(agent=cast["other_agent"], kind="qa")
        response = login(cast["lead"]).get("/career-wishes/")
        rows = response.context["rows"]
        assert [(r.wish.agent, r.fit) for r in rows] == [(cast["agent"], 50)]
        assert {r.wish.agent for r in login(cast["hr"]).get("/career-wishes/").context["rows"]} == {
            cast["agent"],
            cast["other_agent"],
        }
