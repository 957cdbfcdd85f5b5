import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from briefings import reminders, selectors, services
from briefings.models import Acknowledgement, Briefing, TeamMeeting

pytestmark = pytest.mark.django_db


def publish(teams, hr=None, **kwargs):
    briefing = services.briefing_save(
        briefing=Briefing(title_en=kwargs.get("title", "New tariffs"), title_de="Neue Tarife"),
        teams=teams,
        points=[("Why", "Warum"), ("What", "Was")],
        author=hr,
    )
    return services.briefing_publish(briefing=briefing)


def test_a_briefing_for_no_team_is_refused():
    with pytest.raises(ValidationError) as error:
        services.briefing_save(briefing=Briefing(title_en="x"), teams=[], points=[("a", "")])
    assert "teams" in error.value.error_dict
    assert not Briefing.objects.exists()


def test_a_briefing_needs_a_talking_point_to_be_published(team):
    briefing = services.briefing_save(briefing=Briefing(title_en="x"), teams=[team], points=[])
    with pytest.raises(ValidationError):
        services.briefing_publish(briefing=briefing)


def test_readers_see_their_language_first_and_fall_back_to_the_other(team):
    briefing = services.briefing_save(
        briefing=Briefing(title_en="Only English"), teams=[team], points=[("", "Nur Deutsch")]
    )
    point = briefing.points.get()
    with translation.override("de"):
        assert briefing.title == "Only English" and point.text == "Nur Deutsch"
    with translation.override("en"):
        assert point.text == "Nur Deutsch"


def test_visibility_follows_the_teams_a_briefing_is_for(cast, team, other_team):
    mine = publish([team])
    theirs = publish([other_team])
    draft = services.briefing_save(
        briefing=Briefing(title_en="Draft"), teams=[team], points=[("a", "")]
    )
    assert set(selectors.briefings_visible_to(cast["agent"])) == {mine}
    assert set(selectors.briefings_visible_to(cast["lead"])) == {mine}
    assert set(selectors.briefings_visible_to(cast["other_agent"])) == {theirs}
    assert set(selectors.briefings_visible_to(cast["hr"])) == {mine, theirs, draft}


def test_a_meeting_with_attendees_from_another_team_is_refused(cast, team):
    briefing = publish([team])
    with pytest.raises(ValidationError) as error:
        services.meeting_record(
            lead=cast["lead"],
            team=team,
            held_on=timezone.localdate(),
            attendees=[cast["agent"], cast["other_agent"]],
            briefings=[briefing],
        )
    assert "attendees" in error.value.error_dict
    assert not TeamMeeting.objects.exists()


def test_a_meeting_cannot_cover_a_briefing_for_another_team(cast, team, other_team):
    with pytest.raises(ValidationError):
        services.meeting_record(
            lead=cast["lead"],
            team=team,
            held_on=timezone.localdate(),
            attendees=[cast["agent"]],
            briefings=[publish([other_team])],
        )


def test_coverage_per_team_on_a_known_fixture(cast, team, other_team):
    from ..factories import make_agent

    absent = make_agent(team, first_name="Abe", last_name="Absent")
    briefing = publish([team, other_team])
    services.meeting_record(
        lead=cast["lead"],
        team=team,
        held_on=timezone.localdate(),
        attendees=[cast["agent"], cast["colleague"]],
        briefings=[briefing],
    )
    services.acknowledge(agent=cast["agent"], briefing=briefing)
    services.acknowledge(agent=cast["agent"], briefing=briefing)  # twice is harmless
    rows = {row.team: row for row in selectors.coverage(briefing)}
    mine, theirs = rows[team], rows[other_team]
    assert mine.covered_on == timezone.localdate()
    assert (mine.present_share, mine.share) == (50, 33)
    assert mine.missing == [absent, cast["colleague"]] or set(mine.missing) == {
        absent,
        cast["colleague"],
    }
    assert mine.absent == [absent]
    assert theirs.covered_on is None and theirs.present_share is None and theirs.absent == []
    assert Acknowledgement.objects.count() == 1
    services.acknowledge(agent=cast["colleague"], briefing=briefing)
    assert selectors.coverage(briefing, [team])[0].present_share == 100


def test_open_briefings_disappear_from_a_team_once_covered(cast, team):
    briefing = publish([team])
    assert selectors.open_briefings_for([team]) == [(team, [briefing])]
    services.meeting_record(
        lead=cast["lead"],
        team=team,
        held_on=timezone.localdate(),
        attendees=[cast["agent"]],
        briefings=[briefing],
    )
    assert selectors.open_briefings_for([team]) == [(team, [])]


def test_attachments_are_limited_in_size_and_type(team, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    briefing = publish([team])
    with pytest.raises(ValidationError):
        services.attachment_add(briefing=briefing, upload=SimpleUploadedFile("run.exe", b"MZ"))
    big = SimpleUploadedFile("big.pdf", b"x")
    big.size = services.MAX_ATTACHMENT_BYTES + 1
    with pytest.raises(ValidationError):
        services.attachment_add(briefing=briefing, upload=big)
    assert (
        services.attachment_add(
            briefing=briefing, upload=SimpleUploadedFile("plan.pdf", b"%PDF")
        ).name
        == "plan.pdf"
    )


class TestReminders:
    def test_leads_are_reminded_once_the_cover_days_have_passed(self, cast, team, settings):
        settings.BRIEFING_COVER_DAYS = 7
        with time_machine.travel("2026-06-01 10:00 +02:00", tick=False):
            briefing = publish([team])
        with time_machine.travel("2026-06-08 09:59 +02:00", tick=False):
            assert reminders.due_reminders(timezone.now()) == []
        with time_machine.travel("2026-06-08 10:01 +02:00", tick=False):
            [reminder] = reminders.due_reminders(timezone.now())
        assert (reminder.subject, reminder.recipient) == (briefing, cast["lead"])

    def test_a_covered_briefing_is_not_reminded_about(self, cast, team):
        with time_machine.travel("2026-06-01 10:00 +02:00", tick=False):
            briefing = publish([team])
            services.meeting_record(
                lead=cast["lead"],
                team=team,
                held_on=timezone.localdate(),
                attendees=[cast["agent"]],
                briefings=[briefing],
            )
        with time_machine.travel("2026-06-20 10:00 +02:00", tick=False):
            assert reminders.due_reminders(timezone.now()) == []

    def test_the_sweep_sends_a_briefing_reminder_exactly_once(self, cast, team, settings):
        from django.core import mail

        from notifications.services import sweep

        settings.REMINDER_PROVIDERS = ["briefings.reminders.due_reminders"]
        with time_machine.travel("2026-06-01 10:00 +02:00", tick=False):
            publish([team])
        with time_machine.travel("2026-06-10 10:00 +02:00", tick=False):
            assert sweep().sent == {"briefing_not_covered": 1}
            assert sweep().sent == {}
        assert mail.outbox[0].to == [cast["lead"].email]
        assert "New tariffs" in mail.outbox[0].subject


def test_the_coverage_summary_counts_an_agent_of_two_addressed_teams_once(cast, team, other_team):
    from ..factories import MembershipFactory

    MembershipFactory(team=other_team, user=cast["agent"])
    briefing = publish([team, other_team])
    services.meeting_record(
        lead=cast["lead"],
        team=team,
        held_on=timezone.localdate(),
        attendees=[cast["agent"]],
        briefings=[briefing],
    )
    services.acknowledge(agent=cast["agent"], briefing=briefing)
    services.acknowledge(
        agent=cast["other_agent"], briefing=publish([other_team])
    )  # another briefing: not counted
    summary = selectors.coverage_summary(briefing, briefing.teams.all(), 2)
    assert (summary.teams, summary.covered, summary.agents, summary.confirmed) == (2, 1, 3, 1)
    assert summary.share == 33


def test_coverage_lists_a_teams_agents_by_last_and_first_name(cast, team):
    from ..factories import make_agent

    make_agent(team, first_name="Zoe", last_name="Agent")
    make_agent(team, first_name="Anna", last_name="Agent")
    row = selectors.coverage(publish([team]), [team])[0]
    assert row.missing_names == "Anna Agent, Jonas Agent, Zoe Agent, Clara Colleague"
    assert row.absent_names == ""  # no meeting yet: nobody to follow up
