"""At 390 px (a phone) the inbox, `/me/` and the lead's dashboard fit the screen, with every action in reach."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
LANGUAGES = ["de", "en"]

# Anything visible that sticks out to the right, and boxes that scroll sideways.
OVERFLOW = """() => {
  const width = window.innerWidth;
  const visible = e => { const s = getComputedStyle(e); const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 1 && s.visibility !== 'hidden' && !e.closest('thead, .visually-hidden'); };
  return {
    page: document.documentElement.scrollWidth,
    sticking_out: [...document.querySelectorAll('main *')].filter(e => visible(e)
      && e.getBoundingClientRect().right > width + 1).map(e => e.tagName + '.' + e.className).slice(0, 5),
    scrolling: [...document.querySelectorAll('main *')].filter(e => e.scrollWidth > e.clientWidth + 1
      && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX)).map(e => e.tagName + '.' + e.className),
  };
}"""


def fits(page):
    found = page.evaluate(OVERFLOW)
    assert found["page"] <= PHONE["width"], found
    assert found["sticking_out"] == [], found
    return found


def in_view_horizontally(locator):
    box = locator.bounding_box()
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]


@pytest.fixture
def phone(page):
    page.set_viewport_size(PHONE)
    return page


def first_card(phone, url, rows):
    """Open `url` on a phone: nothing scrolls sideways, and the first of `rows` is a card (a block)."""
    phone.goto(url)
    found = fits(phone)
    assert found["scrolling"] == [], found
    first = phone.locator(rows).first
    assert first.evaluate("row => getComputedStyle(row).display") == "block"
    return first


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_feedback_inbox_is_a_stack_of_cards_with_its_actions_in_reach(
    demo, sign_in, live_server, phone, language
):
    sign_in("lead@demo.example", language=language)
    first = first_card(phone, f"{live_server.url}/feedback/", "#inbox-table tbody tr")
    for action in first.locator(".card-actions a").all():
        expect(action).to_be_visible()
        assert in_view_horizontally(action)
    first.locator(".card-actions a").first.click()
    expect(phone).to_have_url(re.compile(r"/feedback/notes/\d+/deliver/$"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_me_starts_with_for_you_and_fits_a_phone(demo, sign_in, live_server, phone, language):
    sign_in("agent@demo.example", language=language)
    phone.goto(f"{live_server.url}/me/")
    fits(phone)
    for_you = phone.locator("#for-you")
    assert for_you.bounding_box()["y"] < PHONE["height"]  # no scrolling to find what waits
    action = for_you.locator(".for-you-item a.btn").first
    assert in_view_horizontally(action)
    phone.locator("#skills-heading").scroll_into_view_if_needed()
    assert (
        phone.locator(".skills-profile tbody tr").first.evaluate(
            "row => getComputedStyle(row).display"
        )
        == "block"
    )
    fits(phone)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_lead_dashboard_fits_a_phone(demo, sign_in, live_server, phone, language):
    sign_in("lead@demo.example", language=language)
    phone.goto(f"{live_server.url}/dashboard/")
    found = fits(phone)
    assert found["scrolling"] == [], found
    assert phone.locator("main table").count() == 0  # cards, not tables
    log = phone.locator("main").get_by_role("link").first
    assert in_view_horizontally(log)


@pytest.mark.parametrize("language", LANGUAGES)
def test_hrs_list_of_people_for_data_copies_is_cards_on_a_phone(
    demo, sign_in, live_server, phone, language
):
    sign_in("hr@demo.example", language=language)
    first = first_card(phone, f"{live_server.url}/hr/people/", "main tbody tr")
    for download in first.locator(".card-actions a").all():
        assert in_view_horizontally(download)
