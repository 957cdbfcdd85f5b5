"""Plausible dates, one rule (`core.dates`): every date field of every form lies in a span around today,
the services add what only the record knows, and every refusal names the date and the edge it crossed."""

import datetime
import importlib
import inspect
from pathlib import Path

import pytest
import time_machine
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import translation

from briefings.models import Briefing, TeamMeeting
from feedback import services as feedback_services
from feedback.models import CoachingNote
from people.forms import PlausibleDateField, PlausibleDateTimeField
from people.models import AgentProfile, MentorPairing, User
from training import services as training_services

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 12, 7, 10, 0, tzinfo=datetime.UTC)


def _date_fields_of_every_form():
    root = Path(apps.get_app_config("portal").path).parent
    for config in apps.get_app_configs():
        if Path(config.path) != root / config.name:  # ours, not Django's or a library's
            continue
        try:
            module = importlib.import_module(f"{config.name}.forms")
        except ModuleNotFoundError:
            continue
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                for name, field in cls.base_fields.items():
                    if isinstance(field, forms.DateField | forms.DateTimeField):
                        yield f"{cls.__name__}.{name}", field


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    "typed,named", [("1900-01-01", "01.01.1900"), ("2199-12-31", "31.12.2199")]
)
def test_every_date_field_of_every_form_refuses_an_implausible_date_and_names_it(typed, named):
    walked = []
    for where, field in _date_fields_of_every_form():
        assert isinstance(field, PlausibleDateField | PlausibleDateTimeField), where
        value = f"{typed}T09:00" if isinstance(field, forms.DateTimeField) else typed
        with translation.override("de"), pytest.raises(forms.ValidationError) as refused:
            field.clean(value)
        message = " ".join(refused.value.messages)
        assert named in message, (where, message)
        assert "Datum" in message, (where, message)
        walked.append(where)
    assert (
        len(walked) >= 12
    )  # notes, deliveries, check-ins, new hires, reviews, briefings, meetings …


@time_machine.travel(NOW, tick=False)
def test_every_date_field_takes_today():
    for where, field in _date_fields_of_every_form():
        typed = "2026-12-07T09:00" if isinstance(field, forms.DateTimeField) else "2026-12-07"
        field.clean(typed)  # refuses nothing of today (a wish or a first day may also be later)
        assert where


def _note(client, agent, observed_at):
    return client.post(
        "/feedback/new/",
        {
            "agent": agent.pk,
            "observed_at": observed_at,
            "channel": "phone",
            "kind": "praise",
            "situation": "Calm",
        },
    )


@time_machine.travel(NOW, tick=False)
def test_an_observation_from_1900_or_2020_is_refused_with_the_date_named(cast, login, settings):
    settings.RECORDS_MAX_DAYS_BACK = 30
    User.objects.filter(pk=cast["lead"].pk).update(preferred_language="de")
    client = login(cast["lead"])
    for typed, named in (("1900-01-01T09:00", "01.01.1900"), ("2020-03-02T09:00", "02.03.2020")):
        body = _note(client, cast["agent"], typed).content.decode()
        assert f"Das Datum {named} liegt zu weit zurück" in body
        assert "07.11.2026" in body  # the earliest possible day, 30 days back
    assert not CoachingNote.objects.exists()
    assert _note(client, cast["agent"], "2026-11-08T09:00").status_code == 302


@time_machine.travel(NOW, tick=False)
def test_the_days_back_are_a_setting(cast, settings):
    settings.RECORDS_MAX_DAYS_BACK = 60
    note = feedback_services.note_create(
        author=cast["lead"],
        agent=cast["agent"],
        observed_at=NOW - datetime.timedelta(days=45),
        channel="phone",
        kind="praise",
        situation="Calm",
    )
    assert note.pk
    settings.RECORDS_MAX_DAYS_BACK = 30
    with pytest.raises(ValidationError, match="too far back"):
        feedback_services.note_create(
            author=cast["lead"],
            agent=cast["agent"],
            observed_at=NOW - datetime.timedelta(days=45),
            channel="phone",
            kind="praise",
            situation="Calm",
        )


@time_machine.travel(NOW, tick=False)
def test_an_observation_before_the_agents_first_working_day_is_refused(cast):
    AgentProfile.objects.filter(user=cast["agent"]).update(hire_date=datetime.date(2026, 12, 1))
    with translation.override("de"), pytest.raises(ValidationError) as refused:
        feedback_services.note_create(
            author=cast["lead"],
            agent=cast["agent"],
            observed_at=datetime.datetime(2026, 11, 30, 9, 0, tzinfo=datetime.UTC),
            channel="phone",
            kind="praise",
            situation="Calm",
        )
    assert refused.value.message_dict["observed_at"] == [
        f"Das Datum 30.11.2026 liegt vor dem ersten Arbeitstag von {cast['agent']}, dem 01.12.2026."
    ]


@time_machine.travel(NOW, tick=False)
def test_an_old_note_stays_editable_without_changing_its_date(cast, login):
    with time_machine.travel(NOW - datetime.timedelta(days=50), tick=False):
        note = feedback_services.note_create(
            author=cast["lead"],
            agent=cast["agent"],
            observed_at=NOW - datetime.timedelta(days=50),
            channel="phone",
            kind="praise",
            situation="Calm",
        )
    feedback_services.note_update(
        note=note,
        by=cast["lead"],
        observed_at=note.observed_at,
        channel="phone",
        kind="praise",
        situation="Calm and friendly",
    )
    note.refresh_from_db()
    assert note.situation == "Calm and friendly"


@time_machine.travel(NOW, tick=False)
def test_check_ins_lie_within_the_pairing(cast):
    pairing = MentorPairing.objects.create(
        mentor=cast["colleague"], mentee=cast["agent"], start=datetime.date(2026, 12, 1)
    )
    for day, says in (
        (datetime.date(1950, 1, 1), "before the mentoring began, on 12/01/2026"),
        (datetime.date(2026, 11, 30), "before the mentoring began"),
        (datetime.date(2099, 1, 1), "too far ahead"),
    ):
        with translation.override("en"), pytest.raises(ValidationError) as refused:
            training_services.check_in_add(
                pairing=pairing, author=cast["agent"], note="Talked", held_on=day
            )
        message = refused.value.message_dict["held_on"][0]
        assert says.split(", on")[0] in message, message
    training_services.check_in_add(
        pairing=pairing, author=cast["agent"], note="Talked", held_on=datetime.date(2026, 12, 2)
    )
    assert pairing.check_ins.count() == 1


@time_machine.travel(NOW, tick=False)
def test_a_meeting_dated_1900_gets_a_date_message_not_a_membership_one(cast, team, login):
    User.objects.filter(pk=cast["lead"].pk).update(preferred_language="de")
    body = (
        login(cast["lead"])
        .post(
            f"/teams/{team.pk}/meetings/new/",
            {"held_on": "1900-01-01", "attendees": [cast["agent"].pk]},
        )
        .content.decode()
    )
    assert "Das Datum 01.01.1900 liegt zu weit zurück" in body
    assert "gehören nicht zum Team" not in body
    assert not TeamMeeting.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_a_briefing_applying_from_1901_is_refused(cast, team, login):
    response = login(cast["hr"]).post(
        "/briefings/new/",
        {
            "title_en": "Hours",
            "title_de": "Zeiten",
            "applies_from": "1901-01-01",
            "teams": [team.pk],
            "points-TOTAL_FORMS": "1",
            "points-INITIAL_FORMS": "0",
            "points-0-text_en": "Why",
            "points-0-text_de": "Warum",
        },
    )
    assert response.status_code == 200
    assert "01.01.1901" in response.content.decode() or "1 Jan 1901" in response.content.decode()
    assert not Briefing.objects.exists()
