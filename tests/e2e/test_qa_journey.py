"""Quality evaluations in the browser, in German and in English (issue 26, "Done when")."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from plans.models import Goal
from qa.models import Evaluation, Question

pytestmark = pytest.mark.e2e


def text_of(lang, english):
    question = Question.objects.filter(text_en=english, section__version__scorecard__name_en="Chat")
    question = question.order_by("-section__version__number").first()
    return question.text_de if lang == "de" else question.text_en


def answer(page, lang, english, label):
    legend = page.locator("legend", has_text=text_of(lang, english))
    page.locator("fieldset", has=legend).get_by_label(label, exact=True).check()


def score(lang, value: str) -> str:
    return f"{value.replace('.', ',') if lang == 'de' else value} %"


def test_a_chat_is_evaluated_acknowledged_disputed_rescored_and_turned_into_a_goal(
    demo, sign_in, sign_out, live_server, page, t, lang
):
    # The lead evaluates a chat of the demo agent with the chat scorecard.
    sign_in("lead@demo.example")
    page.get_by_role("link", name=t("Quality"), exact=True).click()
    page.get_by_role("link", name=t("Evaluate an interaction")).first.click()
    page.get_by_label(t("Agent")).select_option(label="Jonas Weber")
    page.get_by_label(t("Scorecard")).select_option(label="Chat")
    page.get_by_label(t("Channel")).select_option("chat")
    page.get_by_label(t("Interaction reference")).fill("CHAT-E2E-1")
    moment = timezone.localtime() - timezone.timedelta(hours=2)
    page.get_by_label(t("Date and time of the interaction")).fill(moment.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name=t("Start the evaluation")).click()

    answer(page, lang, "Answers within the first minute", t("Yes"))
    answer(page, lang, "Tone", "4")
    answer(page, lang, "Solves the issue", t("Yes"))
    answer(page, lang, "Explains the next steps", "1")
    answer(page, lang, "Asks whether anything else is open before closing", t("No"))
    answer(page, lang, "Offers a helpful tip beyond the question", t("No"))
    steps = page.locator(
        "div.qa-question",
        has=page.locator("legend", has_text=text_of(lang, "Explains the next steps")),
    )
    steps.get_by_label(t("To coach")).check()
    page.get_by_role("button", name=t("Save")).click()
    expect(
        page.get_by_text(t("The evaluation was saved. Share it when it is complete."))
    ).to_be_visible()
    page.get_by_role("button", name=t("Share with the agent")).click()
    page.get_by_role("dialog").get_by_role("button", name=t("Share the evaluation")).click()
    expect(
        page.get_by_text(t("The evaluation is shared with %(agent)s.", agent="Jonas Weber"))
    ).to_be_visible()
    # Opening (25): 1 and 4 of 5 -> (1 + 3/4) / 2 = 0.875; solution (75): solved (weight 2), next steps
    # 1 of 4, nothing else asked -> (2 + 1/4 + 0) / 4 = 0.5625; 25 x 0.875 + 75 x 0.5625 = 64.0625.
    expect(page.locator("#qa-score")).to_have_text(score(lang, "64.06"))
    evaluation = Evaluation.objects.get(reference="CHAT-E2E-1")
    assert str(evaluation.score) == "64.06"
    sign_out()

    # The agent acknowledges it and disputes one question.
    sign_in("agent@demo.example")
    page.locator("#for-you li").filter(has_text="CHAT-E2E-1").get_by_role(
        "link", name=t("Read and acknowledge")
    ).first.click()
    page.get_by_role("button", name=t("I have read this evaluation")).click()
    expect(
        page.get_by_text(t("Thank you. Your lead sees that you have read the evaluation."))
    ).to_be_visible()
    row = page.locator("tr", has_text=text_of(lang, "Explains the next steps"))
    row.get_by_role("link", name=t("Dispute this answer")).click()
    page.get_by_label(t("%(value)s of %(top)s points", value=3, top=4)).check()
    page.get_by_label(t("Why")).fill("I explained the refund and when it arrives.")
    page.get_by_role("button", name=t("Send the dispute")).click()
    expect(
        page.get_by_text(t("Your dispute is recorded; you will see the decision here."))
    ).to_be_visible()
    sign_out()

    # The arbitrator (the QA specialist, not the evaluator) partly accepts: 2 of 4.
    sign_in("qa@demo.example")
    page.get_by_role("link", name=re.compile("Jonas Weber")).filter(
        has_text=text_of(lang, "Explains the next steps")
    ).first.click()
    decide = page.locator("form", has=page.get_by_role("button", name=t("Decide")))
    decide.get_by_label(t("Partly accept: another answer")).check()
    decide.get_by_label(t("Answer when partly accepted")).select_option("2")
    decide.get_by_label(t("Reason")).fill("The refund was explained, its date was not.")
    decide.get_by_role("button", name=t("Decide")).click()
    expect(page.get_by_text(t("The dispute is decided."))).to_be_visible()
    # Next steps 2 of 4: solution (2 + 1/2 + 0) / 4 = 0.625 -> 21.875 + 46.875 = 68.75.
    expect(page.locator("#qa-score")).to_have_text(score(lang, "68.75"))
    sign_out()

    # The lead turns the low-scoring question into a development goal.
    sign_in("lead@demo.example")
    page.goto(f"{live_server.url}{evaluation.get_absolute_url()}")
    low = page.locator(
        "tr", has_text=text_of(lang, "Asks whether anything else is open before closing")
    )
    low.get_by_role("button", name=t("Make a goal")).click()
    expect(page.get_by_text(re.compile(re.escape(t("Suggestions"))))).to_be_visible()
    goal = Goal.objects.filter(plan__agent__email="agent@demo.example").latest("created_at")
    assert goal.skill.code == "chat-handling"


def test_a_calibration_with_three_evaluators_shows_alignment_alpha_and_leniency(
    demo, sign_in, live_server, page, t
):
    sign_in("lead@demo.example")
    page.goto(f"{live_server.url}/qa/calibrations/")
    page.get_by_role("link", name=re.compile(r"3$")).first.click()
    expect(page.get_by_role("heading", name=t("Agreement between the evaluators"))).to_be_visible()
    expect(page.get_by_text("α =").first).to_be_visible()
    table = page.locator("table.qa-evaluators")
    expect(table.locator("tbody tr")).to_have_count(3)
    expect(page.get_by_role("columnheader", name=t("Leniency (points)"))).to_be_visible()
    expect(page.get_by_text(t("Unclear question: rewrite the guidance")).first).to_be_visible()
