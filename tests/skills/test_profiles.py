import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from skills import selectors, services
from skills.models import RatingSource, SkillRating

from .factories import RatingFactory, SkillFactory, TargetFactory

pytestmark = pytest.mark.django_db


def test_ratings_are_appended_and_the_profile_shows_the_latest(agent, lead):
    skill = SkillFactory()
    with time_machine.travel("2026-01-10 09:00 +01:00"):
        services.rating_record(
            agent=agent, skill=skill, level=2, source=RatingSource.LEAD, rated_by=lead
        )
    with time_machine.travel("2026-04-10 09:00 +02:00"):
        services.rating_record(
            agent=agent, skill=skill, level=3, source=RatingSource.LEAD, rated_by=lead
        )
    assert SkillRating.objects.filter(agent=agent, skill=skill).count() == 2
    row = next(r for r in selectors.skill_profile(agent) if r.skill == skill)
    assert row.lead_level == 3
    assert [level for _, level, _ in row.history] == [2, 3]


def test_the_profile_shows_self_and_lead_side_by_side_with_the_gap(agent, lead):
    skill = SkillFactory()
    services.rating_record(
        agent=agent, skill=skill, level=4, source=RatingSource.SELF, rated_by=agent
    )
    services.rating_record(
        agent=agent, skill=skill, level=2, source=RatingSource.LEAD, rated_by=lead
    )
    services.target_set(agent=agent, skill=skill, level=4, set_by=lead)
    row = next(r for r in selectors.skill_profile(agent) if r.skill == skill)
    assert (row.self_level, row.lead_level, row.current, row.target, row.gap) == (4, 2, 2, 4, 2)


def test_the_current_level_falls_back_to_the_self_rating(agent):
    skill = SkillFactory()
    services.rating_record(
        agent=agent, skill=skill, level=3, source=RatingSource.SELF, rated_by=agent
    )
    assert selectors.current_levels([agent.pk])[agent.pk] == {skill.pk: 3}


@pytest.mark.parametrize("level", [0, 6, None])
def test_levels_outside_one_to_five_are_refused(agent, lead, level):
    with pytest.raises(ValidationError):
        services.rating_record(
            agent=agent, skill=SkillFactory(), level=level, source=RatingSource.LEAD, rated_by=lead
        )
    assert not SkillRating.objects.exists()


def test_the_database_refuses_a_level_outside_one_to_five(agent, lead):
    with pytest.raises(IntegrityError):
        SkillRating.objects.create(
            agent=agent, skill=SkillFactory(), level=7, source="lead", rated_by=lead
        )


def test_rating_changes_lists_the_ratings_of_a_period(agent, lead):
    skill = SkillFactory()
    inside = RatingFactory(
        agent=agent,
        skill=skill,
        rated_by=lead,
        rated_at=timezone.make_aware(datetime.datetime(2026, 8, 1, 12)),
    )
    RatingFactory(
        agent=agent,
        skill=skill,
        rated_by=lead,
        rated_at=timezone.make_aware(datetime.datetime(2026, 5, 1)),
    )
    start = timezone.make_aware(datetime.datetime(2026, 7, 1))
    end = timezone.make_aware(datetime.datetime(2026, 10, 1))
    assert selectors.rating_changes(agent, start, end) == [inside]


def test_saving_the_same_levels_again_adds_no_rating(agent, lead):
    skill = SkillFactory()
    services.ratings_record_many(
        agent=agent, levels={skill: 3}, source=RatingSource.LEAD, rated_by=lead
    )
    services.ratings_record_many(
        agent=agent, levels={skill: 3}, source=RatingSource.LEAD, rated_by=lead
    )
    assert SkillRating.objects.count() == 1


def test_clearing_a_target_removes_it(agent, lead):
    target = TargetFactory(agent=agent, set_by=lead)
    services.target_set(agent=agent, skill=target.skill, level=None, set_by=lead)
    assert selectors.targets([agent.pk])[agent.pk] == {}


def test_the_catalogue_loads_ten_categories_in_two_languages_and_twice_is_harmless():
    from django.utils import translation

    from skills.models import Skill, SkillCategory, SkillLevel

    assert services.catalogue_load() == 20
    assert services.catalogue_load() == 0
    assert SkillCategory.objects.count() == 10
    assert SkillLevel.objects.count() == 100
    skill = Skill.objects.get(code="de-escalation")
    with translation.override("de"):
        assert skill.name == "Deeskalation"
        assert skill.levels.get(level=1).description.startswith("Nimmt Ärger")
    with translation.override("en"):
        assert skill.name == "De-escalation"
