import pytest
from playwright.sync_api import expect

from feedback.models import CoachingNote
from people.periods import Quarter

pytestmark = pytest.mark.e2e


def test_the_lead_logs_and_delivers_feedback_and_the_agent_acknowledges_it(
    demo, sign_in, sign_out, live_server, page, t, t_pattern
):
    sign_in("lead@demo.example")
    page.get_by_role("link", name=t("Feedback"), exact=True).click()
    page.get_by_role("link", name=t("Log an observation")).click()
    page.get_by_label(t("Agent")).select_option(label="Jonas Weber")
    page.get_by_label(t("Praise"), exact=True).check()
    page.locator("#id_situation").fill("Kept calm while a customer shouted about a wrong bill.")
    page.get_by_label(t("Its effect")).fill("The customer apologised and stayed.")
    page.get_by_label(t("What to keep or change")).fill("Keep naming the next step.")
    page.get_by_role("button", name=t("Save")).click()
    expect(
        page.get_by_text(t_pattern("The note was saved. Feedback is due by %(due)s."))
    ).to_be_visible()
    expect(page.get_by_text(t("private"), exact=True)).to_be_visible()

    page.get_by_role("link", name=t("Record feedback given")).click()
    page.get_by_label(t("In person")).check()
    page.get_by_role("button", name=t("Save")).click()
    expect(
        page.get_by_text(t("The feedback is recorded as given and shared with the agent."))
    ).to_be_visible()
    sign_out()

    sign_in("agent@demo.example")
    note = page.locator("li").filter(has_text="Kept calm while a customer shouted")
    note.get_by_role("link").first.click()
    page.get_by_label(t("Your comment (optional)")).fill("Thanks, that helps!")
    page.get_by_role("button", name=t("I have read this feedback")).click()
    page.get_by_role("dialog").get_by_role("button", name=t("Confirm reading")).click()
    expect(
        page.get_by_text(t("Thank you. Your lead sees that you have read the feedback."))
    ).to_be_visible()
    saved = CoachingNote.objects.get(situation__startswith="Kept calm while a customer shouted")
    assert saved.acknowledged_at is not None and saved.agent_comment == "Thanks, that helps!"


def test_a_review_goes_from_draft_to_acknowledged(demo, sign_in, sign_out, live_server, page, t):
    quarter = Quarter.current().display
    sign_in("lead@demo.example")
    page.goto(f"{live_server.url}/dashboard/")
    page.get_by_role("heading", name="Privatkunden Telefon").get_by_role("link").click()
    page.get_by_role("link", name="Jonas Weber").click()
    page.get_by_role("button", name=t("Start the %(quarter)s review", quarter=quarter)).click()
    page.get_by_label(t("Summary")).fill("A strong quarter: calmer with escalations.")
    page.get_by_label(t("Strengths")).fill("Patience, product knowledge.")
    page.locator("#id_areas-0-text").fill("Document every call in the CRM")
    page.get_by_role("button", name=t("Save")).click()
    expect(page.get_by_text(t("The review was saved."))).to_be_visible()
    page.get_by_role("button", name=t("Ask for a self-assessment")).click()
    page.get_by_role("dialog").get_by_role("button", name=t("Send the request")).click()
    expect(
        page.get_by_text(t("%(agent)s was asked for a self-assessment.", agent="Jonas Weber"))
    ).to_be_visible()
    page.get_by_role("button", name=t("Share with the agent")).click()
    page.get_by_role("dialog").get_by_role("button", name=t("Share the review")).click()
    expect(
        page.get_by_text(t("The review is shared with %(agent)s.", agent="Jonas Weber"))
    ).to_be_visible()
    sign_out()

    sign_in("agent@demo.example")
    page.locator("#for-you li").filter(
        has_text=t("Quarterly review %(quarter)s", quarter=quarter)
    ).get_by_role("link", name=t("Read and acknowledge")).click()
    expect(page.get_by_text("A strong quarter: calmer with escalations.")).to_be_visible()
    page.get_by_label(t("Your comment (optional)")).fill("Agreed, CRM is my next goal.")
    page.get_by_role("button", name=t("I have read and discussed this review")).click()
    page.get_by_role("dialog").get_by_role("button", name=t("Acknowledge the review")).click()
    expect(page.get_by_text(t("Thank you. The review is acknowledged."))).to_be_visible()
    expect(page.get_by_text(t("Acknowledged"), exact=True).first).to_be_visible()
