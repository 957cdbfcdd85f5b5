"""Everything the portal stores about one person, as data (GDPR Art. 15).

`SOURCES` names, for every model that refers to a person, the relation (or
path) that ties its rows to them. A test walks every model with a relation to
the user model and fails when one is neither here nor in `NOT_EXPORTED` with a
reason, so a new model cannot be forgotten.
"""

import datetime
import decimal

from django.apps import apps
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.contracts import PersonalDataSource as Source

SOURCES = [
    Source("people.User", "pk", _("your account"), omit=("password",)),
    Source("people.TeamMembership", "user", _("your team memberships"), about=True),
    Source("people.AgentProfile", "user", _("your profile"), about=True),
    Source("people.MentorPairing", "mentee", _("as mentee"), about=True),
    Source("people.MentorPairing", "mentor", _("as mentor")),
    Source("people.MentorPairing", "created_by", _("arranged by you")),
    Source("people.MentorCheckIn", "pairing__mentee", _("check-ins of your mentoring"), about=True),
    Source("people.MentorCheckIn", "pairing__mentor", _("check-ins as mentor")),
    Source("people.MentorCheckIn", "author", _("written by you")),
    Source(
        "training.PairingFocusSkill",
        "pairing__mentee",
        _("the skills your mentoring is about"),
        about=True,
    ),
    Source("notifications.ReminderLedger", "recipient", _("reminders to you"), about=True),
    Source("notifications.Notification", "recipient", _("notifications to you"), about=True),
    Source("skills.SkillRating", "agent", _("ratings of your skills"), about=True),
    Source("skills.SkillRating", "rated_by", _("ratings given by you")),
    Source("skills.CurrentLevel", "agent", _("your current skill levels"), about=True),
    Source("skills.TargetLevel", "agent", _("your target levels"), about=True),
    Source("skills.TargetLevel", "set_by", _("target levels set by you")),
    Source("skills.CareerWish", "agent", _("your career wishes"), about=True),
    Source("plans.DevelopmentPlan", "agent", _("your development plans"), about=True),
    Source("plans.DevelopmentPlan", "created_by", _("plans started by you")),
    Source("plans.Goal", "plan__agent", _("goals in your plans")),
    Source("plans.Goal", "proposed_by", _("goals proposed by you")),
    Source("plans.Goal", "decided_by", _("goal proposals you decided on")),
    Source("plans.ProgressNote", "goal__plan__agent", _("progress on your goals")),
    Source("plans.ProgressNote", "author", _("written by you")),
    Source("plans.Action", "plan__agent", _("actions in your plans")),
    Source("training.Enrollment", "agent", _("your trainings"), about=True),
    Source("training.CalendarFeed", "user", _("your calendar link"), omit=("token",), about=True),
    Source("training.OnboardingAssignment", "agent", _("your onboarding"), about=True),
    Source("kpis.KpiRecord", "agent", _("your key figures"), about=True),
    Source(
        "kpis.AgentIdentifier",
        "agent",
        _("your identifiers in the contact-center systems"),
        about=True,
    ),
    Source("kpis.KpiImport", "uploaded_by", _("imports uploaded by you"), omit=("errors",)),
    Source(
        "feedback.CoachingNote",
        "agent",
        _("notes about you, shared and not yet shared"),
        about=True,
    ),
    Source("feedback.CoachingNote", "author", _("notes written by you")),
    Source(
        "feedback.NoteRevision", "note__agent", _("earlier wordings of notes about you"), about=True
    ),
    Source("feedback.NoteRevision", "changed_by", _("note wordings you changed")),
    Source(
        "feedback.UpwardFeedbackParticipation",
        "agent",
        _("quarters in which you gave upward feedback"),
        about=True,
    ),
    Source("feedback.UpwardFeedback", "author", _("feedback you gave by name")),
    Source(
        "qa.Evaluation",
        "agent",
        _("quality evaluations of your contacts, shared and not yet shared"),
        about=True,
    ),
    Source("qa.Evaluation", "evaluator", _("quality evaluations written by you")),
    Source(
        "qa.Answer", "evaluation__agent", _("answers in evaluations of your contacts"), about=True
    ),
    Source("qa.Answer", "evaluation__evaluator", _("answers you gave as evaluator")),
    Source(
        "qa.ScoreVersion",
        "evaluation__agent",
        _("every score the evaluations of your contacts had"),
        about=True,
    ),
    Source("qa.ScoreVersion", "changed_by", _("scores changed by you")),
    Source("qa.Dispute", "raised_by", _("your disputes of evaluations"), about=True),
    Source("qa.Dispute", "evaluation__agent", _("disputes on evaluations of your contacts")),
    Source("qa.Dispute", "decided_by", _("disputes decided by you")),
    Source(
        "qa.EvaluationQuota",
        "agent",
        _("how many of your contacts were evaluated per month"),
        about=True,
    ),
    Source("qa.SampleItem", "agent", _("your contacts drawn for evaluation"), about=True),
    Source("qa.SampleDraw", "drawn_by", _("draws of contacts made by you")),
    Source(
        "qa.CalibrationSession",
        "agent",
        _("calibration sessions on one of your contacts (never their results)"),
        omit=("benchmark",),
        about=True,
    ),
    Source("qa.CalibrationSession", "owner", _("calibration sessions you ran")),
    Source("qa.CalibrationParticipant", "evaluator", _("calibration sessions you took part in")),
    Source("qa.CalibrationAnswer", "participant__evaluator", _("your answers in calibrations")),
    Source("qa.Scorecard", "created_by", _("scorecards you created")),
    Source("qa.ScorecardVersion", "created_by", _("scorecard versions you made")),
    Source("reviews.Review", "agent", _("your reviews"), about=True),
    Source("reviews.Review", "reviewer", _("reviews written by you")),
    Source("reviews.ReviewArea", "review__agent", _("improvement areas in your reviews")),
    Source("reports.ExportLog", "user", _("exports made by you")),
    Source("briefings.Briefing", "author", _("briefings written by you")),
    Source("briefings.TeamMeeting", "lead", _("team meetings you led")),
    Source("briefings.TeamMeeting", "attendees", _("team meetings you attended")),
    Source("briefings.Acknowledgement", "agent", _("briefings you confirmed"), about=True),
    Source("briefings.Reading", "agent", _("briefings you marked as read"), about=True),
    Source("briefings.Question", "agent", _("questions you asked"), about=True),
    Source("briefings.Question", "answered_by", _("questions you answered")),
    Source("objectives.ServiceObjective", "author", _("service objectives written by you")),
    Source("objectives.TeamObjective", "proposed_by", _("team objectives proposed by you")),
    Source("objectives.TeamObjective", "agreed_by", _("team objectives agreed by you")),
    Source("objectives.GoalLink", "goal__plan__agent", _("which team objective your goals serve")),
    Source("objectives.GoalLink", "linked_by", _("goals you linked to a team objective")),
    Source("objectives.Proposal", "agent", _("your improvement proposals"), about=True),
    Source("objectives.Proposal", "answered_by", _("improvement proposals you answered")),
    Source("audit.AccessEvent", "subject", _("who opened your records"), about=True),
    Source("audit.AccessEvent", "actor", _("records you opened")),
    Source("privacy.Statement", "author", _("your statements"), about=True),
    Source("admin.LogEntry", "user", _("your changes in the administration")),
    Source(
        "api.ApiToken",
        "user",
        _("your API tokens (names and dates, never the secret)"),
        omit=("digest",),
        about=True,
    ),
    Source("api.ApiToken", "created_by", _("API tokens you created"), omit=("digest",)),
    Source(
        "api.DirectoryGroup",
        "members",
        _("groups of the identity provider you belong to"),
        about=True,
    ),
    Source(
        "otp_totp.TOTPDevice",
        "user",
        _("your two-factor sign-in devices"),
        omit=("key",),
        about=True,
    ),
    Source("one_on_ones.Series", "agent", _("your one-on-one series"), about=True),
    Source("one_on_ones.Series", "lead", _("one-on-one series you lead")),
    Source("one_on_ones.Meeting", "series__agent", _("your one-on-ones"), about=True),
    Source("one_on_ones.Meeting", "series__lead", _("one-on-ones you led")),
    Source("one_on_ones.Meeting", "requested_by", _("extra one-on-ones you asked for")),
    Source(
        "one_on_ones.TalkingPoint",
        "meeting__series__agent",
        _("talking points of your one-on-ones"),
        about=True,
    ),
    Source(
        "one_on_ones.TalkingPoint",
        "meeting__series__lead",
        _("talking points of one-on-ones you led"),
    ),
    Source("one_on_ones.TalkingPoint", "author", _("talking points you added")),
    Source(
        "one_on_ones.SharedNote",
        "meeting__series__agent",
        _("shared notes of your one-on-ones"),
        about=True,
    ),
    Source(
        "one_on_ones.SharedNote", "meeting__series__lead", _("shared notes of one-on-ones you led")
    ),
    Source("one_on_ones.SharedNote", "author", _("shared notes you wrote")),
    Source(
        "one_on_ones.PrivateNote",
        "author",
        _("your private one-on-one notes (yours alone)"),
        about=True,
        own_copy_only=True,
    ),
    Source(
        "one_on_ones.ActionItem",
        "meeting__series__agent",
        _("action items of your one-on-ones"),
        about=True,
    ),
    Source(
        "one_on_ones.ActionItem", "meeting__series__lead", _("action items of one-on-ones you led")
    ),
    Source("one_on_ones.ActionItem", "owner", _("action items you own")),
    Source("one_on_ones.ActionItem", "created_by", _("action items you added")),
]

# Relations to a person that are deliberately not exported, with the reason.
NOT_EXPORTED = {
    "feedback.UpwardFeedback.lead": "Answers about a lead are anonymous; a lead sees them only in aggregate.",
    "feedback.UpwardFeedbackParticipation.lead": "Who answered on a lead is never shown to the lead.",
    "skills.CurrentLevel.agent": "Derived from the skill ratings and target levels, which are exported.",
}


def sources_available() -> list[Source]:
    """The sources whose app is installed (optional apps may be switched off)."""
    return [s for s in SOURCES if apps.is_installed(_app_module(s.model))]


def _app_module(label: str) -> str:
    app_label = label.split(".")[0]
    try:
        return apps.get_app_config(app_label).name
    except LookupError:
        return app_label


def collect(person, *, own_copy: bool = False) -> dict:
    """Every record that refers to `person`, full texts, grouped by kind; what is the person's alone
    (`own_copy_only`) only in their own copy (`own_copy`), never in one HR makes."""
    categories = {}
    for source in sources_available():
        if source.own_copy_only and not own_copy:
            continue
        model = apps.get_model(source.model)
        rows = (
            model._default_manager.filter(**{source.path: person.pk}, **source.only)
            .select_related(*_foreign_keys(model))
            .prefetch_related(*_many_to_many(model))
            .order_by("pk")
        )
        category = categories.setdefault(
            source.model,
            {"kind": str(model._meta.verbose_name_plural), "model": source.model, "records": {}},
        )
        for row in rows:
            entry = category["records"].setdefault(
                row.pk, {"id": row.pk, "involvement": [], "fields": _fields(row, source)}
            )
            entry["involvement"].append(str(source.role))
    return {
        key: {**category, "records": list(category["records"].values())}
        for key, category in categories.items()
        if category["records"]
    }


def export_document(person, *, own_copy: bool = False) -> dict:
    return {
        "format": "team-development-portal/personal-data",
        "version": 1,
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "person": {"id": person.pk, "name": person.get_full_name(), "email": person.email},
        "categories": list(collect(person, own_copy=own_copy).values()),
    }


def records_about(person) -> list:
    """Querysets of the records about `person` (not those they wrote about others)."""
    return [
        apps.get_model(source.model)._default_manager.filter(**{source.path: person.pk})
        for source in sources_available()
        if source.about
    ]


def _foreign_keys(model) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if f.many_to_one or f.one_to_one]


def _many_to_many(model) -> list[str]:
    return [f.name for f in model._meta.many_to_many]


def _fields(row, source: Source) -> dict:
    values = {}
    for model_field in row._meta.concrete_fields:
        if model_field.name in source.omit or model_field.primary_key:
            continue
        values[str(model_field.verbose_name)] = _value(row, model_field)
    for model_field in row._meta.many_to_many:
        values[str(model_field.verbose_name)] = [
            str(item) for item in getattr(row, model_field.name).all()
        ]
    return values


def _value(row, model_field):
    if model_field.is_relation:
        related = getattr(row, model_field.name)
        return None if related is None else str(related)
    raw = getattr(row, model_field.attname)
    if model_field.choices and raw not in (None, ""):
        return str(getattr(row, f"get_{model_field.name}_display")())
    return _plain(raw)


def _plain(value):
    if isinstance(value, datetime.datetime):
        return (
            timezone.localtime(value).isoformat(timespec="seconds")
            if timezone.is_aware(value)
            else value.isoformat()
        )
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or None
    if isinstance(value, (bytes, memoryview)):
        return None
    return value


def relations_to_people():
    """(model label, field name) of every relation from an installed model to the user model."""
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    found = []
    for model in apps.get_models():
        for model_field in model._meta.get_fields():
            if model_field.auto_created or not model_field.is_relation:
                continue
            if model_field.related_model is user_model:
                found.append((model._meta.label, model_field.name))
    return found
