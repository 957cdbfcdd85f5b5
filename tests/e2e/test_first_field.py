"""A form page starts in its first field, so typing can begin at once; a failed submit still focuses the
error summary."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_a_form_page_starts_in_its_first_field(demo, sign_in, live_server, page, t):
    sign_in("lead@demo.example")
    page.goto(f"{live_server.url}/feedback/new/")
    expect(page.get_by_label(t("Agent"))).to_be_focused()
    page.get_by_role("button", name=t("Save")).click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    page.goto(f"{live_server.url}/dashboard/")  # not a form page: nothing is focused for the lead
    assert page.evaluate("document.activeElement === document.body")
