"""A one-on-one goes 24 months after it took place, with its private notes; goals due soon or stalled
are suggested with the reason in words, and a suggestion already on the agenda is not offered again."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from one_on_ones import selectors, services
from one_on_ones.models import Meeting, PrivateNote, Series
from plans import services as plan_services
from privacy import register, retention

from .factories import first_meeting

pytestmark = pytest.mark.django_db
NOW = "2026-12-07 09:00 +01:00"


def test_a_one_on_one_goes_24_months_after_it_took_place_with_its_private_notes(lead, agent):
    series = Series.objects.create(lead=lead, agent=agent, every_days=14)
    old = Meeting.objects.create(
        series=series, scheduled_at=timezone.make_aware(datetime.datetime(2024, 12, 1, 10, 0))
    )
    kept = Meeting.objects.create(
        series=series, scheduled_at=timezone.make_aware(datetime.datetime(2024, 12, 9, 10, 0))
    )
    PrivateNote.objects.create(meeting=old, author=lead, text="Old and private")
    counts = retention.apply(today=datetime.date(2026, 12, 7)).counts
    assert counts["one_on_ones"] == 1
    assert list(Meeting.objects.all()) == [kept] and not PrivateNote.objects.exists()
    activity = next(a for a in register.activities() if a.app_label == "one_on_ones")
    assert "24" in activity.retention


@time_machine.travel(NOW, tick=False)
def test_goals_due_soon_or_without_progress_are_suggested_with_the_reason(lead, agent):
    due_soon = plan_services.goal_create(
        agent=agent, by=lead, title="Calm escalations", due_on=datetime.date(2026, 12, 14)
    )
    plan_services.goal_create(
        agent=agent, by=lead, title="Far away", due_on=datetime.date(2027, 6, 1)
    )
    with time_machine.travel("2026-10-01 09:00 +02:00", tick=False):
        stalled = plan_services.goal_create(
            agent=agent, by=lead, title="Chat etiquette", due_on=datetime.date(2027, 6, 1)
        )
    meeting = first_meeting(lead, agent)
    for viewer in (lead, agent):
        found = [
            (s.source_id, s.why)
            for s in selectors.meeting_page(viewer, meeting.pk).suggestions
            if s.source == "goal"
        ]
        assert found == [
            (due_soon.pk, "Goal due on 14 Dec 2026"),
            (stalled.pk, "Goal without progress for 30 days"),
        ]
    services.point_add(
        meeting=meeting,
        by=agent,
        text="Goal: Calm escalations",
        source="goal",
        source_id=due_soon.pk,
    )
    left = [s.source_id for s in selectors.meeting_page(lead, meeting.pk).suggestions]
    assert due_soon.pk not in left and stalled.pk in left


@time_machine.travel(NOW, tick=False)
def test_a_key_figure_that_dropped_is_suggested_with_the_reason_unless_switched_off(
    lead, agent, settings
):
    from kpis.models import KpiRecord

    monday = datetime.date(2026, 11, 30)
    for weeks_ago, csat in ((4, 4.5), (3, 4.6), (2, 4.4), (1, 4.5), (0, 4.0)):
        KpiRecord.objects.create(
            agent=agent,
            period_start=monday - datetime.timedelta(weeks=weeks_ago),
            channel="phone",
            contacts=100,
            csat=csat,
            fcr=0.8,
            aht_seconds=300,
        )
    meeting = first_meeting(lead, agent)
    for viewer in (lead, agent):
        found = [
            (s.text, s.why)
            for s in selectors.meeting_page(viewer, meeting.pk).suggestions
            if s.source == "key_figure"
        ]
        assert found == [
            (
                "Key figure: Customer satisfaction",
                "Customer satisfaction went from 4.5 to 4.0 in the week of 30 Nov 2026 "
                "(against the average of the 4 weeks before)",
            )
        ]
    settings.WORKS_COUNCIL_FEATURES = {**settings.WORKS_COUNCIL_FEATURES, "individual_kpis": False}
    assert not [
        s for s in selectors.meeting_page(lead, meeting.pk).suggestions if s.source == "key_figure"
    ]


def test_a_low_scoring_or_disputed_quality_evaluation_is_suggested_to_both(lead, agent, hr):
    from qa import services as qa_services

    from ..qa.factories import make_scorecard, questions, shared_evaluation
    from ..skills.factories import SkillFactory

    card = make_scorecard(hr, skill=SkillFactory())
    low = shared_evaluation(
        lead,
        agent,
        card,
        values={
            "Greets by name": 0,
            "Tone": 1,
            "Solves the issue": 0,
            "Explains next steps": 0,
            "Goes the extra mile": 0,
        },
        reference="LOW",
    )
    good = shared_evaluation(lead, agent, card, reference="GOOD")
    meeting = first_meeting(lead, agent)

    def found(viewer):
        return {
            s.source_id: s.why
            for s in selectors.meeting_page(viewer, meeting.pk).suggestions
            if s.source == "qa_evaluation"
        }

    assert list(found(lead)) == [low.pk] and found(agent) == found(lead)
    assert found(lead)[low.pk].startswith("Scored ")
    qa_services.dispute_raise(
        by=agent,
        evaluation=good,
        question=questions(card)["Explains next steps"],
        reason="I did explain",
        proposed=3,
    )
    assert found(lead)[good.pk] == "An answer of this evaluation is disputed"
