"""The contracts between apps (core/contracts.py) fail early: at construction, or here."""

from importlib import import_module

import pytest
import time_machine
from django.template.loader import get_template

from core.contracts import SIDE, ForYouItem, Section
from people import access
from portal import sections

from ..authorization_world import NOW, build_world


def test_a_section_in_a_column_that_does_not_exist_is_refused():
    with pytest.raises(ValueError, match="column"):
        Section(template="skills/_agent_skills.html", column="middle")


def test_a_misspelt_section_field_is_refused():
    with pytest.raises(TypeError):
        Section(template="skills/_agent_skills.html", colum=SIDE)


def test_a_section_takes_keywords_only():
    with pytest.raises(TypeError):
        Section("skills/_agent_skills.html")


def test_a_for_you_item_needs_somewhere_to_act():
    with pytest.raises(ValueError, match="URL"):
        ForYouItem(kind="feedback", label="x", title="y", when=None, url="", action="z")


def test_a_provider_that_returns_anything_but_a_section_fails_where_it_is_collected(
    monkeypatch,
):
    module = import_module("plans.sections")
    monkeypatch.setattr(sections, "SECTION_MODULES", ["plans.sections"])
    monkeypatch.setattr(
        module, "hr_overview", lambda viewer: [{"template": "x.html"}], raising=False
    )
    with pytest.raises(TypeError, match="not a Section"):
        sections.collect("hr_overview", None)


@pytest.mark.django_db
def test_every_provider_returns_sections_whose_templates_exist():
    """Every app's providers, asked for every user of the matrix's world, return typed sections and
    items, and every section's template is found."""
    seen_templates, seen_items = set(), []
    with time_machine.travel(NOW, tick=False):
        world = build_world()
        for user in world.users.values():
            agents = access.agents_visible_to(user)
            for agent in agents:
                collected = sections.collect(
                    "agent_page", user, agent, access.rights_over(user, agent)
                )
                seen_templates |= {s.template for s in collected}
                if user.pk == agent.pk:
                    seen_items += sections.for_you(agent, collected)
            teams = list(access.teams_visible_to(user))
            seen_templates |= {s.template for s in sections.collect("lead_dashboard", user, teams)}
            seen_templates |= {s.template for s in sections.collect("hr_overview", user)}
    for template in seen_templates:
        get_template(template)  # raises TemplateDoesNotExist
    assert {s.split("/")[0] for s in seen_templates} >= {
        "skills",
        "plans",
        "training",
        "kpis",
        "feedback",
        "reviews",
        "reports",
        "briefings",
    }
    assert seen_items, "the world's owner has things waiting for them"
    assert all(isinstance(item, ForYouItem) for item in seen_items)
