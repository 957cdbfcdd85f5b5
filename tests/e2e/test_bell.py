"""The bell in a real browser: short titles, one link each, and no contrast problem (axe), in both languages."""

import pytest
from playwright.sync_api import expect

from notifications.models import Notification
from people.models import User

from .test_accessibility import axe_violations

pytestmark = pytest.mark.e2e


def test_the_bell_reads_like_a_bell_and_passes_axe(demo, sign_in, live_server, page, t):
    agent = User.objects.get(email="agent@demo.example")
    Notification.objects.create(
        recipient=agent,
        kind="test",
        title="Neue Notiz von Mara Schulz",
        body="Hallo Lena,\n\nMara Schulz hat Ihnen eine Notiz geteilt.\n\nhttp://127.0.0.1/feedback/",
        url="/me/",
    )
    sign_in("agent@demo.example")
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/notifications/")
        first = page.locator(".notification-list li").first
        expect(first.get_by_role("button")).to_have_text(f"Neue Notiz von Mara Schulz ({t('new')})")
        expect(page.locator("main")).not_to_contain_text("Hallo Lena")
        assert axe_violations(page, live_server) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    first.get_by_role("button").click()
    expect(page).to_have_url(f"{live_server.url}/me/")
