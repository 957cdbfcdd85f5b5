"""Works-council switches: what a works agreement switches off is off everywhere."""

import pytest
from django.urls import reverse
from django.utils import timezone

from kpis.models import KpiRecord
from people.periods import Quarter
from reviews import services as review_services

pytestmark = pytest.mark.django_db


def _switch(settings, **states):
    settings.WORKS_COUNCIL_FEATURES = {**settings.WORKS_COUNCIL_FEATURES, **states}


@pytest.fixture
def agent_with_kpis(agent):
    monday = timezone.localdate() - timezone.timedelta(days=timezone.localdate().weekday() + 7)
    KpiRecord.objects.create(
        agent=agent, period_start=monday, channel="phone", contacts=321, aht_seconds=333
    )
    return agent


def _kpi_section_shown(response) -> bool:
    return any(s.template == "kpis/_agent_kpis.html" for s in response.context["main_sections"])


def test_individual_kpis_are_seen_by_the_agent_and_their_lead_only(
    login, lead, hr, other_lead, agent_with_kpis
):
    agent = agent_with_kpis
    assert _kpi_section_shown(login(agent).get(reverse("me")))
    assert _kpi_section_shown(login(lead).get(reverse("agent_detail", args=[agent.pk])))
    assert not _kpi_section_shown(login(hr).get(reverse("agent_detail", args=[agent.pk])))


def test_individual_kpis_switched_off_are_gone_for_everyone(settings, login, lead, agent_with_kpis):
    _switch(settings, individual_kpis=False)
    agent = agent_with_kpis
    assert not _kpi_section_shown(login(agent).get(reverse("me")))
    assert not _kpi_section_shown(login(lead).get(reverse("agent_detail", args=[agent.pk])))


def test_a_shared_review_keeps_no_kpi_snapshot_when_individual_kpis_are_off(
    settings, lead, agent_with_kpis
):
    _switch(settings, individual_kpis=False)
    review = review_services.review_start(
        reviewer=lead, agent=agent_with_kpis, quarter=Quarter.current()
    )
    review_services.review_update(
        review=review,
        by=review.reviewer,
        summary="Fine",
        strengths="",
        held_on=timezone.localdate(),
    )
    assert (
        review_services.review_share(review=review, by=review.reviewer, confirmed=True).kpi_snapshot
        == {}
    )


def test_hr_sees_a_review_without_the_agents_key_figures(login, lead, hr, agent_with_kpis):
    review = review_services.review_start(
        reviewer=lead, agent=agent_with_kpis, quarter=Quarter.current()
    )
    review_services.review_update(
        review=review,
        by=review.reviewer,
        summary="Fine",
        strengths="",
        held_on=timezone.localdate(),
    )
    review = review_services.review_share(review=review, by=review.reviewer, confirmed=True)
    assert review.kpi_snapshot  # stored for the agent and the lead
    assert login(lead).get(reverse("reviews:detail", args=[review.pk])).context["show_kpis"] is True
    assert login(hr).get(reverse("reviews:detail", args=[review.pk])).context["show_kpis"] is False
    csv = login(hr).get(reverse("reports:reviews_csv"), {"quarter": Quarter.current().label})
    assert "333" not in b"".join(csv.streaming_content).decode("utf-8-sig")


def test_team_figures_describe_at_least_min_group_size_people_except_for_the_teams_lead(
    settings, login, lead, hr, agent_with_kpis
):
    settings.MIN_GROUP_SIZE = 5
    team = agent_with_kpis.memberships.get().team
    assert len(login(lead).get(reverse("kpis:team", args=[team.pk])).context["weeks"]) == 1
    hr_page = login(hr).get(reverse("kpis:team", args=[team.pk]))
    assert hr_page.context["weeks"] == []
    assert "not shown" in hr_page.content.decode()
    settings.MIN_GROUP_SIZE = 1
    assert len(login(hr).get(reverse("kpis:team", args=[team.pk])).context["weeks"]) == 1


def test_with_individual_kpis_off_even_the_lead_sees_only_groups_of_min_group_size(
    settings, login, lead, agent_with_kpis
):
    _switch(settings, individual_kpis=False)
    team = agent_with_kpis.memberships.get().team
    assert login(lead).get(reverse("kpis:team", args=[team.pk])).context["weeks"] == []


@pytest.mark.parametrize(
    "url_name,who",
    [
        ("feedback:upward_give", "agent"),
        ("feedback:upward_received", "lead"),
        ("feedback:upward_by_lead", "hr"),
    ],
)
def test_upward_feedback_switched_off_disappears(settings, login, cast, url_name, who):
    assert login(cast[who]).get(reverse(url_name)).status_code == 200
    _switch(settings, upward_feedback=False)
    assert login(cast[who]).get(reverse(url_name)).status_code == 404


def test_upward_feedback_switched_off_leaves_no_links(settings, login, agent, lead):
    _switch(settings, upward_feedback=False)
    assert reverse("feedback:upward_give") not in login(agent).get(reverse("me")).content.decode()
    assert (
        reverse("feedback:upward_received")
        not in login(lead).get(reverse("feedback:inbox")).content.decode()
    )


def test_upward_feedback_switched_off_is_refused_by_the_service(settings, agent, lead):
    from django.core.exceptions import ValidationError

    from feedback import services

    _switch(settings, upward_feedback=False)
    with pytest.raises(ValidationError):
        services.upward_feedback_give(
            author=agent, lead=lead, anonymous=True, clarity=3, support=3, fairness=3
        )


@pytest.fixture
def rated_agent(agent, lead):
    from skills import services as skill_services
    from tests.skills.factories import SkillFactory

    skill = SkillFactory(name_en="De-escalation")
    skill_services.ratings_record_many(
        agent=agent, levels={skill: 2}, source="self", rated_by=agent
    )
    skill_services.ratings_record_many(agent=agent, levels={skill: 4}, source="lead", rated_by=lead)
    return agent, skill


def test_lead_ratings_switched_off_no_longer_count_and_come_back_when_on(settings, rated_agent):
    from django.core.management import call_command

    from skills import selectors as skill_selectors

    agent, skill = rated_agent
    assert skill_selectors.current_levels([agent.pk])[agent.pk][skill.pk] == 4
    _switch(settings, lead_skill_ratings=False)
    call_command(
        "migrate", verbosity=0
    )  # every start and deploy migrates: the levels follow the switch
    assert skill_selectors.current_levels([agent.pk])[agent.pk][skill.pk] == 2
    profile = {row.skill.pk: row for row in skill_selectors.skill_profile(agent)}
    assert profile[skill.pk].lead_level is None and profile[skill.pk].current == 2
    _switch(settings, lead_skill_ratings=True)
    call_command("migrate", verbosity=0)
    assert skill_selectors.current_levels([agent.pk])[agent.pk][skill.pk] == 4


def test_a_lead_cannot_rate_while_lead_ratings_are_off_but_still_sets_targets(
    settings, login, lead, rated_agent
):
    from skills.models import SkillRating, TargetLevel

    agent, skill = rated_agent
    _switch(settings, lead_skill_ratings=False)
    page = login(lead).get(reverse("skills:rate", args=[agent.pk]))
    assert f"level_{skill.pk}" not in page.context["form"].fields
    login(lead).post(
        reverse("skills:rate", args=[agent.pk]),
        {f"target_{skill.pk}": "5", f"level_{skill.pk}": "1"},
    )
    assert TargetLevel.objects.get(agent=agent, skill=skill).level == 5
    assert not SkillRating.objects.filter(agent=agent, source="lead", level=1).exists()


def test_the_service_refuses_lead_ratings_while_they_are_off(settings, rated_agent, lead):
    from django.core.exceptions import ValidationError

    from skills import services as skill_services

    agent, skill = rated_agent
    _switch(settings, lead_skill_ratings=False)
    with pytest.raises(ValidationError):
        skill_services.ratings_record_many(
            agent=agent, levels={skill: 5}, source="lead", rated_by=lead
        )


def test_timeliness_per_lead_switched_off_disappears_from_hr_and_the_inbox(
    settings, login, hr, lead
):
    assert login(lead).get(reverse("feedback:inbox")).context["show_timeliness"] is True
    _switch(settings, lead_timeliness=False)
    inbox = login(lead).get(reverse("feedback:inbox"))
    assert (
        inbox.context["show_timeliness"] is False
        and "timeliness-chart" not in inbox.content.decode()
    )
    overview = login(hr).get(reverse("hr_overview")).content.decode()
    assert "Feedback timeliness per lead" not in overview


def test_one_anonymity_threshold_moves_upward_feedback_team_figures_and_the_works_council_page(
    settings, login, cast, team, lead, hr, agent_with_kpis
):
    """MIN_GROUP_SIZE is the one threshold: anonymous upward figures, a team's weekly figures for
    anyone but its lead and the works-council page all follow when it changes."""
    import time_machine

    from feedback import selectors as feedback_selectors
    from feedback import services as feedback_services

    from ..factories import make_agent

    colleagues = [agent_with_kpis] + [
        make_agent(team, first_name=f"Colleague{n}") for n in range(2)
    ]
    with time_machine.travel("2026-05-12 10:00 +02:00", tick=False):
        for colleague in colleagues:
            feedback_services.upward_feedback_give(
                author=colleague, lead=lead, anonymous=True, clarity=4, support=4, fairness=4
            )
    q2 = Quarter(2026, 2)
    team_page = reverse("kpis:team", args=[team.pk])
    with time_machine.travel("2026-07-02 10:00 +02:00", tick=False):
        settings.MIN_GROUP_SIZE = 3
        assert feedback_selectors.upward_figures(lead, q2).count == 3
        received = login(lead).get(reverse("feedback:upward_received")).content.decode()
        assert "from 3 answers on" in received
        page = login(hr).get(reverse("privacy:works_council"))
        assert page.context["min_group_size"] == 3
        assert "from 3 answers on" in page.content.decode()

        settings.MIN_GROUP_SIZE = 4
        assert feedback_selectors.upward_figures(lead, q2) is None
        assert login(lead).get(reverse("feedback:upward_received")).context["minimum"] == 4
        leads = type(lead).objects.filter(pk=lead.pk)
        by_lead = {row[0]: row[1] for row in feedback_selectors.upward_by_lead(leads, q2)}
        assert by_lead[lead] is None
        page = login(hr).get(reverse("privacy:works_council"))
        assert page.context["min_group_size"] == 4
        assert "from 4 answers on" in page.content.decode()
        assert "from 4 people on" in page.content.decode()
    # the team figures of the week with key figures: one agent has them, so HR needs a threshold of 1
    settings.MIN_GROUP_SIZE = 2
    assert login(hr).get(team_page).context["weeks"] == []
    settings.MIN_GROUP_SIZE = 1
    assert len(login(hr).get(team_page).context["weeks"]) == 1
