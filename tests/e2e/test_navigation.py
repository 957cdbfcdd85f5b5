"""The navigation fits common laptop widths in both languages, the language switch is always there,
and keyboard users see where they are."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

ACCOUNTS = {
    "agent": "agent@demo.example",
    "lead": "lead@demo.example",
    "hr": "hr@demo.example",
    "admin": "admin@demo.example",
}


def _top_level_items(page):
    return page.locator("#nav-main > ul > li > a, #nav-main > ul > li > .nav-link")


def _assert_fits(page, t, width):
    page.set_viewport_size({"width": width, "height": 800})
    expect(page.get_by_role("button", name=t("Toggle navigation"))).to_be_hidden()
    items = _top_level_items(page)
    assert items.count() >= 4
    nav = page.locator("nav.navbar").bounding_box()
    tops = set()
    for index in range(items.count()):
        item = items.nth(index)
        expect(item).to_be_visible()
        box = item.bounding_box()
        tops.add(round(box["y"]))
        assert box["x"] + box["width"] <= nav["x"] + nav["width"], item.inner_text()
    assert len(tops) == 1, "the navigation wraps onto a second line"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    switch = page.get_by_role("group", name=t("Language"))
    expect(switch).to_be_visible()
    assert switch.bounding_box()["y"] < nav["y"] + nav["height"]


def test_the_whole_navigation_fits_on_one_line_at_laptop_widths(
    demo, sign_in, sign_out, page, lang, t
):
    for email in ACCOUNTS.values():
        sign_in(email)
        for width in (1280, 1366):
            _assert_fits(page, t, width)
        sign_out()


def test_between_992_and_1199_px_the_menu_folds_and_nothing_is_clipped(
    demo, sign_in, sign_out, page, lang, t
):
    """The German admin navigation did not fit at 992–1024 px: there the menu folds, and opened it
    shows every item inside the window."""
    for email in ACCOUNTS.values():
        sign_in(email)
        for width in (992, 1024, 1199):
            page.set_viewport_size({"width": width, "height": 800})
            assert page.evaluate("document.documentElement.scrollWidth") <= width, (email, width)
            toggle = page.get_by_role("button", name=t("Toggle navigation"))
            expect(toggle).to_be_visible()
            if width == 1024:
                toggle.click()
                expect(page.locator("#nav-main")).to_have_class(re.compile(r"(^|\s)show(\s|$)"))
                items = _top_level_items(page)
                for index in range(items.count()):
                    box = items.nth(index).bounding_box()
                    assert box["x"] >= 0 and box["x"] + box["width"] <= width, items.nth(
                        index
                    ).inner_text()
                toggle.click()
                expect(page.locator("#nav-main")).not_to_have_class(re.compile(r"(^|\s)show(\s|$)"))
        page.set_viewport_size({"width": 1280, "height": 800})
        sign_out()


def test_on_a_phone_the_menu_folds_and_the_language_switch_stays(demo, sign_in, page, lang, t):
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in("hr@demo.example")
    expect(page.get_by_role("group", name=t("Language"))).to_be_visible()
    exports = page.get_by_role("link", name=t("Exports"))
    expect(exports).to_be_hidden()
    page.get_by_role("button", name=t("Toggle navigation")).click()
    # The menu slides open; a click on Reports during the slide opens nothing on a busy machine.
    expect(page.locator("#nav-main")).to_have_class(re.compile(r"(^|\s)show(\s|$)"))
    page.get_by_role("button", name=t("Reports")).click()
    expect(exports).to_be_visible()


def test_the_language_switches_only_when_a_language_is_chosen(demo, sign_in, page, live_server):
    sign_in("agent@demo.example", language=None)
    expect(page.get_by_role("link", name="Mein Entwicklungsplan")).to_be_visible()
    english = page.get_by_role("button", name="English")
    english.focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    expect(
        page.get_by_role("link", name="Mein Entwicklungsplan")
    ).to_be_visible()  # nothing switched (WCAG 3.2.2)
    expect(page.get_by_role("button", name="Deutsch")).to_have_attribute("aria-pressed", "true")
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="My growth plan")).to_be_visible()
    expect(page).to_have_url(f"{live_server.url}/me/")
    page.get_by_role("button", name="Deutsch").click()
    expect(page.get_by_role("link", name="Mein Entwicklungsplan")).to_be_visible()


def _contrast(first, second):
    def luminance(rgb):
        channels = []
        for value in rgb:
            c = value / 255
            channels.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    light, dark = sorted([luminance(first), luminance(second)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _rgb(css):
    return [int(float(part)) for part in css[css.index("(") + 1 : css.index(")")].split(",")[:3]]


def test_keyboard_focus_on_the_dark_navigation_is_clearly_visible(demo, sign_in, page, lang, t):
    sign_in("lead@demo.example")
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")  # brand
    focused = page.evaluate("""() => {
        const el = document.activeElement, style = getComputedStyle(el);
        return {inNav: !!el.closest('nav.navbar'), width: parseFloat(style.outlineWidth), style: style.outlineStyle,
                colour: style.outlineColor, background: getComputedStyle(el.closest('nav.navbar')).backgroundColor};
    }""")
    assert focused["inNav"]
    assert focused["style"] != "none" and focused["width"] >= 2
    assert _contrast(_rgb(focused["colour"]), _rgb(focused["background"])) >= 3
