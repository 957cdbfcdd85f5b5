"""An agent downloads a copy of their data, sees who opened their records and adds a statement; in German and English."""

import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect

from feedback.models import CoachingNote
from people.models import User
from privacy.models import Statement

pytestmark = pytest.mark.e2e

LANGUAGES = ["de", "en"]


def t(language, text):
    with translation.override(language):
        return translation.gettext(text)


def open_user_menu(page):
    page.locator("#nav-main .dropdown-toggle").last.click()


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_agent_downloads_their_data_and_sees_who_opened_it(
    demo, sign_in, live_server, page, language
):
    sign_in("lead@demo.example", language=language)
    agent = User.objects.get(email="agent@demo.example")
    page.goto(f"{live_server.url}/agents/{agent.pk}/")
    page.locator("#nav-main .dropdown-toggle").last.click()
    page.get_by_role("button", name=t(language, "Sign out")).click()

    sign_in("agent@demo.example", language=language)
    open_user_menu(page)
    page.get_by_role("link", name=t(language, "My data"), exact=True).click()
    expect(page.get_by_role("heading", name=t(language, "My data"), exact=True)).to_be_visible()
    # The copy is prepared in the background (here the task runs eagerly within the request) and
    # handed to the agent alone on this page.
    page.get_by_role("button", name=t(language, "Prepare my copy")).click(timeout=120_000)
    expect(page.get_by_role("link", name=t(language, "Download as PDF"))).to_be_visible(
        timeout=120_000
    )
    with page.expect_download() as pdf:
        page.get_by_role("link", name=t(language, "Download as PDF")).click()
    assert pdf.value.suggested_filename.endswith(".pdf")
    with page.expect_download() as data:
        page.get_by_role("link", name=t(language, "Download as JSON (machine-readable)")).click()
    assert data.value.suggested_filename.endswith(".json")

    page.get_by_role("link", name=t(language, "Who has seen my data")).first.click()
    expect(page.get_by_role("heading", name=t(language, "Who has seen my data"))).to_be_visible()
    expect(page.get_by_role("cell", name="Lena", exact=False).first).to_be_visible()


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_agent_adds_a_statement_that_the_lead_sees(demo, sign_in, live_server, page, language):
    agent = User.objects.get(email="agent@demo.example")
    lead = User.objects.get(email="lead@demo.example")
    note = CoachingNote.objects.create(
        agent=agent,
        author=lead,
        situation="Hung up on a customer who asked for a manager.",
        observed_at=timezone.now(),
        feedback_due_at=timezone.now() + timezone.timedelta(days=3),
        shared_at=timezone.now(),
    )
    sign_in("agent@demo.example", language=language)
    page.goto(f"{live_server.url}{note.get_absolute_url()}")
    page.get_by_role("link", name=t(language, "Add your statement")).click()
    page.get_by_label(t(language, "Your statement")).fill(
        "The line dropped; I called the customer back."
    )
    page.get_by_role("button", name=t(language, "Add statement")).click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_role("heading")).to_have_text(
        t(language, "Add your statement to the record?")
    )
    dialog.get_by_role("button", name=t(language, "Add statement")).click()
    expect(page.get_by_text(t(language, "Your statement was added to the record."))).to_be_visible()
    expect(page.get_by_text("The line dropped; I called the customer back.")).to_be_visible()
    assert Statement.objects.get().note == note

    open_user_menu(page)
    page.get_by_role("button", name=t(language, "Sign out")).click()
    sign_in("lead@demo.example", language=language)
    page.goto(f"{live_server.url}{note.get_absolute_url()}")
    expect(
        page.get_by_role("heading", name=t(language, "Statement by the employee"))
    ).to_be_visible()
    expect(page.get_by_text("The line dropped; I called the customer back.")).to_be_visible()
