"""The register of processing, generated from the code's own settings.

What the works agreement and the data-protection impact assessment need as an
annex: which personal data the portal stores, why, who sees it, how long it is
kept and which features are switched on. Built from what each app declares in its
`personal_data.py` (sources, retention rules, its entry: title, purpose, who sees it),
`settings.RETENTION_MONTHS` and the works-council switches, so it cannot drift
from what the code does.
"""

from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from people import features

from . import personal_data, retention


@dataclass
class Activity:
    app_label: str
    title: str
    purpose: str
    recipients: str
    retention: str
    data: list


def retention_periods() -> list[tuple[str, str, int]]:
    return [
        (rule.label, rule.what_happens, settings.RETENTION_MONTHS[rule.key])
        for rule in retention.rules()
    ]


def _retention_of_apps() -> dict[str, list]:
    """app label → the retention rules its `personal_data.py` declares."""
    return {
        module.__name__.rsplit(".", 1)[0]: list(getattr(module, "RETENTION", []))
        for module in personal_data.modules()
    }


def _retention_text(rules: list) -> str:
    parts = [f"{rule.label}: {settings.RETENTION_MONTHS[rule.key]} {_('months')}" for rule in rules]
    parts.append(
        f"{_('Leavers')}: {settings.RETENTION_MONTHS['leavers']} {_('months after leaving')}"
    )
    return "; ".join(str(p) for p in parts)


def activities() -> list[Activity]:
    by_app: dict[str, list] = {}
    for source in personal_data.sources_available():
        model = apps.get_model(source.model)
        fields = [
            str(f.verbose_name)
            for f in model._meta.concrete_fields
            if not f.primary_key and f.name not in source.omit
        ]
        entry = (str(model._meta.verbose_name_plural), ", ".join(fields))
        if entry not in by_app.setdefault(model._meta.app_label, []):
            by_app[model._meta.app_label].append(entry)
    rules = _retention_of_apps()
    return [
        Activity(
            app_label=label,
            title=entry.title,
            purpose=entry.purpose,
            recipients=entry.recipients,
            retention=_retention_text(rules.get(label, [])),
            data=by_app.get(label, []),
        )
        for label, entry in personal_data.register_entries().items()
        if label in by_app
    ]


def context() -> dict:
    return {
        "activities": activities(),
        "retention": retention_periods(),
        "features": features.states(),
        "min_group_size": features.min_group_size(),
    }
