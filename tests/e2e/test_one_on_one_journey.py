"""The one-on-one journey, in German and English: the demo lead and agent prepare a meeting from both
sides, one point comes from an undelivered coaching note the portal suggests, an unchecked point
carries over to the next meeting, an action item is on the agent's "For you" until done, and the
lead's private note stays invisible to the agent, to HR and in the admin."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

LEAD, AGENT = "lead@demo.example", "agent@demo.example"
LEADS_SECRET = "Private: wirkt erschöpft, Spätschichten ansprechen"
POINT = {"de": "Schichtplan im Januar", "en": "Shift plan for January"}
AGENTS_POINT = {"de": "Weiterbildung zum Chat", "en": "Training for the chat channel"}
ITEM = {"de": "Chat-Schulung buchen", "en": "Book the chat training"}


@pytest.fixture
def undelivered_note(demo):
    """An observation the demo lead logged an hour ago and has not given feedback on yet."""
    from feedback import services as feedback_services
    from people.models import User

    return feedback_services.note_create(
        author=User.objects.get(email=LEAD),
        agent=User.objects.get(email=AGENT),
        observed_at=timezone.now() - datetime.timedelta(hours=1),
        channel="phone",
        kind="improvement",
        situation="Interrupted the customer twice",
    )


def open_next_one_on_one(page, live_server, with_name):
    page.goto(f"{live_server.url}/one-on-ones/")
    page.locator("#upcoming").get_by_role("link").filter(has_text=with_name).first.click()


def test_lead_and_agent_prepare_carry_over_and_keep_private_notes_private(
    undelivered_note, sign_in, sign_out, live_server, page, lang, t
):
    due = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    sign_in(LEAD)
    open_next_one_on_one(page, live_server, "Jonas Weber")
    meeting_url = page.url
    page.get_by_label(t("Add a talking point")).fill(POINT[lang])
    page.get_by_role("button", name=t("Add"), exact=True).click()
    suggestion = page.locator("#suggestions li").filter(
        has_text=t("Coaching feedback not yet given")
    )
    suggestion.first.get_by_role("button", name=t("Add to the agenda")).click()
    agenda = page.locator("#agenda .talking-point")
    expect(agenda.filter(has_text=POINT[lang])).to_have_count(1)
    expect(agenda.filter(has_text=t("Coaching feedback"))).to_have_count(1)
    expect(page.get_by_text("Interrupted the customer twice")).to_have_count(0)
    page.get_by_role("textbox", name=t("Action item")).fill(ITEM[lang])
    page.get_by_role("combobox", name=t("Owner", context="action item")).select_option(
        label="Jonas Weber"
    )
    page.locator("#id_action-due_on").fill(due)
    page.get_by_role("button", name=t("Add the action item")).click()
    expect(page.get_by_text(t("The action item was added."))).to_be_visible()
    page.get_by_role("textbox", name=t("Private note (only you ever see it)")).fill(LEADS_SECRET)
    page.get_by_role("button", name=t("Save my private note")).click()
    expect(
        page.get_by_text(t("Your private note was saved. Only you can read it."))
    ).to_be_visible()
    sign_out()

    sign_in(AGENT)
    waiting = page.locator("#for-you li").filter(has_text=ITEM[lang])
    expect(waiting).to_have_count(1)
    waiting.get_by_role("link", name=t("Open the one-on-one")).click()
    assert page.url == meeting_url
    expect(page.locator("#agenda .talking-point").filter(has_text=POINT[lang])).to_have_count(1)
    expect(page.get_by_text(LEADS_SECRET)).to_have_count(0)
    page.get_by_label(t("Add a talking point")).fill(AGENTS_POINT[lang])
    page.get_by_role("button", name=t("Add"), exact=True).click()
    page.locator("#agenda .talking-point").filter(has_text=POINT[lang]).get_by_role(
        "button", name=t("Talked about")
    ).click()
    page.get_by_role("button", name=t("Finish the one-on-one")).click()
    page.get_by_role("dialog").get_by_role("button", name=t("Finish the one-on-one")).click()
    expect(
        page.get_by_text(t("The one-on-one is finished; open points moved to the next one."))
    ).to_be_visible()
    page.get_by_role("link", name=t("next one-on-one")).click()
    carried = page.locator("#agenda .talking-point").filter(has_text=AGENTS_POINT[lang])
    expect(carried).to_have_count(1)
    expect(carried.locator(".carried")).to_have_text(
        t("carried over once", plural="carried over %(counter)s times", count=1)
    )
    expect(page.locator("#agenda .talking-point").filter(has_text=POINT[lang])).to_have_count(
        0
    )  # talked about: it stays with the finished meeting
    page.goto(meeting_url)
    page.locator("#action-items .action-item").filter(has_text=ITEM[lang]).get_by_role(
        "button", name=t("Done")
    ).click()
    expect(page.get_by_text(t("The action item is done."))).to_be_visible()
    page.goto(f"{live_server.url}/me/")
    expect(page.locator("#for-you li").filter(has_text=ITEM[lang])).to_have_count(0)
    sign_out()

    sign_in("hr@demo.example")
    response = page.goto(meeting_url)
    assert response.status == 404
    expect(page.get_by_text(LEADS_SECRET)).to_have_count(0)
    sign_out()

    sign_in("admin@demo.example")
    meeting_id = meeting_url.rstrip("/").rsplit("/", 1)[-1]
    for url in (
        "/admin/one_on_ones/meeting/",
        f"/admin/one_on_ones/meeting/{meeting_id}/change/",
    ):
        response = page.goto(f"{live_server.url}{url}")
        assert response.status == 200, url
        expect(page.get_by_text(LEADS_SECRET)).to_have_count(0)
    assert page.goto(f"{live_server.url}/admin/one_on_ones/privatenote/").status == 404
