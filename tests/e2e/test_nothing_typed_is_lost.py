"""Nothing typed is lost: a warning before the idle timeout, drafts kept while typing, and a save that
met an ended session comes back filled in after signing in."""

import re

import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from feedback.models import CoachingNote
from security.middleware import LAST_SEEN_AT

pytestmark = pytest.mark.e2e

SITUATION = "Explained the refund twice, calmly, and checked the customer understood."


def end_every_session_by_idling():
    """What 31 quiet minutes do: the server's last-seen time lies beyond the idle timeout."""
    for stored in Session.objects.all():
        data = stored.get_decoded()
        data[LAST_SEEN_AT] = data.get(LAST_SEEN_AT, 0) - 31 * 60
        stored.session_data = Session.objects.encode(data)
        stored.save()


def test_a_warning_comes_before_the_idle_timeout_and_the_keyboard_keeps_the_session(
    demo, sign_in, live_server, page, t
):
    sign_in("lead@demo.example")
    page.clock.install()
    page.goto(f"{live_server.url}/feedback/new/")
    page.locator("#id_situation").fill("Half a sentence")
    dialog = page.locator("#session-dialog")
    page.clock.fast_forward("20:00")
    expect(dialog).to_be_hidden()
    page.clock.fast_forward("05:00")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("heading")).to_have_text(t("Are you still there?"))
    expect(dialog.get_by_role("button", name=t("Stay signed in"))).to_be_focused()
    expect(dialog.locator("#session-ends-at")).to_have_text(re.compile(r"\d{1,2}:\d{2}"))
    with page.expect_response(lambda r: r.url.endswith("/accounts/session/keepalive/")) as kept:
        page.keyboard.press("Enter")
    assert kept.value.status == 200
    expect(dialog).to_be_hidden()
    expect(page.locator("#id_situation")).to_be_focused()  # back where the typing was


def test_a_save_after_the_session_ended_comes_back_filled_in_after_signing_in(
    demo, sign_in, live_server, page, t
):
    sign_in("lead@demo.example")
    page.goto(f"{live_server.url}/feedback/new/")
    page.get_by_label(t("Agent")).select_option(label="Jonas Weber")
    page.get_by_label(t("Praise"), exact=True).check()
    page.locator("#id_situation").fill(SITUATION)
    page.get_by_label(t("Its effect")).fill("The customer stayed.")

    # Leaving the page and coming back offers the kept text.
    page.goto(f"{live_server.url}/dashboard/")
    page.goto(f"{live_server.url}/feedback/new/")
    expect(page.locator("#id_situation")).to_have_value("")
    page.get_by_role("button", name=t("Restore it")).click()
    expect(page.locator("#id_situation")).to_have_value(SITUATION)

    end_every_session_by_idling()
    page.get_by_role("button", name=t("Save")).click()
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/feedback/new/"))
    expect(page.locator(".draft-kept")).to_have_text(
        t("What you typed is kept in this browser. Sign in again and it will be back in the form.")
    )
    assert not CoachingNote.objects.filter(situation=SITUATION).exists()

    page.get_by_label(t("E-mail address")).fill("lead@demo.example")
    page.get_by_label(t("Password")).fill("demo1234")
    page.get_by_role("button", name=t("Sign in")).click()
    expect(page).to_have_url(re.compile(r"/feedback/new/$"))
    expect(page.locator(".draft-notice")).to_have_text(
        t("Your text was kept while you signed in again. Check it and save.")
    )
    expect(page.locator("#id_situation")).to_have_value(SITUATION)
    expect(page.get_by_label(t("Its effect"))).to_have_value("The customer stayed.")
    expect(page.get_by_label(t("Praise"), exact=True)).to_be_checked()

    page.get_by_role("button", name=t("Save")).click()
    expect(page).to_have_url(re.compile(r"/feedback/notes/\d+/$"))
    assert CoachingNote.objects.filter(situation=SITUATION).count() == 1
    kept = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('portal.draft.'))")
    assert kept == []  # saved: the draft is gone
