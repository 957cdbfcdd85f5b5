"""Setting up, preparing and finishing one-on-ones through the services, and the bad input each refuses
with a clear message, nothing half-saved."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from one_on_ones import selectors, services
from one_on_ones.models import ActionItem, Meeting, PrivateNote, Series, TalkingPoint

from .factories import first_meeting, next_week_at_ten, start_series

pytestmark = pytest.mark.django_db
NOW = "2026-12-07 09:00 +01:00"


def messages_of(error: ValidationError) -> str:
    return " ".join(error.messages)


@time_machine.travel(NOW, tick=False)
def test_a_series_plans_the_next_meetings_ahead_at_the_same_local_time(lead, agent, settings):
    settings.ONE_ON_ONE_MEETINGS_AHEAD = 3
    series = start_series(lead, agent, every_days=14)
    times = [timezone.localtime(m.scheduled_at) for m in series.meetings.all()]
    assert [t.date() for t in times] == [
        datetime.date(2026, 12, 14),
        datetime.date(2026, 12, 28),
        datetime.date(2027, 1, 11),
    ]
    assert {t.time() for t in times} == {datetime.time(10, 0)}


@time_machine.travel("2026-03-16 09:00 +01:00", tick=False)
def test_a_meeting_stays_at_ten_across_the_change_to_summer_time(lead, agent):
    series = start_series(lead, agent, every_days=7)
    times = [timezone.localtime(m.scheduled_at).time() for m in series.meetings.all()]
    assert times == [datetime.time(10, 0)] * 3  # 23.03., 30.03. (after 29.03.) and 06.04.


@time_machine.travel(NOW, tick=False)
def test_a_first_meeting_in_the_past_is_refused_and_nothing_is_saved(lead, agent):
    with pytest.raises(ValidationError) as refused:
        start_series(lead, agent, first_at=timezone.now() - datetime.timedelta(hours=1))
    assert "cannot be in the past" in messages_of(refused.value)
    assert not Series.objects.exists() and not Meeting.objects.exists()


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("every_days", [0, -7, 3, 365])
def test_a_cadence_of_zero_or_an_unknown_one_is_refused(lead, agent, every_days):
    with pytest.raises(ValidationError) as refused:
        start_series(lead, agent, every_days=every_days)
    assert "how often you meet" in messages_of(refused.value)
    assert not Series.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_a_series_with_an_agent_outside_the_leads_teams_is_refused(lead, other_agent, hr):
    for actor in (lead, hr):
        with pytest.raises(ValidationError) as refused:
            start_series(actor, other_agent)
        assert "agents of the teams you lead" in messages_of(refused.value)
    assert not Series.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_a_second_running_series_with_the_same_agent_is_refused(lead, agent):
    start_series(lead, agent)
    with pytest.raises(ValidationError) as refused:
        start_series(lead, agent)
    assert "already hold regular one-on-ones" in messages_of(refused.value)
    assert Series.objects.count() == 1


@time_machine.travel(NOW, tick=False)
def test_a_talking_point_on_someone_elses_meeting_is_refused(lead, agent, colleague, other_lead):
    meeting = first_meeting(lead, agent)
    for stranger in (colleague, other_lead):
        with pytest.raises(Http404):
            services.point_add(meeting=meeting, by=stranger, text="Mine")
    assert not TalkingPoint.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_an_action_item_for_a_third_person_is_refused(lead, agent, colleague):
    meeting = first_meeting(lead, agent)
    with pytest.raises(ValidationError) as refused:
        services.action_item_add(
            meeting=meeting, by=lead, text="Shadow a call", owner=colleague, due_on=None
        )
    assert "never to a third person" in messages_of(refused.value)
    assert not ActionItem.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_an_action_item_due_long_before_the_meeting_is_refused(lead, agent):
    meeting = first_meeting(lead, agent)
    with pytest.raises(ValidationError) as refused:
        services.action_item_add(
            meeting=meeting, by=lead, text="x", owner=agent, due_on=datetime.date(2020, 1, 1)
        )
    assert "due date" in messages_of(refused.value)


@time_machine.travel(NOW, tick=False)
def test_both_sides_add_points_and_unchecked_ones_carry_over_counted(lead, agent):
    meeting = first_meeting(lead, agent)
    mine = services.point_add(meeting=meeting, by=lead, text="Your chat volume")
    theirs = services.point_add(meeting=meeting, by=agent, text="Night shifts")
    services.point_set_done(point=mine, by=agent, done=True)
    services.meeting_finish(meeting=meeting, by=lead)
    services.meeting_finish(meeting=meeting, by=agent)  # twice carries nothing twice
    following = Meeting.objects.filter(scheduled_at__gt=meeting.scheduled_at).first()
    carried = list(following.points.all())
    assert [(p.text, p.carried_over, p.carried_from_id) for p in carried] == [
        ("Night shifts", 1, theirs.pk)
    ]
    services.meeting_finish(meeting=following, by=lead)
    third = Meeting.objects.filter(scheduled_at__gt=following.scheduled_at).first()
    assert [(p.text, p.carried_over) for p in third.points.all()] == [("Night shifts", 2)]


@time_machine.travel(NOW, tick=False)
def test_finishing_the_last_planned_meeting_plans_the_next_for_its_points(lead, agent, settings):
    settings.ONE_ON_ONE_MEETINGS_AHEAD = 1
    meeting = first_meeting(lead, agent)
    services.point_add(meeting=meeting, by=agent, text="Open")
    services.meeting_finish(meeting=meeting, by=agent)
    following = Meeting.objects.exclude(pk=meeting.pk).get()
    assert following.scheduled_at == meeting.scheduled_at + datetime.timedelta(days=14)
    assert following.points.get().carried_over == 1


@time_machine.travel(NOW, tick=False)
def test_a_meeting_moves_forward_only_and_its_calendar_version_grows(lead, agent):
    meeting = first_meeting(lead, agent)
    later = meeting.scheduled_at + datetime.timedelta(days=1)
    moved = services.meeting_move(meeting=meeting, by=agent, scheduled_at=later)
    assert (moved.scheduled_at, moved.sequence) == (later, 1)
    with pytest.raises(ValidationError):
        services.meeting_move(
            meeting=meeting, by=lead, scheduled_at=timezone.now() - datetime.timedelta(days=1)
        )
    meeting.refresh_from_db()
    assert meeting.scheduled_at == later


@time_machine.travel(NOW, tick=False)
def test_the_agent_asks_for_an_extra_meeting(lead, agent):
    meeting = first_meeting(lead, agent)
    extra = services.meeting_request_extra(
        agent=agent, meeting=meeting, scheduled_at=next_week_at_ten() - datetime.timedelta(days=3)
    )
    assert extra.is_extra and extra.requested_by == agent and extra.series == meeting.series


@time_machine.travel(NOW, tick=False)
def test_a_private_note_is_one_per_writer_and_empty_deletes_it(lead, agent):
    meeting = first_meeting(lead, agent)
    services.private_note_save(meeting=meeting, by=lead, text="First")
    services.private_note_save(meeting=meeting, by=lead, text="Second")
    services.private_note_save(meeting=meeting, by=agent, text="Mine")
    assert sorted(PrivateNote.objects.values_list("text", flat=True)) == ["Mine", "Second"]
    services.private_note_save(meeting=meeting, by=lead, text="  ")
    assert list(PrivateNote.objects.values_list("text", flat=True)) == ["Mine"]


@time_machine.travel(NOW, tick=False)
def test_a_former_lead_reads_but_changes_nothing_and_the_new_lead_starts_a_new_series(
    lead, agent, team, other_team
):
    from people.models import TeamMembership

    from ..factories import make_lead

    meeting = first_meeting(lead, agent)
    TeamMembership.objects.filter(user=lead, team=team).update(end=timezone.localdate())
    TeamMembership.objects.create(
        user=lead, team=other_team, kind="lead", start=timezone.localdate()
    )
    new_lead = make_lead(team)
    with pytest.raises(Http404):
        services.point_add(meeting=meeting, by=lead, text="After I left")
    with pytest.raises(Http404):
        services.point_add(meeting=meeting, by=new_lead, text="Not my series")
    with pytest.raises(Http404):
        services.point_add(meeting=meeting, by=agent, text="The series has ended with the lead")
    assert selectors.meeting_page(agent, meeting.pk).meeting == meeting  # still readable
    assert selectors.meeting_page(lead, meeting.pk).meeting == meeting
    start_series(new_lead, agent)
    assert Series.objects.filter(agent=agent).count() == 2
