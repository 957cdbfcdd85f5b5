"""Everything the portal stores about one person, as data (GDPR Art. 15), gathered from the apps.

Each app owns its personal data: `<app>/personal_data.py` (listed in `settings.PERSONAL_DATA_MODULES`)
declares its sources (`SOURCES`: for every model that refers to a person, the relation or path that ties
its rows to them, and the policy's say on which of them the person may see), the relations it does not
export (`NOT_EXPORTED`, with the reason), its retention rules (`RETENTION`) and its entry in the register
(`REGISTER`); see `core.contracts.PersonalDataModule`. This module only gathers them. A test walks every
model with a relation to the user model and fails when one is neither exported nor excluded with a
reason, and another when an app with personal data is not gathered, so nothing can be forgotten.

`SOURCES` and `NOT_EXPORTED` here hold the portal's own (privacy's models, Django's administration log,
the two-factor devices); a source still listed here the old way is gathered too.
"""

import datetime
import decimal
import sys
from importlib import import_module

from axes.models import AccessAttempt
from django.apps import apps
from django.conf import settings
from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.contracts import PersonalDataSource as Source
from core.contracts import RegisterEntry, RetentionRule
from core.periods import moment, months_before

# A copy is never part of another copy (nor of the copy of whoever recorded its request).
COPY_CONTENT = ("json_copy", "pdf_copy")

# The portal's own sources: privacy's models, and those of Django's administration and the two-factor
# devices, which have no app of ours. Each app of ours declares its sources in `<app>/personal_data.py`.
SOURCES = [
    Source("privacy.Statement", "author", _("your statements"), about=True),
    Source(
        "privacy.DataRequest",
        "person",
        _("your requests for a copy of your data"),
        omit=COPY_CONTENT,
        about=True,
    ),
    Source(
        "privacy.DataRequest",
        "recorded_by",
        _("requests for a copy you recorded (never the copies)"),
        omit=COPY_CONTENT,
    ),
    Source("admin.LogEntry", "user", _("your changes in the administration")),
    Source(
        "otp_totp.TOTPDevice",
        "user",
        _("your two-factor sign-in devices"),
        omit=("key",),
        about=True,
    ),
]

# Relations to a person that are deliberately not exported, with the reason (the portal's own; an app
# declares its own in its `personal_data.py`).
NOT_EXPORTED: dict[str, str] = {}


def _sign_in_attempts(today):
    """Failed sign-ins (e-mail, address, browser) counted for the lockout, and any sign-in log."""
    cutoff = moment(months_before(today, settings.RETENTION_MONTHS["sign_in_attempts"]))
    return AccessAttempt.objects.filter(attempt_time__lt=cutoff)


# The portal's own retention rules (django-axes has no app of ours); each app declares its own.
RETENTION = [
    RetentionRule(
        key="sign_in_attempts",
        label=_("Failed sign-in attempts"),
        what_happens=_("deleted, months after the attempt"),
        expired=_sign_in_attempts,
    ),
]

REGISTER = {
    "privacy": RegisterEntry(
        title=_("Statements and copies of personal data"),
        purpose=_(
            "The employee's own statement on a record about them (§83 BetrVG); requests for a copy "
            "of one's data (Art. 15 GDPR) and the copies that answer them."
        ),
        recipients=_(
            "Statements: everyone who may see the record. Copies: the person alone; HR sees a "
            "request's status, never its content."
        ),
    ),
    "admin": RegisterEntry(
        title=_("Administration log"),
        purpose=_("Changes made in the administration."),
        recipients=_("Administrators."),
    ),
}


def modules() -> list:
    """The personal-data modules of the installed apps, in the order of `PERSONAL_DATA_MODULES`."""
    return [
        import_module(name)
        for name in settings.PERSONAL_DATA_MODULES
        if apps.is_installed(name.rsplit(".", 1)[0])
    ]


def all_sources() -> list[Source]:
    """Every app's sources, then those still listed here the old way (`SOURCES`)."""
    gathered = [source for module in modules() for source in module.SOURCES]
    return gathered + [s for s in SOURCES if s not in gathered]


def not_exported() -> dict[str, str]:
    found = dict(NOT_EXPORTED)
    for module in modules():
        found.update(getattr(module, "NOT_EXPORTED", {}))
    return found


def register_entries() -> dict[str, RegisterEntry]:
    """app label → the app's entry in the register of processing."""
    entries: dict[str, RegisterEntry] = {}
    for module in [*modules(), sys.modules[__name__]]:
        entry = getattr(module, "REGISTER", None)
        if isinstance(entry, RegisterEntry):
            entries[module.__name__.rsplit(".", 1)[0]] = entry
        elif entry:
            entries.update(entry)
    return entries


def sources_available() -> list[Source]:
    """The sources whose app is installed (optional apps may be switched off)."""
    return [s for s in all_sources() if apps.is_installed(_app_module(s.model))]


def _app_module(label: str) -> str:
    app_label = label.split(".")[0]
    try:
        return apps.get_app_config(app_label).name
    except LookupError:
        return app_label


def collect(person, *, own_copy: bool = True) -> dict:
    """Every record that refers to `person`, full texts, grouped by kind; what is the person's alone
    (`own_copy_only`) only in their own copy (`own_copy`), never in one HR makes."""
    categories = {}
    for source in sources_available():
        if source.own_copy_only and not own_copy:
            continue
        model = apps.get_model(source.model)
        rows = model._default_manager.filter(**{source.path: person.pk}, **source.only)
        if source.visible is not None:
            rows = source.visible(person, rows)
        rows = (
            rows.select_related(*_foreign_keys(model))
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


def counts(person) -> list[dict]:
    """How many records of each kind the copy holds, through the same policy as `collect`, reading only
    the rows' numbers (the data page shows this; the full texts are read in the background)."""
    found: dict[str, dict] = {}
    for source in sources_available():
        model = apps.get_model(source.model)
        rows = model._default_manager.filter(**{source.path: person.pk}, **source.only)
        if source.visible is not None:
            rows = source.visible(person, rows)
        category = found.setdefault(
            source.model,
            {"kind": str(model._meta.verbose_name_plural), "model": source.model, "ids": set()},
        )
        category["ids"].update(rows.values_list("pk", flat=True))
    return [
        {"kind": c["kind"], "model": c["model"], "count": len(c["ids"])}
        for c in found.values()
        if c["ids"]
    ]


def export_document(person, *, own_copy: bool = True) -> dict:
    return {
        "format": "team-development-portal/personal-data",
        "version": 1,
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "person": {"id": person.pk, "name": person.get_full_name(), "email": person.email},
        "categories": list(collect(person, own_copy=own_copy).values()),
    }


def render_pdf(document: dict) -> bytes:
    """The readable copy: the document as a PDF, in the active language."""
    from weasyprint import HTML  # heavy (fonts, layout engine): loaded only where a PDF is made

    html = render_to_string(
        "privacy/data_pdf.html", {"document": document, "generated_at": timezone.now()}
    )
    return HTML(string=html, base_url=settings.SITE_URL).write_pdf()


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
