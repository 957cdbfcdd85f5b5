"""Pages for three steps around an evaluation: replacing a drawn interaction (only with a reason, only
by whoever drew it), deleting a draft (after a confirm step, only its evaluator), and recording the
feedback on a shared evaluation's improvement items (the three-day window)."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from qa import services
from qa.models import Evaluation, SampleItem

from .factories import shared_evaluation, start

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2026, 3, 9)


def _draw(lead):
    return services.sample_draw(by=lead, week=MONDAY, minimum=1, maximum=2, capacity=1)


@time_machine.travel("2026-03-10 09:00 +01:00", tick=False)
def test_the_lead_replaces_a_drawn_interaction_with_a_reason_kept_on_the_draw(login, lead, agent):
    draw = _draw(lead)
    item = draw.items.get()
    page = login(lead).get(reverse("qa:draw", args=[draw.pk])).content.decode()
    assert reverse("qa:sample_replace", args=[item.pk]) in page
    response = login(lead).post(
        reverse("qa:sample_replace", args=[item.pk]), {"reason": "The call was a test call."}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.replaced_at == timezone.now()
    assert item.replacement_reason == "The call was a test call."
    replacement = SampleItem.objects.get(replaces=item)
    assert (replacement.agent, replacement.channel) == (item.agent, item.channel)
    page = login(lead).get(reverse("qa:draw", args=[draw.pk])).content.decode()
    assert "The call was a test call." in page


@time_machine.travel("2026-03-10 09:00 +01:00", tick=False)
def test_a_replacement_without_a_reason_is_refused_and_nothing_changes(login, lead, agent):
    item = _draw(lead).items.get()
    response = login(lead).post(reverse("qa:sample_replace", args=[item.pk]), {"reason": "  "})
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    item.refresh_from_db()
    assert item.replaced_at is None
    assert SampleItem.objects.count() == 1


@time_machine.travel("2026-03-10 09:00 +01:00", tick=False)
def test_hr_sees_the_draw_but_does_not_replace_its_interactions(login, lead, hr, agent):
    draw = _draw(lead)
    item = draw.items.get()
    assert login(hr).get(reverse("qa:draw", args=[draw.pk])).status_code == 200
    url = reverse("qa:sample_replace", args=[item.pk])
    assert login(hr).post(url, {"reason": "Because."}).status_code == 404
    assert SampleItem.objects.count() == 1


def test_the_evaluator_deletes_a_draft_after_confirming(login, lead, agent, chat_card):
    evaluation = start(lead, agent, chat_card)
    url = reverse("qa:evaluation_delete", args=[evaluation.pk])
    page = login(lead).post(url).content.decode()
    assert "Delete this draft evaluation?" in page
    assert Evaluation.objects.filter(pk=evaluation.pk).exists()
    response = login(lead).post(url, {"confirmation": "given"}, follow=True)
    assert "The draft evaluation is deleted." in response.content.decode()
    assert not Evaluation.objects.filter(pk=evaluation.pk).exists()


def test_only_its_evaluator_deletes_a_draft_and_a_shared_evaluation_is_never_deleted(
    login, lead, agent, chat_card, specialist
):
    draft = start(specialist, agent, chat_card, reference="T-2")
    shared = shared_evaluation(lead, agent, chat_card)
    for user, evaluation in ((lead, draft), (lead, shared), (agent, shared)):
        url = reverse("qa:evaluation_delete", args=[evaluation.pk])
        assert login(user).post(url, {"confirmation": "given"}).status_code == 404
    assert Evaluation.objects.count() == 2


def test_the_lead_records_the_feedback_on_the_improvement_items_in_the_window(
    login, lead, agent, chat_card
):
    with time_machine.travel("2026-03-10 09:00 +01:00", tick=False):
        evaluation = shared_evaluation(lead, agent, chat_card)
    with time_machine.travel("2026-03-11 15:00 +01:00", tick=False):
        page = login(lead).get(evaluation.get_absolute_url()).content.decode()
        assert "Feedback on the improvement items" in page
        response = login(lead).post(
            reverse("qa:evaluation_feedback", args=[evaluation.pk]),
            {"method": "in_person", "given_at": "2026-03-11T14:30"},
            follow=True,
        )
    evaluation.refresh_from_db()
    assert timezone.localtime(evaluation.feedback_given_at).isoformat() == (
        "2026-03-11T14:30:00+01:00"
    ), [str(m) for m in response.context["messages"]]
    assert evaluation.feedback_method == "in_person"
    assert "given in time" in response.content.decode()


@time_machine.travel("2026-03-10 09:00 +01:00", tick=False)
def test_feedback_before_the_evaluation_was_shared_is_refused(login, lead, agent, chat_card):
    evaluation = shared_evaluation(lead, agent, chat_card)
    response = login(lead).post(
        reverse("qa:evaluation_feedback", args=[evaluation.pk]),
        {"method": "call", "given_at": "2026-03-01T08:30"},
        follow=True,
    )
    assert "before the evaluation was shared" in response.content.decode()
    evaluation.refresh_from_db()
    assert evaluation.feedback_given_at is None


def test_the_agent_does_not_record_feedback_on_their_own_evaluation(login, lead, agent, chat_card):
    evaluation = shared_evaluation(lead, agent, chat_card)
    url = reverse("qa:evaluation_feedback", args=[evaluation.pk])
    assert login(agent).post(url, {"method": "call"}).status_code == 404
    assert "Feedback on the improvement items" not in (
        login(agent).get(evaluation.get_absolute_url()).content.decode()
    )
