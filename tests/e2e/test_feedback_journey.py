import pytest
from playwright.sync_api import expect

from feedback.models import CoachingNote
from reviews.models import Review

pytestmark = pytest.mark.e2e


def sign_out(page):
    page.locator("#nav-main .dropdown-toggle").click()
    page.get_by_role("button", name="Sign out").click()


def test_the_lead_logs_and_delivers_feedback_and_the_agent_acknowledges_it(demo, sign_in, live_server, page):
    sign_in("lead@demo.example")
    page.get_by_role("link", name="Feedback", exact=True).click()
    page.get_by_role("link", name="Log an observation").click()
    page.get_by_label("Agent").select_option(label="Jonas Weber")
    page.get_by_label("Praise").check()
    page.locator("#id_situation").fill("Kept calm while a customer shouted about a wrong bill.")
    page.get_by_label("Its effect").fill("The customer apologised and stayed.")
    page.get_by_label("What to keep or change").fill("Keep naming the next step.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The note was saved. Feedback is due by")).to_be_visible()
    expect(page.get_by_text("private")).to_be_visible()

    page.get_by_role("link", name="Record feedback given").click()
    page.get_by_label("In person").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The feedback is recorded as given and shared with the agent.")).to_be_visible()
    sign_out(page)

    sign_in("agent@demo.example")
    note = page.locator("li").filter(has_text="Kept calm while a customer shouted")
    note.get_by_role("link").first.click()
    page.get_by_label("Your comment (optional)").fill("Thanks, that helps!")
    page.get_by_role("button", name="I have read this feedback").click()
    expect(page.get_by_text("Your lead sees that you have read the feedback.")).to_be_visible()
    saved = CoachingNote.objects.get(situation__startswith="Kept calm while a customer shouted")
    assert saved.acknowledged_at is not None and saved.agent_comment == "Thanks, that helps!"


def test_a_review_goes_from_draft_to_acknowledged(demo, sign_in, live_server, page):
    sign_in("lead@demo.example")
    page.goto(f"{live_server.url}/dashboard/")
    page.get_by_role("heading", name="Privatkunden Telefon").get_by_role("link").click()
    page.get_by_role("link", name="Jonas Weber").click()
    page.get_by_role("button", name="Start the").click()
    page.get_by_label("Summary").fill("A strong quarter: calmer with escalations.")
    page.get_by_label("Strengths").fill("Patience, product knowledge.")
    page.locator("#id_areas-0-text").fill("Document every call in the CRM")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The review was saved.")).to_be_visible()
    page.get_by_role("button", name="Ask for a self-assessment").click()
    page.get_by_role("dialog").get_by_role("button", name="Send the request").click()
    expect(page.get_by_text("was asked for a self-assessment")).to_be_visible()
    page.get_by_role("button", name="Share with the agent").click()
    page.get_by_role("dialog").get_by_role("button", name="Share the review").click()
    expect(page.get_by_text("The review is shared with Jonas Weber.")).to_be_visible()
    sign_out(page)

    sign_in("agent@demo.example")
    page.get_by_role("link", name=Review.objects.get(agent__email="agent@demo.example",
                                                     status="shared").cycle.label).click()
    expect(page.get_by_text("A strong quarter: calmer with escalations.")).to_be_visible()
    page.get_by_label("Your comment (optional)").fill("Agreed, CRM is my next goal.")
    page.get_by_role("button", name="I have read and discussed this review").click()
    expect(page.get_by_text("Thank you. The review is acknowledged.")).to_be_visible()
    expect(page.get_by_text("Acknowledged", exact=True).first).to_be_visible()
