"""At 390 px (a phone) no main page of an agent, a lead or HR is wider than the screen, in German and
English: the browser measures each page's scroll width, what sticks out to the right outside a box that
scrolls on its own (a wide table's `.table-responsive`, the skills matrix), and every button, which must
be in reach without scrolling sideways."""

import pytest

from .test_accessibility import PAGES, _demo_ids

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
# Forms and lists the main pages link to, walked as well.
MORE_PAGES = {
    "agent": ["/feedback/upward/new/"],
    "lead": ["/teams/{team}/reviews/", "/training/", "/training/sessions/{session}/"],
    "hr": ["/skills/matrix/", "/notifications/", "/qa/scorecards/new/", "/qa/figures/"],
}

MEASURE = """() => {
  const width = document.documentElement.clientWidth;
  const visible = e => { const s = getComputedStyle(e); const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 1 && s.visibility !== 'hidden' && !e.closest('.visually-hidden, thead, .skills-matrix'); };
  return {
    scroll: document.documentElement.scrollWidth,
    width: width,
    sticking_out: [...document.querySelectorAll('body *')].filter(e => visible(e)
      && !e.closest('.table-responsive') && e.getBoundingClientRect().right > width + 1)
      .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + '.' + String(e.className).split(' ').join('.')).slice(0, 4),
    buttons_out_of_reach: [...document.querySelectorAll('main button, main .btn')].filter(e => visible(e)
      && e.getBoundingClientRect().right > width + 1).map(e => e.textContent.trim()).slice(0, 4),
  };
}"""


@pytest.mark.parametrize("role", ["agent", "lead", "hr"])
def test_no_main_page_overflows_a_phone(demo, sign_in, page, live_server, lang, role):
    ids = _demo_ids()
    sign_in(f"{role}@demo.example")
    page.set_viewport_size(PHONE)
    overflowing = {}
    paths = dict.fromkeys(path.format(**ids) for path in PAGES[role] + MORE_PAGES[role])
    for path in paths:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        found = page.evaluate(MEASURE)
        if (
            found["scroll"] > PHONE["width"]
            or found["sticking_out"]
            or found["buttons_out_of_reach"]
        ):
            overflowing[path] = found
    assert overflowing == {}, "\n".join(f"{path}: {found}" for path, found in overflowing.items())
