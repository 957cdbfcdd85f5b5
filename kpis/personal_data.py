"""Key figures, identifiers and imports: the app's personal data, gathered by `privacy` (see `core.contracts.PersonalDataModule`)."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.contracts import PersonalDataSource as Source
from core.contracts import RegisterEntry, RetentionRule
from core.periods import months_before

from .models import KpiRecord


def _kpis(today):
    cutoff = months_before(today, settings.RETENTION_MONTHS["kpis"])
    return KpiRecord.objects.filter(period_start__lt=cutoff)


SOURCES = [
    Source("kpis.KpiRecord", "agent", _("your key figures"), about=True),
    Source(
        "kpis.AgentIdentifier",
        "agent",
        _("your identifiers in the contact-center systems"),
        about=True,
    ),
    Source("kpis.KpiImport", "uploaded_by", _("imports uploaded by you"), omit=("errors",)),
]

RETENTION = [
    RetentionRule(
        key="kpis",
        label=_("Key figures"),
        what_happens=_("deleted, months after their period"),
        expired=_kpis,
        held_by_open_review=("agent", "period_start"),
    ),
]

REGISTER = RegisterEntry(
    title=_("Key figures"),
    purpose=_("Coaching beside the numbers exported from the contact-center systems."),
    recipients=_("The agent and their current team lead; everyone else sees team aggregates only."),
)
