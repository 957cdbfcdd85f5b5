import datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from feedback import services as feedback_services
from people import services as people_services
from people.periods import Quarter
from reviews import reminders, selectors, services
from reviews.models import Review

from ..factories import personnel_admin
from ..skills.factories import SkillFactory

pytestmark = pytest.mark.django_db
Q2 = Quarter(2026, 2)


def start(lead, agent, quarter=Q2):
    return services.review_start(reviewer=lead, agent=agent, quarter=quarter)


def written(review, areas=()):
    """The lead's text, with the meeting on the quarter's first day (a plausible date, never in the future)."""
    return services.review_update(
        review=review,
        by=review.reviewer,
        summary="A good quarter.",
        strengths="Calm",
        areas=areas,
        held_on=review.cycle.quarter.first_day,
    )


def test_a_review_goes_from_draft_to_shared_to_acknowledged(lead, agent):
    review = written(start(lead, agent))
    assert review.status == Review.Status.DRAFT
    services.review_share(review=review, by=review.reviewer)
    assert review.status == Review.Status.SHARED and review.held_on
    services.review_acknowledge(review=review, by=review.agent, comment="Agreed.")
    assert review.status == Review.Status.ACKNOWLEDGED and review.agent_comment == "Agreed."


def test_one_review_per_agent_and_quarter(lead, agent):
    start(lead, agent)
    with pytest.raises(ValidationError):
        start(lead, agent)
    assert Review.objects.count() == 1


def test_only_the_agents_lead_starts_a_review(other_lead, agent, hr):
    for reviewer in (other_lead, hr):
        with pytest.raises(ValidationError):
            start(reviewer, agent)
    assert not Review.objects.exists()


def test_an_acknowledged_review_cannot_be_changed(lead, agent):
    review = written(start(lead, agent))
    services.review_share(review=review, by=review.reviewer)
    services.review_acknowledge(review=review, by=review.agent)
    with pytest.raises(ValidationError):
        services.review_update(review=review, by=review.reviewer, summary="Changed", strengths="")
    review.refresh_from_db()
    assert review.summary == "A good quarter."


def test_sharing_needs_a_summary(lead, agent):
    with pytest.raises(ValidationError):
        services.review_share(by=lead, review=start(lead, agent))


def test_no_surprises_an_area_without_feedback_needs_confirmation(lead, agent):
    heard, unheard = SkillFactory(name_en="Listening"), SkillFactory(name_en="CRM")
    with time_machine.travel(Q2.start + datetime.timedelta(days=20), tick=False):
        note = feedback_services.note_create(
            author=lead,
            agent=agent,
            channel="phone",
            kind="improvement",
            situation="Interrupted",
            skills=[heard],
        )
        feedback_services.note_share(note=note, by=note.author)
    review = written(
        start(lead, agent),
        areas=[("Let customers finish", heard), ("Document in the CRM", unheard)],
    )
    assert [a.skill for a in services.surprises(review)] == [unheard]
    with pytest.raises(ValidationError):
        services.review_share(review=review, by=review.reviewer)
    assert review.status == Review.Status.DRAFT
    services.review_share(review=review, by=review.reviewer, confirmed=True)
    assert review.status == Review.Status.SHARED


def test_feedback_from_another_quarter_does_not_count_against_surprises(lead, agent):
    skill = SkillFactory()
    with time_machine.travel(Q2.start - datetime.timedelta(days=5), tick=False):
        feedback_services.note_share(
            by=lead,
            note=feedback_services.note_create(
                author=lead,
                agent=agent,
                channel="phone",
                kind="praise",
                situation="x",
                skills=[skill],
            ),
        )
    review = written(start(lead, agent), areas=[("Area", skill)])
    assert services.surprises(review) != []


def test_asking_for_a_self_assessment_notifies_the_agent(
    lead, agent, django_capture_on_commit_callbacks
):
    review = start(lead, agent)
    with django_capture_on_commit_callbacks(execute=True):
        services.review_request_self_assessment(review=review, by=review.reviewer)
    assert mail.outbox[0].to == [agent.email]
    services.review_self_assess(review=review, by=review.agent, text="I grew in chat.")
    assert review.self_assessment == "I grew in chat."


def test_completion_by_team_counts_held_reviews_and_drafts(
    lead, agent, colleague, team, other_team, other_agent, other_lead
):
    services.review_share(by=lead, review=written(start(lead, agent)))
    start(lead, colleague)
    rows = {c.team: (c.agents, c.held, c.drafts, c.share) for c in selectors.completion_by_team(Q2)}
    assert rows[team] == (2, 1, 1, 50)
    assert rows[other_team] == (1, 0, 0, 0)


def test_drafts_are_for_the_lead_and_shared_reviews_for_agent_and_hr(cast):
    draft = start(cast["lead"], cast["agent"])
    shared = services.review_share(
        by=cast["lead"], review=written(start(cast["lead"], cast["colleague"]))
    )
    assert set(selectors.reviews_visible_to(cast["lead"])) == {draft, shared}
    assert set(selectors.reviews_visible_to(cast["hr"])) == {shared}
    assert set(selectors.reviews_visible_to(cast["agent"])) == set()
    assert set(selectors.reviews_visible_to(cast["colleague"])) == {shared}
    assert set(selectors.reviews_visible_to(cast["other_lead"])) == set()


class TestReminders:
    def kinds(self, when):
        with time_machine.travel(when, tick=False):
            return sorted(
                (r.kind, r.recipient.email) for r in reminders.due_reminders(timezone.now())
            )

    def test_nothing_is_due_earlier_than_14_days_before_the_quarter_ends(self, cast):
        assert [
            k
            for k in self.kinds("2026-06-16 23:59 +02:00")
            if k[0].startswith("quarterly_review_due")
        ] == []

    def test_from_14_days_before_the_end_the_current_lead_is_reminded(self, cast):
        due = [
            k
            for k in self.kinds("2026-06-17 00:00 +02:00")
            if k[0].startswith("quarterly_review_due")
        ]
        assert due == [("quarterly_review_due:2026-Q2", "lead@example.test")] * 2 + [
            ("quarterly_review_due:2026-Q2", "other.lead@example.test")
        ]

    def test_a_held_review_stops_the_reminder(self, cast):
        with time_machine.travel("2026-06-20 10:00 +02:00", tick=False):
            services.review_share(
                by=cast["lead"], review=written(start(cast["lead"], cast["agent"]))
            )
            services.review_share(
                by=cast["lead"], review=written(start(cast["lead"], cast["colleague"]))
            )
        due = [
            k
            for k in self.kinds("2026-06-21 10:00 +02:00")
            if k[0].startswith("quarterly_review_due")
        ]
        assert due == [("quarterly_review_due:2026-Q2", "other.lead@example.test")]

    def test_after_the_quarter_the_lead_and_hr_hear_of_overdue_reviews(self, cast):
        kinds = self.kinds("2026-07-01 00:00:01 +02:00")
        assert ("quarterly_review_overdue:2026-Q2", "lead@example.test") in kinds
        assert kinds.count(("quarterly_review_overdue_digest", "hr@example.test")) == 1

    def test_the_quarter_ends_at_local_midnight(self, cast):
        before = self.kinds("2026-06-30 23:59:59 +02:00")
        assert not any(k[0].startswith("quarterly_review_overdue:2026-Q2") for k in before)

    def test_an_agent_who_moved_is_reminded_to_the_new_lead_and_one_who_left_not_at_all(
        self, cast, other_team
    ):
        with time_machine.travel("2026-06-10 10:00 +02:00", tick=False):
            people_services.agent_move_to_team(
                agent=cast["agent"], team=other_team, by=personnel_admin()
            )
            people_services.agent_leave(agent=cast["colleague"], by=personnel_admin())
        due = [
            k
            for k in self.kinds("2026-06-20 10:00 +02:00")
            if k[0].startswith("quarterly_review_due")
        ]
        assert due == [("quarterly_review_due:2026-Q2", "other.lead@example.test")] * 2

    def test_the_sweep_sends_each_review_reminder_once(self, cast, settings):
        from notifications.services import sweep

        settings.REMINDER_PROVIDERS = ["reviews.reminders.due_reminders"]
        with time_machine.travel("2026-07-02 10:00 +02:00", tick=False):
            first, second = sweep().sent, sweep().sent
        assert first == {
            "quarterly_review_overdue:2026-Q2": 3,
            "quarterly_review_overdue_digest": 1,
        }
        assert second == {}
