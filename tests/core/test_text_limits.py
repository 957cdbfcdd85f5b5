"""Limits on every text field: each text field of every form has a limit (the model's, for model
forms), the model refuses longer text whatever the way in, a counter appears near the limit, and the
exports carry the longest text allowed."""

import importlib
import inspect
import io
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from core.fields import LimitedTextField
from feedback import services as feedback_services
from feedback.models import CoachingNote
from plans import services as plan_services
from plans.models import DevelopmentPlan, Goal, ProgressNote

from ..reports.test_exports import held_review, read_csv

pytestmark = pytest.mark.django_db
# Passwords are never stored or shown: Django's hashers take any length (and cap it themselves).
NOT_LIMITED = {"EmailAuthenticationForm.password"}


def _text_fields_of_every_form():
    root = Path(apps.get_app_config("portal").path).parent
    for config in apps.get_app_configs():
        if Path(config.path) != root / config.name:
            continue
        try:
            module = importlib.import_module(f"{config.name}.forms")
        except ModuleNotFoundError:
            continue
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                for name, field in cls.base_fields.items():
                    if isinstance(field, forms.CharField):
                        yield f"{cls.__name__}.{name}", field, cls


def test_every_text_field_of_every_form_has_a_limit():
    walked = []
    for where, field, cls in _text_fields_of_every_form():
        walked.append(where)
        if where in NOT_LIMITED:
            continue
        assert field.max_length, f"{where} has no max_length"
        model = getattr(getattr(cls, "_meta", None), "model", None)
        name = where.split(".")[1]
        if model is not None and name in {f.name for f in model._meta.fields}:
            assert field.max_length == model._meta.get_field(name).max_length, where
    assert len(walked) >= 30


def test_every_form_limit_fits_the_models_limit_of_the_same_text():
    pairs = [
        ("feedback.forms", "NoteContentForm", CoachingNote, ("situation", "effect", "next_step")),
        ("plans.forms", "GoalForm", Goal, ("success_measure",)),
    ]
    for module, form, model, names in pairs:
        cls = getattr(importlib.import_module(module), form)
        for name in names:
            model_field = model._meta.get_field(name)
            assert isinstance(model_field, LimitedTextField)
            assert cls.base_fields[name].max_length == model_field.max_length


def test_a_216000_character_note_is_refused_whatever_the_way_in(lead, agent):
    with pytest.raises(ValidationError) as refused:
        feedback_services.note_create(
            author=lead,
            agent=agent,
            channel="phone",
            kind="praise",
            situation="x" * 216_000,
        )
    assert "situation" in refused.value.message_dict
    assert not CoachingNote.objects.exists()


def test_a_100000_character_goal_update_is_refused(lead, agent):
    plan = DevelopmentPlan.objects.create(agent=agent)
    goal = Goal.objects.create(plan=plan, title="Shorter calls")
    with pytest.raises(ValidationError):
        plan_services.progress_note_add(goal=goal, author=agent, text="y" * 100_000)
    assert not ProgressNote.objects.exists()
    plan_services.progress_note_add(goal=goal, author=agent, text="y" * 2000)
    assert ProgressNote.objects.get().text == "y" * 2000


def test_a_text_field_shows_its_limit_and_the_page_counts_near_it(cast, login):
    body = login(cast["lead"]).get("/feedback/new/").content.decode()
    assert 'maxlength="4000"' in body and 'name="situation"' in body
    assert 'id="text-limit-words"' in body and "js/text-limit.js" in body


def test_the_exports_carry_the_longest_text_allowed(cast, login, team):
    longest = ("word " * 1100 + "W" * 500)[:6000]
    review = held_review(cast["lead"], cast["agent"], summary=longest, strengths="S" * 4000)
    client = login(cast["hr"])
    rows = read_csv(client.get("/hr/exports/reviews.csv?quarter=2026-Q3"))
    assert any(longest in cell for row in rows for cell in row)
    xlsx = client.get("/hr/exports/reviews.xlsx?quarter=2026-Q3")
    sheet = load_workbook(
        io.BytesIO(b"".join(xlsx.streaming_content) if xlsx.streaming else xlsx.content)
    ).active
    assert any(longest == cell for row in sheet.iter_rows(values_only=True) for cell in row)
    pdf = client.get(f"/hr/exports/reviews/{review.pk}.pdf")
    assert pdf.content.startswith(b"%PDF")
