"""People who leave or move: reminders reach someone who can act, never a deactivated user."""

import datetime

import pytest
import time_machine
from django.core import mail

from briefings import services as briefing_services
from briefings.models import Briefing
from feedback import services as feedback_services
from feedback.selectors import lapsed_private_notes
from notifications import services
from notifications.models import Notification
from people import services as people_services
from people.models import Role, TeamMembership
from people.periods import Quarter
from tests.factories import UserFactory, make_lead

from ..factories import personnel_admin

pytestmark = pytest.mark.django_db
OBSERVED = "2026-06-09 09:00 +02:00"  # a Tuesday; the window closes on Friday 09:00
MISSED = "2026-06-12 10:00 +02:00"
Q2 = Quarter(2026, 2)


def observe(lead, agent, when=OBSERVED, shared=False):
    with time_machine.travel(when, tick=False):
        note = feedback_services.note_create(
            author=lead,
            agent=agent,
            channel="phone",
            kind="improvement",
            situation="Interrupted the customer.",
        )
        if shared:
            feedback_services.note_share(note=note, by=note.author)
    return note


def sweep_at(when):
    with time_machine.travel(when, tick=False):
        return services.sweep()


def mailed_to(when):
    sweep_at(when)
    return sorted(m.to[0] for m in mail.outbox)


def deactivate(user):
    user.is_active = False
    user.save(update_fields=["is_active"])


def stop_leading(lead, on="2026-06-10"):
    TeamMembership.objects.filter(user=lead, kind=TeamMembership.Kind.LEAD).update(
        end=datetime.date.fromisoformat(on)
    )


class TestCoachingNotes:
    @pytest.fixture(autouse=True)
    def only_feedback(self, settings):
        settings.REMINDER_PROVIDERS = ["feedback.reminders.due_reminders"]

    def test_the_author_who_still_leads_the_agent_is_reminded_and_no_co_lead(
        self, lead, agent, team
    ):
        make_lead(team, email="co.lead@example.test")
        observe(lead, agent, shared=True)
        assert mailed_to(MISSED) == [lead.email]

    def test_a_deactivated_author_with_an_open_membership_gets_nothing_and_a_co_lead_takes_over(
        self, lead, agent, team
    ):
        co_lead = make_lead(team, email="co.lead@example.test")
        observe(lead, agent, shared=True)
        deactivate(lead)  # their lead membership stays open, as it often does in practice
        assert mailed_to(MISSED) == [co_lead.email]
        assert Notification.objects.get().recipient == co_lead

    def test_a_shared_note_of_a_lead_who_moved_on_goes_to_the_agents_current_lead(
        self, lead, agent, other_team
    ):
        observe(lead, agent, shared=True)
        new_lead = make_lead(other_team, email="new.lead@example.test")
        with time_machine.travel("2026-06-10 12:00 +02:00", tick=False):
            people_services.agent_move_to_team(agent=agent, team=other_team, by=personnel_admin())
        assert new_lead.email in mailed_to(MISSED) and lead.email not in mailed_to(MISSED)

    def test_the_inheriting_lead_reads_who_observed_it_and_that_they_no_longer_lead(
        self, lead, agent, team
    ):
        co_lead = make_lead(team, email="co.lead@example.test")
        observe(lead, agent, shared=True)
        deactivate(lead)
        sweep_at(MISSED)
        assert [m.to for m in mail.outbox] == [[co_lead.email]]
        assert "Lena Lead observed Jonas Agent" in mail.outbox[0].body
        assert "no longer leads Jonas Agent" in mail.outbox[0].body

    def test_a_lead_who_takes_over_after_the_authors_reminder_went_out_is_reminded_once_too(
        self, lead, agent, team
    ):
        observe(lead, agent, shared=True)
        assert mailed_to(MISSED) == [lead.email]
        assert sweep_at("2026-06-12 10:30 +02:00").is_idle()  # the author's reminder is done with
        co_lead = make_lead(team, email="co.lead@example.test")
        deactivate(lead)
        assert mailed_to("2026-06-12 11:00 +02:00") == [
            co_lead.email,
            lead.email,
        ]  # the outbox holds both
        assert sweep_at("2026-06-12 11:30 +02:00").is_idle()
        assert sorted(Notification.objects.values_list("recipient__email", flat=True)) == [
            co_lead.email,
            lead.email,
        ]

    def test_a_shared_note_in_a_team_without_an_active_lead_goes_to_active_hr(
        self, lead, agent, hr
    ):
        retired_hr = UserFactory(role=Role.HR, email="retired.hr@example.test", is_active=False)
        observe(lead, agent, shared=True)
        deactivate(lead)
        assert mailed_to(MISSED) == [hr.email]
        assert retired_hr.email not in mailed_to(MISSED)

    def test_a_private_note_of_a_deactivated_author_reaches_nobody_and_counts_as_lapsed(
        self, lead, agent, hr
    ):
        observe(lead, agent)
        deactivate(lead)
        report = sweep_at(MISSED)
        assert report.bells == 0 and mail.outbox == []
        with time_machine.travel(MISSED, tick=False):
            assert lapsed_private_notes(Q2) == 1

    def test_a_private_note_about_an_agent_who_moved_to_another_lead_reaches_nobody(
        self, lead, agent, other_team, other_lead
    ):
        observe(lead, agent)
        with time_machine.travel("2026-06-10 12:00 +02:00", tick=False):
            people_services.agent_move_to_team(agent=agent, team=other_team, by=personnel_admin())
        assert mailed_to(MISSED) == []
        with time_machine.travel(MISSED, tick=False):
            assert lapsed_private_notes(Q2) == 1

    def test_a_private_note_whose_author_still_leads_is_not_lapsed(self, lead, agent):
        observe(lead, agent)
        with time_machine.travel(MISSED, tick=False):
            assert lapsed_private_notes(Q2) == 0

    def test_hr_sees_how_many_private_notes_lapsed_and_never_their_text(
        self, lead, agent, hr, login
    ):
        observe(lead, agent)
        deactivate(lead)
        with time_machine.travel("2026-07-02 10:00 +02:00", tick=False):
            page = login(hr).get("/hr/").content.decode()
        assert "1 private note lapsed without feedback" in page
        assert "Interrupted the customer." not in page

    def test_a_pending_email_to_a_lead_deactivated_meanwhile_is_no_longer_sent(
        self, lead, agent, monkeypatch
    ):
        observe(lead, agent)
        monkeypatch.setattr(
            "django.core.mail.backends.locmem.EmailBackend.send_messages",
            lambda *a, **k: (_ for _ in ()).throw(OSError("SMTP down")),
        )
        assert sweep_at(MISSED).failed == 1
        monkeypatch.undo()
        deactivate(lead)
        report = sweep_at("2026-06-12 10:30 +02:00")
        assert (report.emails_sent, report.cancelled) == (0, 1)
        assert mail.outbox == []


class TestWorkingDaysMode:
    @pytest.fixture(autouse=True)
    def working_days_in_nrw(self, settings):
        settings.REMINDER_PROVIDERS = ["feedback.reminders.due_reminders"]
        settings.FEEDBACK_WINDOW_WORKING_DAYS = True
        settings.HOLIDAY_REGION = "DE-NW"
        settings.REMINDER_WORKDAY_START = "08:00"

    def closing_sent(self, when):
        return sweep_at(when).sent.get("feedback_window_closing", 0)

    def test_closing_fires_once_on_friday_at_eight_for_feedback_due_on_monday(self, lead, agent):
        note = observe(lead, agent, when="2026-06-10 09:00 +02:00")  # Wednesday → Mon 15 June 09:00
        assert note.feedback_due_at.isoformat() == "2026-06-15T09:00:00+02:00"
        assert self.closing_sent("2026-06-12 07:59 +02:00") == 0
        assert self.closing_sent("2026-06-12 08:00 +02:00") == 1
        assert self.closing_sent("2026-06-14 09:30 +02:00") == 0  # not again on Sunday

    def test_closing_skips_a_public_holiday_before_the_due_day(self, lead, agent):
        # Monday 1 June 2026; Thursday 4 June is Corpus Christi in North Rhine-Westphalia.
        note = observe(lead, agent, when="2026-06-01 09:00 +02:00")
        assert note.feedback_due_at.isoformat() == "2026-06-05T09:00:00+02:00"
        assert self.closing_sent("2026-06-03 07:59 +02:00") == 0
        assert (
            self.closing_sent("2026-06-03 08:00 +02:00") == 1
        )  # Wednesday, the last working day before

    def test_the_subject_names_the_due_time_instead_of_24_hours(self, lead, agent):
        observe(lead, agent, when="2026-06-10 09:00 +02:00")
        sweep_at("2026-06-12 08:00 +02:00")
        assert "is due by" in mail.outbox[0].subject


class TestQuarterlyReviews:
    @pytest.fixture(autouse=True)
    def only_reviews(self, settings):
        settings.REMINDER_PROVIDERS = ["reviews.reminders.due_reminders"]

    def overdue_recipients(self):
        sweep_at("2026-07-02 10:00 +02:00")
        return sorted(
            (m.to[0], m.subject)
            for m in mail.outbox
            if "overdue" in m.subject.lower() or "No lead" in m.subject
        )

    def test_an_agent_moved_after_the_quarters_end_is_still_owed_a_review(
        self, lead, agent, other_team, other_lead
    ):
        with time_machine.travel("2026-07-01 09:00 +02:00", tick=False):
            people_services.agent_move_to_team(agent=agent, team=other_team, by=personnel_admin())
        sweep_at("2026-07-02 10:00 +02:00")
        to_new_lead = [
            m for m in mail.outbox if m.to == [other_lead.email] and "Jonas Agent" in m.subject
        ]
        assert len(to_new_lead) == 1 and "Quarterly review overdue" in to_new_lead[0].subject

    def test_an_agent_who_joined_after_the_quarter_owes_no_review_of_it(self, team, lead):
        with time_machine.travel("2026-07-01 09:00 +02:00", tick=False):
            people_services.agent_create(
                by=lead,
                email="new@example.test",
                first_name="Nina",
                last_name="New",
                team=team,
                hire_date=datetime.date(2026, 7, 1),
            )
        sweep_at("2026-07-02 10:00 +02:00")
        assert not any("Nina New" in m.subject for m in mail.outbox)

    def test_a_team_without_an_active_lead_is_reported_to_hr_once_per_team(
        self, lead, agent, colleague, hr
    ):
        deactivate(lead)
        sweep_at("2026-07-02 10:00 +02:00")
        no_lead = [
            m for m in mail.outbox if "No lead for the reviews of Phone Team (Q2 2026)" in m.subject
        ]
        assert [m.to for m in no_lead] == [[hr.email]]
        assert "Jonas Agent" in no_lead[0].body and "Clara Colleague" in no_lead[0].body
        assert not any(m.to == [lead.email] for m in mail.outbox)


class TestBriefings:
    @pytest.fixture(autouse=True)
    def only_briefings(self, settings):
        settings.REMINDER_PROVIDERS = ["briefings.reminders.due_reminders"]
        settings.BRIEFING_COVER_DAYS = 7

    def test_a_briefing_for_a_team_without_an_active_lead_is_reported_to_hr(
        self, lead, agent, team, hr
    ):
        with time_machine.travel("2026-06-01 10:00 +02:00", tick=False):
            briefing = briefing_services.briefing_save(
                briefing=Briefing(title_en="New tariffs", title_de="Neue Tarife"),
                teams=[team],
                points=[("Why", "Warum")],
                author=hr,
            )
            briefing_services.briefing_publish(briefing=briefing)
        deactivate(lead)
        sweep_at("2026-06-10 10:00 +02:00")
        assert [m.to for m in mail.outbox] == [[hr.email]]
        assert "has no active lead" in mail.outbox[0].body


def test_never_to_a_deactivated_user_even_if_a_provider_names_one(lead, agent, settings):
    settings.REMINDER_PROVIDERS = [
        "tests.notifications.test_recipients.provider_naming_a_deactivated_user"
    ]
    deactivate(lead)
    report = sweep_at(MISSED)
    assert report.is_idle() and mail.outbox == [] and not Notification.objects.exists()


def provider_naming_a_deactivated_user(now):
    from core.contracts import Reminder
    from people.models import User

    lead = User.objects.get(email="lead@example.test")
    return [
        Reminder(
            kind="test",
            subject=lead,
            recipient=lead,
            template="feedback/reminders/feedback_window_missed",
        )
    ]
