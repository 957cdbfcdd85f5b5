import pytest

from ..skills.factories import SkillFactory
from .factories import make_qa_specialist, make_scorecard


@pytest.fixture
def specialist(team):
    return make_qa_specialist(
        team, email="qa@example.test", first_name="Quinn", last_name="Specialist"
    )


@pytest.fixture
def skill(db):
    return SkillFactory(name_en="Explaining", name_de="Erklären")


@pytest.fixture
def chat_card(hr, skill):
    return make_scorecard(hr, skill=skill)
