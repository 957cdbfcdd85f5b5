"""Demo data of the one-on-ones: the demo lead meets each agent of their team every two weeks; the
demo agent's series has held meetings (a point carried over, notes, a private note of the lead's) and
the next three planned. Two agents of the team have had no one-on-one lately, so the dashboard's
cadence shows them."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from .models import ActionItem, Meeting, PrivateNote, Series, SharedNote, TalkingPoint

HELD = 4  # meetings held with the demo agent before today
AHEAD = 3


def _at(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def seed(*, demo, rng, today):
    lead, agent = demo.lead, demo.agent
    team_agents = [a for a in demo.members().get(demo.teams[0].pk, []) if a.pk != agent.pk]
    first_day = today - timedelta(days=14 * HELD - 3)
    series = Series.objects.create(
        lead=lead, agent=agent, every_days=14, started_at=_at(first_day) - timedelta(days=7)
    )
    meetings = [
        Meeting(
            series=series,
            scheduled_at=_at(first_day + timedelta(days=14 * n)),
            finished_at=_at(first_day + timedelta(days=14 * n)) + timedelta(minutes=30)
            if n < HELD
            else None,
        )
        for n in range(HELD + AHEAD)
    ]
    Meeting.objects.bulk_create(meetings)
    last_held, upcoming = meetings[HELD - 1], meetings[HELD]
    _held_meeting(series, meetings[HELD - 2], last_held, upcoming, lead, agent)
    # Most of the team had a one-on-one lately; the last two have not.
    for other in team_agents[:-2]:
        other_series = Series.objects.create(
            lead=lead, agent=other, every_days=28, started_at=_at(today - timedelta(days=40))
        )
        Meeting.objects.bulk_create(
            [
                Meeting(
                    series=other_series,
                    scheduled_at=_at(today - timedelta(days=rng.randint(3, 20))),
                    finished_at=_at(today - timedelta(days=2)),
                ),
                Meeting(series=other_series, scheduled_at=_at(today + timedelta(days=9))),
            ]
        )


def _held_meeting(series, earlier, held, upcoming, lead, agent):
    carried = TalkingPoint.objects.create(
        meeting=earlier,
        author=agent,
        text="Wechsel in den Chat-Kanal / Moving to the chat channel",
        created_at=earlier.scheduled_at - timedelta(days=1),
    )
    TalkingPoint.objects.create(
        meeting=earlier,
        author=lead,
        text="Rückblick auf die Woche / How was your week?",
        source=TalkingPoint.Source.TEMPLATE,
        done=True,
        created_at=earlier.scheduled_at - timedelta(days=1),
    )
    again = TalkingPoint.objects.create(
        meeting=held,
        author=agent,
        text=carried.text,
        carried_over=1,
        carried_from=carried,
        created_at=earlier.scheduled_at + timedelta(hours=1),
    )
    TalkingPoint.objects.create(
        meeting=upcoming,
        author=agent,
        text=again.text,
        carried_over=2,
        carried_from=again,
        created_at=held.scheduled_at + timedelta(hours=1),
    )
    SharedNote.objects.create(
        meeting=held,
        author=lead,
        text="Chat-Schulung im nächsten Quartal einplanen. / Plan the chat training next quarter.",
        created_at=held.scheduled_at + timedelta(minutes=25),
    )
    PrivateNote.objects.create(
        meeting=held,
        author=lead,
        text="Wirkte müde – beim nächsten Mal nach den Spätschichten fragen.",
        updated_at=held.scheduled_at + timedelta(minutes=35),
    )
    ActionItem.objects.create(
        meeting=held,
        text="Termin für die Chat-Schulung klären / Find a date for the chat training",
        owner=lead,
        due_on=timezone.localtime(upcoming.scheduled_at).date(),
        created_by=lead,
        created_at=held.scheduled_at + timedelta(minutes=28),
    )
    ActionItem.objects.create(
        meeting=earlier,
        text="Leitfaden Rückrufe lesen / Read the call-back guide",
        owner=agent,
        due_on=timezone.localtime(held.scheduled_at).date(),
        done_at=held.scheduled_at - timedelta(days=2),
        created_by=lead,
        created_at=earlier.scheduled_at + timedelta(minutes=20),
    )
