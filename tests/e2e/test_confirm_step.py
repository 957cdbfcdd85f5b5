"""The confirm step in a real browser: a dialog with JavaScript, a page without; going back changes nothing."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from feedback.models import CoachingNote
from feedback.window import feedback_due_at
from people.models import User

pytestmark = pytest.mark.e2e

TITLE = {"en": "Share this note with Jonas Weber?", "de": "Diese Notiz mit Jonas Weber teilen?"}
CONFIRM = {"en": "Share the note", "de": "Notiz teilen"}


def private_note():
    lead, agent = (
        User.objects.get(email="lead@demo.example"),
        User.objects.get(email="agent@demo.example"),
    )
    now = timezone.now()
    return CoachingNote.objects.create(
        author=lead,
        agent=agent,
        observed_at=now,
        feedback_due_at=feedback_due_at(now),
        situation="Summarised the caller's three questions before answering.",
    )


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_dialog_asks_first_and_going_back_changes_nothing(
    demo, sign_in, live_server, page, language
):
    note = private_note()
    sign_in("lead@demo.example", language=language)
    page.goto(f"{live_server.url}{note.get_absolute_url()}")
    share = page.locator(f"form[action='/feedback/notes/{note.pk}/share/'] button")
    share.click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("heading")).to_have_text(TITLE[language])
    assert page.evaluate(
        "document.getElementById('confirm-dialog').contains(document.activeElement)"
    )
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(share).to_be_focused()
    assert not CoachingNote.objects.get(pk=note.pk).is_shared

    share.click()
    dialog.get_by_role("button", name=CONFIRM[language]).click()
    expect(page.locator(f"form[action='/feedback/notes/{note.pk}/share/']")).to_have_count(0)
    assert CoachingNote.objects.get(pk=note.pk).is_shared


@pytest.mark.parametrize("language", ["de", "en"])
def test_without_javascript_the_confirm_step_is_a_page(demo, live_server, browser, language):
    note = private_note()
    User.objects.filter(email="lead@demo.example").update(preferred_language=language)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_username").fill("lead@demo.example")
    page.locator("#id_password").fill("demo1234")
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{live_server.url}{note.get_absolute_url()}")
    page.locator(f"form[action='/feedback/notes/{note.pk}/share/'] button").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE[language])
    assert not CoachingNote.objects.get(pk=note.pk).is_shared
    page.get_by_role("button", name=CONFIRM[language]).click()
    assert CoachingNote.objects.get(pk=note.pk).is_shared
    context.close()
