"""One date format per language on every screen; `<input type="date">` always gets ISO values."""

import datetime
import importlib
import inspect
import re

import pytest
import time_machine
from django import forms
from django.apps import apps
from django.utils import timezone, translation

from core.i18n import local_date, local_datetime
from core.widgets import IsoDateInput, IsoDateTimeInput

pytestmark = pytest.mark.django_db
CHRISTMAS = datetime.datetime(2026, 12, 24, 9, 30, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    "language,day,moment",
    [
        ("de", "24.12.2026", "24.12.2026, 10:30"),
        ("en", "24 Dec 2026", "24 Dec 2026, 10:30"),
    ],
)
def test_each_language_writes_dates_one_way(language, day, moment):
    from django.template import Context, Template

    template = Template(
        '{{ d }}|{{ d|date }}|{{ d|date:"SHORT_DATE_FORMAT" }}|{{ t|date:"SHORT_DATETIME_FORMAT" }}'
        '|{{ t|date:"DATETIME_FORMAT" }}'
    )
    with translation.override(language):
        rendered = template.render(
            Context({"d": datetime.date(2026, 12, 24), "t": timezone.localtime(CHRISTMAS)})
        )
        assert rendered == f"{day}|{day}|{day}|{moment}|{moment}"
        assert local_date(CHRISTMAS) == day
        assert local_datetime(CHRISTMAS) == moment


def _our_form_classes():
    for config in apps.get_app_configs():
        if config.name.split(".")[0] not in {
            "people",
            "skills",
            "plans",
            "training",
            "kpis",
            "feedback",
            "reviews",
            "reports",
            "briefings",
            "portal",
        }:
            continue
        try:
            module = importlib.import_module(f"{config.name}.forms")
        except ModuleNotFoundError:
            continue
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                yield cls


def test_every_date_field_of_every_form_renders_iso_for_the_browser():
    checked = 0
    for cls in _our_form_classes():
        for name, field in cls.base_fields.items():
            if isinstance(field, forms.DateTimeField):
                assert isinstance(field.widget, IsoDateTimeInput), f"{cls.__name__}.{name}"
                checked += 1
            elif isinstance(field, forms.DateField):
                assert isinstance(field.widget, IsoDateInput), f"{cls.__name__}.{name}"
                checked += 1
    assert checked >= 8


def test_a_german_date_input_keeps_its_iso_value():
    with translation.override("de"):
        html = IsoDateInput().render("day", datetime.date(2026, 12, 24))
    assert 'type="date"' in html and 'value="2026-12-24"' in html


@time_machine.travel(datetime.datetime(2026, 11, 17, 10, 0, tzinfo=datetime.UTC))
def test_the_german_team_meeting_form_shows_todays_date(cast, team, login):
    lead = cast["lead"]
    lead.preferred_language = "de"
    lead.save()
    body = login(lead).get(f"/teams/{team.pk}/meetings/new/").content.decode()
    assert re.search(r'<input type="date" name="held_on" value="2026-11-17"', body)


def test_a_german_briefing_keeps_its_date_when_edited(cast, team, login):
    from briefings.models import Briefing

    briefing = Briefing.objects.create(
        title_en="Hours",
        title_de="Zeiten",
        applies_from=datetime.date(2026, 12, 1),
        author=cast["hr"],
    )
    hr = cast["hr"]
    hr.preferred_language = "de"
    hr.save()
    client = login(hr)
    body = client.get(f"/briefings/{briefing.pk}/edit/").content.decode()
    assert 'name="applies_from" value="2026-12-01"' in body
    assert (
        'name="applies_from" value="' + timezone.localdate().isoformat() + '"'
        in client.get("/briefings/new/").content.decode()
    )


@time_machine.travel(datetime.datetime(2026, 11, 17, 10, 0, tzinfo=datetime.UTC))
def test_the_saved_note_message_gives_the_due_time_in_the_readers_format(cast, login):
    lead = cast["lead"]
    lead.preferred_language = "de"
    lead.save()
    response = login(lead).post(
        "/feedback/new/",
        {
            "agent": cast["agent"].pk,
            "observed_at": "2026-11-17T09:00",
            "channel": "phone",
            "kind": "praise",
            "situation": "Calm",
            "effect": "Good",
            "next_step": "Keep",
        },
        follow=True,
    )
    assert "Das Feedback ist bis 20.11.2026, 09:00 fällig." in response.content.decode()
