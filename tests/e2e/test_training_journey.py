import datetime

import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect

from core.i18n import in_language
from skills.models import Skill
from training.models import Session

pytestmark = pytest.mark.e2e


def test_the_lead_books_a_training_completes_it_and_the_agent_sees_the_raised_level(
    demo, sign_in, sign_out, live_server, page, lang, t
):
    session = (
        Session.objects.filter(
            course__title_en="De-escalation on the phone", starts_at__gt=timezone.now()
        )
        .order_by("starts_at")
        .first()
    )
    with translation.override(lang):
        course = in_language(session.course, "title")
        skill = in_language(Skill.objects.get(name_en="De-escalation"), "name")
    sign_in("lead@demo.example")
    page.get_by_role("link", name=t("Training"), exact=True).click()
    page.locator(f"a[href='/training/sessions/{session.pk}/']").click()
    page.get_by_label(t("Agent")).select_option(label="Jonas Weber")
    page.get_by_role("button", name=t("Enroll")).click()
    expect(
        page.get_by_text(t("%(agent)s: %(status)s.", agent="Jonas Weber", status=t("Enrolled")))
    ).to_be_visible()
    participant = page.locator(".participants li").filter(has_text="Jonas Weber")
    expect(participant.get_by_role("button", name=t("Mark as attended"))).to_have_count(
        0
    )  # not before the start
    Session.objects.filter(pk=session.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=2)
    )
    page.reload()
    participant.get_by_role("button", name=t("Mark as attended")).click()
    page.get_by_role("dialog").get_by_role("button", name=t("Mark as attended")).click()
    participant.get_by_role("button", name=t("Mark as completed")).click()
    page.get_by_role("dialog").get_by_role("button", name=t("Mark as completed")).click()
    expect(page.get_by_role("heading", name=t("Confirm new levels"))).to_be_visible()
    expect(page.get_by_label(skill)).to_have_value("4")
    page.get_by_role("button", name=t("Confirm")).click()
    expect(page.get_by_text(t("The new skill levels are recorded."))).to_be_visible()
    sign_out()

    sign_in("agent@demo.example")
    skill_row = (
        page.locator("#skills-heading")
        .locator("xpath=ancestor::section")
        .get_by_role("row")
        .filter(has_text=skill)
    )
    expect(skill_row.locator("td").nth(1)).to_have_text("4")
    expect(page.get_by_text(f"{course} · {t('Completed')}")).to_be_visible()
