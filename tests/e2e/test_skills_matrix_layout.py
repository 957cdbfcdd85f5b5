"""The skills matrix in a real browser: colours that show, a name column that stays, only the team's skills."""

import pytest

from people.models import Team
from skills.models import Skill

pytestmark = pytest.mark.e2e

LANGUAGES = ["de", "en"]


def open_matrix(sign_in, live_server, page, language, query=""):
    sign_in("lead@demo.example", language=language)
    team = Team.objects.get(name="Privatkunden Telefon")
    page.goto(f"{live_server.url}/teams/{team.pk}/skills/{query}")
    return team


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_heat_map_colours_the_cells_by_level(demo, sign_in, live_server, page, language):
    open_matrix(sign_in, live_server, page, language)
    by_level = page.eval_on_selector_all(
        ".skills-matrix tbody td[class*='heat-']",
        "cells => cells.map(c => [c.className.match(/heat-(\\w+)/)[1], getComputedStyle(c).backgroundColor])",
    )
    colours = dict(by_level)
    assert {"3", "4"} <= set(colours), colours
    assert colours["3"] != "rgb(255, 255, 255)" and colours["4"] != colours["3"]
    assert colours.get("5", "rgb(23, 100, 171)") == "rgb(23, 100, 171)"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_skill_scrolls_inside_the_matrix_with_the_names_in_view(
    demo, sign_in, live_server, page, language
):
    page.set_viewport_size({"width": 1280, "height": 800})
    open_matrix(sign_in, live_server, page, language, "?skills=all")
    assert (
        page.locator(".skills-matrix thead th").count()
        == Skill.objects.filter(is_active=True).count() + 1
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= page.evaluate(
        "window.innerWidth"
    )
    box = page.locator(".skills-matrix")
    assert box.evaluate("b => b.scrollWidth > b.clientWidth")
    name, first_cell = (
        page.locator(".skills-matrix tbody th").first,
        page.locator(".skills-matrix tbody td").first,
    )
    name_before, cell_before = name.bounding_box()["x"], first_cell.bounding_box()["x"]
    box.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
    page.wait_for_function("() => document.querySelector('.skills-matrix').scrollLeft > 0")
    assert first_cell.bounding_box()["x"] < cell_before - 100  # the levels scrolled away ...
    assert abs(name.bounding_box()["x"] - name_before) <= 1  # ... the names stayed


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_phone_teams_matrix_shows_no_chat_or_social_skills_until_asked(
    demo, sign_in, live_server, page, language
):
    open_matrix(sign_in, live_server, page, language)
    chat = Skill.objects.get(code="chat-handling").name_de if language == "de" else "Chat handling"
    headers = page.locator(".skills-matrix thead th").all_inner_texts()
    assert chat not in headers and len(headers) < Skill.objects.count() + 1
    page.locator("#skills-shown a").click()
    assert chat in page.locator(".skills-matrix thead th").all_inner_texts()


SPLIT_WORDS = """
() => {
  const split = [];
  document.querySelectorAll(".skills-matrix thead th.matrix-skill").forEach((th) => {
    const text = th.querySelector("span").firstChild;
    const words = text.textContent.matchAll(/[^\\s-]+/g);  // a break after a written hyphen is fine
    for (const word of words) {
      const range = document.createRange();
      range.setStart(text, word.index);
      range.setEnd(text, word.index + word[0].length);
      const lines = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top)));
      if (lines.size > 1) split.push(word[0]);
    }
  });
  return split;
}
"""


@pytest.mark.parametrize("language", LANGUAGES)
def test_skill_names_in_the_header_break_between_words_not_inside_them(
    demo, sign_in, live_server, page, language
):
    """ "Deeskala|tion" broke mid-word without a hyphen: the headers carry the page's language for
    hyphens: auto and never break anywhere; at 1280 px and on a phone no word is cut."""
    open_matrix(sign_in, live_server, page, language, "?skills=all")
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 800})
        page.reload()
        header = page.locator(".skills-matrix thead th.matrix-skill").first
        assert header.get_attribute("lang") == language
        style = header.evaluate(
            "th => [getComputedStyle(th).hyphens, getComputedStyle(th).overflowWrap]"
        )
        assert style == ["auto", "normal"]
        assert page.evaluate(SPLIT_WORDS) == []
