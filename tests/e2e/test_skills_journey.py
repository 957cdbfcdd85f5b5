import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from core.i18n import in_language
from skills.models import Skill

pytestmark = pytest.mark.e2e


def _skill(english_name, lang):
    from django.utils import translation

    skill = Skill.objects.get(name_en=english_name)
    with translation.override(lang):
        return in_language(skill, "name")


def _first_gap_without_a_goal(email):
    """The demo agent's first skill below target that has no goal yet: the data decides, not the test."""
    from people.models import User
    from skills.selectors import skill_profile

    row = next(r for r in skill_profile(User.objects.get(email=email)) if r.gap and not r.has_goal)
    return row.skill.name_en, row.target


def test_the_lead_turns_a_gap_into_a_goal_and_the_agent_sees_it(
    demo, sign_in, sign_out, live_server, page, lang, t
):
    gap_name, target = _first_gap_without_a_goal("agent@demo.example")
    gap = _skill(gap_name, lang)
    sign_in("lead@demo.example")
    page.get_by_role("heading", name="Privatkunden Telefon").get_by_role("link").click()
    page.get_by_role("link", name=t("Skills matrix")).click()
    expect(page.get_by_role("heading", name="Privatkunden Telefon")).to_be_visible()
    page.get_by_role("link", name="Jonas Weber").click()

    # A skill below target: one click opens a goal form with a title, the skill and the level.
    row = page.get_by_role("row").filter(has_text=gap)
    row.get_by_role("link", name=t("Make a goal")).click()
    assert page.get_by_label(t("Target level (optional)")).input_value() == str(target)
    assert page.locator("#id_title").input_value() == t(
        "Reach level %(level)s in %(skill)s", level=target, skill=gap
    )
    page.locator("#id_title").fill("Calm angry callers without handing over")
    page.get_by_label(t("How success is measured")).fill("No more than one hand-over a week")
    due = (timezone.localdate() + datetime.timedelta(days=45)).isoformat()
    page.get_by_label(t("Due date")).fill(due)
    page.get_by_role("button", name=t("Save")).click()
    expect(page.get_by_text(t("The goal was added to the development plan."))).to_be_visible()
    # Once the goal exists, the gap offers no second one.
    expect(
        page.get_by_role("row").filter(has_text=gap).get_by_role("link", name=t("Make a goal"))
    ).to_have_count(0)
    sign_out()

    sign_in("agent@demo.example")
    expect(page).to_have_url(f"{live_server.url}/me/")
    # The goal's own entry in the plan; the objectives section (loaded by htmx) names it too.
    goal = page.locator("li[id^=goal-]").filter(has_text="Calm angry callers without handing over")
    expect(goal).to_be_visible()
    expect(goal.get_by_text(f"{gap} → {target}")).to_be_visible()


def test_an_agent_rates_themselves_and_proposes_a_goal(demo, sign_in, page, lang, t):
    sign_in("agent@demo.example")
    page.get_by_role("link", name=t("Rate myself")).click()
    page.get_by_label(_skill("Chat handling", lang)).select_option("3")
    page.get_by_role("button", name=t("Save")).click()
    expect(page.get_by_text(t("The skill profile was saved."))).to_be_visible()
    page.get_by_role("link", name=t("Propose a goal")).click()
    page.locator("#id_title").fill("Learn the chat channel")
    page.get_by_role("button", name=t("Save")).click()
    expect(
        page.get_by_text(t("Your goal was proposed. Your team lead will accept or adjust it."))
    ).to_be_visible()
    proposed = page.locator("li[id^=goal-]").filter(has_text="Learn the chat channel")
    expect(proposed.get_by_text(t("Proposed by the agent"), exact=True)).to_be_visible()
    expect(
        proposed.get_by_text(t("Proposed by the agent; waiting for the lead's decision"))
    ).to_be_visible()
