"""The scorecard editor for HR and QA specialists: a new scorecard, an edit in place while unused, a new
version once used, every field (weights, N/A, bonus, critical, guidance in both languages, skill,
channels), and bad input refused with a clear message and nothing saved."""

import pytest
from django.urls import reverse

from qa.models import Scorecard, ScorecardVersion

from .factories import questions, shared_evaluation

pytestmark = pytest.mark.django_db


def _question(prefix, text, **fields):
    return {
        f"{prefix}-text_en": text,
        f"{prefix}-text_de": f"{text} (de)" if text else "",
        f"{prefix}-kind": fields.get("kind", "yes_no"),
        f"{prefix}-top": str(fields.get("top", 1)),
        f"{prefix}-weight": str(fields.get("weight", 1)),
        f"{prefix}-critical": fields.get("critical", ""),
        f"{prefix}-skill": str(fields.get("skill", "")),
        f"{prefix}-guidance_en": fields.get("guidance_en", ""),
        f"{prefix}-guidance_de": fields.get("guidance_de", ""),
        **({f"{prefix}-allows_na": "on"} if fields.get("allows_na") else {}),
    }


def phone_card(skill, *, greeting_weight=40, solution_weight=60):
    return {
        "action": "save",
        "name_en": "Phone basics",
        "name_de": "Telefon Basis",
        "channels": ["phone"],
        "sections": "3",
        "s0-questions": "1",
        "s0-title_en": "Greeting",
        "s0-title_de": "Begrüßung",
        "s0-weight": str(greeting_weight),
        **_question("s0-q0", "Greets by name", critical="section"),
        "s1-questions": "2",
        "s1-title_en": "Solution",
        "s1-title_de": "Lösung",
        "s1-weight": str(solution_weight),
        **_question(
            "s1-q0",
            "Explains",
            kind="scale",
            top=5,
            weight=2,
            allows_na=True,
            skill=skill.pk,
            guidance_en="1: Confusing\n5: Crystal clear",
            guidance_de="1: Verwirrend\n5: Glasklar",
        ),
        **_question("s1-q1", ""),  # an added row left empty is ignored
        "s2-questions": "1",
        "s2-title_en": "Extra mile",
        "s2-title_de": "Extra-Meile",
        "s2-weight": "5",
        "s2-is_bonus": "on",
        **_question("s2-q0", "Goes the extra mile"),
    }


def test_hr_creates_a_scorecard_with_every_kind_of_setting(login, hr, skill):
    response = login(hr).post(reverse("qa:scorecard_create"), phone_card(skill), follow=True)
    card = Scorecard.objects.get(name_de="Telefon Basis")
    version = card.versions.get()
    assert response.redirect_chain[-1][0] == card.get_absolute_url()
    assert [c.code for c in version.channels.all()] == ["phone"]
    greeting, solution, bonus = version.sections.order_by("position")
    assert (greeting.weight, solution.weight, bonus.weight, bonus.is_bonus) == (40, 60, 5, True)
    assert greeting.questions.get().critical == "section"
    explains = solution.questions.get()
    assert (explains.kind, explains.top, explains.weight, explains.allows_na) == (
        "scale",
        5,
        2,
        True,
    )
    assert explains.skill == skill
    assert explains.guidance == {
        "1": {"en": "Confusing", "de": "Verwirrend"},
        "5": {"en": "Crystal clear", "de": "Glasklar"},
    }


def test_weights_that_do_not_add_up_are_refused_with_their_sum_and_nothing_is_saved(
    login, hr, skill
):
    response = login(hr).post(reverse("qa:scorecard_create"), phone_card(skill, solution_weight=50))
    assert response.status_code == 200
    page = response.content.decode()
    assert "The weights of the regular sections add up to 90; they must add up to 100." in page
    assert "Telefon Basis" in page  # what was typed is still there
    assert not Scorecard.objects.exists()


def test_guidance_that_is_not_answer_colon_text_is_refused_naming_the_line(login, hr, skill):
    data = phone_card(skill) | {"s1-q0-guidance_en": "very clear"}
    response = login(hr).post(reverse("qa:scorecard_create"), data)
    assert "This line is not: “very clear”." in response.content.decode()
    assert not Scorecard.objects.exists()


def test_guidance_for_an_answer_the_question_does_not_have_is_refused(login, hr, skill):
    data = phone_card(skill) | {"s1-q0-guidance_en": "9: Beyond the scale"}
    response = login(hr).post(reverse("qa:scorecard_create"), data)
    assert "guidance is given for an answer the question does not have" in response.content.decode()
    assert not Scorecard.objects.exists()


def test_adding_a_question_keeps_everything_typed_and_saves_nothing(login, hr, skill):
    data = phone_card(skill) | {"action": "add_question:0"}
    page = login(hr).post(reverse("qa:scorecard_create"), data).content.decode()
    assert 'name="s0-q1-text_en"' in page
    assert 'value="Greets by name"' in page
    assert "error-summary" not in page
    assert not Scorecard.objects.exists()


def test_editing_an_unused_scorecard_changes_its_version_in_place(login, hr, chat_card):
    page = login(hr).get(reverse("qa:scorecard_edit", args=[chat_card.pk])).content.decode()
    assert 'value="Greets by name"' in page
    assert "5: Warm" in page
    data = _posted_form(login(hr), chat_card) | {"s0-q0-text_en": "Greets the customer by name"}
    login(hr).post(reverse("qa:scorecard_edit", args=[chat_card.pk]), data)
    assert chat_card.versions.count() == 1
    assert "Greets the customer by name" in questions(chat_card)


def test_editing_a_scorecard_in_use_makes_a_new_version_and_old_scores_keep_theirs(
    login, hr, lead, agent, chat_card
):
    evaluation = shared_evaluation(lead, agent, chat_card)
    old = chat_card.versions.get()
    old_tone = questions(chat_card)["Tone"]
    page = login(hr).get(reverse("qa:scorecard_edit", args=[chat_card.pk])).content.decode()
    assert "saving makes version 2" in page
    data = _posted_form(login(hr), chat_card) | {"s0-q1-text_en": "Friendly tone"}
    login(hr).post(reverse("qa:scorecard_edit", args=[chat_card.pk]), data)
    new = chat_card.versions.get(number=2)
    evaluation.refresh_from_db()
    assert evaluation.version == old
    assert old.sections.get(position=0).questions.get(position=1).text_en == "Tone"
    tone = new.sections.get(position=0).questions.get(position=1)
    assert tone.text_en == "Friendly tone"
    assert tone.lineage == old_tone.lineage  # the same question across versions


def test_removing_a_question_leaves_it_out_of_the_saved_version(login, hr, chat_card):
    data = _posted_form(login(hr), chat_card) | {"s0-q0-remove": "on"}
    login(hr).post(reverse("qa:scorecard_edit", args=[chat_card.pk]), data)
    assert "Greets by name" not in questions(chat_card)


def test_a_lead_may_not_edit_scorecards_by_default(login, lead, chat_card):
    assert login(lead).get(reverse("qa:scorecard_edit", args=[chat_card.pk])).status_code == 404
    assert login(lead).get(reverse("qa:scorecard_create")).status_code == 404


def test_a_retired_scorecard_is_not_edited(login, hr, chat_card):
    login(hr).post(reverse("qa:scorecard", args=[chat_card.pk]), {"action": "retire"})
    response = login(hr).get(reverse("qa:scorecard_edit", args=[chat_card.pk]), follow=True)
    assert "This scorecard is retired; it can no longer be changed." in response.content.decode()
    assert ScorecardVersion.objects.filter(scorecard=chat_card).count() == 1


def _posted_form(client, scorecard) -> dict:
    """What the editor shows for the scorecard, as the browser would post it back."""
    response = client.get(reverse("qa:scorecard_edit", args=[scorecard.pk]))
    form = response.context["form"]
    data = {"action": "save", "sections": str(len(form.layout))}
    for s, count in enumerate(form.layout):
        data[f"s{s}-questions"] = str(count)
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif isinstance(value, list):
            data[name] = value
        elif value is not None:
            data[name] = str(value)
    return data
