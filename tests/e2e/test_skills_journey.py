import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_the_lead_turns_a_gap_into_a_goal_and_the_agent_sees_it(demo, sign_in, live_server, page):
    sign_in("lead@demo.example")
    page.get_by_role("heading", name="Privatkunden Telefon").get_by_role("link").click()
    page.get_by_role("link", name="Skills matrix").click()
    expect(page.get_by_role("heading", name="Skills matrix: Privatkunden Telefon")).to_be_visible()
    page.get_by_role("link", name="Jonas Weber").click()

    # The demo agent's active listening is below target: one click opens a prefilled goal form.
    # (De-escalation is below target too, but has a goal already: no second one is offered.)
    expect(page.get_by_role("row").filter(has_text="De-escalation").get_by_role("link", name="Make a goal")).to_have_count(0)
    row = page.get_by_role("row").filter(has_text="Active listening")
    row.get_by_role("link", name="Make a goal").click()
    assert page.get_by_label("Target level (optional)").input_value() == "4"
    assert page.locator("#id_title").input_value() == "Reach level 4 in Active listening"
    page.locator("#id_title").fill("Calm angry callers without handing over")
    page.get_by_label("How success is measured").fill("No more than one hand-over a week")
    due = (timezone.localdate() + datetime.timedelta(days=45)).isoformat()
    page.get_by_label("Due date").fill(due)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The goal was added to the development plan.")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="Active listening").get_by_role("link", name="Make a goal")).to_have_count(0)

    page.get_by_role("button", name="Lena Hoffmann").click()
    page.get_by_role("button", name="Sign out").click()
    sign_in("agent@demo.example")
    expect(page).to_have_url(f"{live_server.url}/me/")
    goal = page.locator("li").filter(has_text="Calm angry callers without handing over")
    expect(goal).to_be_visible()
    expect(goal.get_by_text("Active listening → 4")).to_be_visible()


def test_an_agent_rates_themselves_and_proposes_a_goal(demo, sign_in, page):
    sign_in("agent@demo.example")
    page.get_by_role("link", name="Rate myself").click()
    page.get_by_label("Chat handling").select_option("3")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The skill profile was saved.")).to_be_visible()
    page.get_by_role("link", name="Propose a goal").click()
    page.locator("#id_title").fill("Learn the chat channel")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your goal was proposed.")).to_be_visible()
    expect(page.get_by_text("Proposed by the agent")).to_be_visible()
