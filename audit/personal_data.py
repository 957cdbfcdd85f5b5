"""The access audit: the app's personal data, gathered by `privacy` (see `core.contracts.PersonalDataModule`)."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.contracts import PersonalDataSource as Source
from core.contracts import RegisterEntry, RetentionRule
from core.periods import moment, months_before

from .models import AccessEvent


def _audit(today):
    cutoff = moment(months_before(today, settings.RETENTION_MONTHS["audit"]))
    return AccessEvent.objects.filter(at__lt=cutoff)


SOURCES = [
    Source("audit.AccessEvent", "subject", _("who opened your records"), about=True),
    Source("audit.AccessEvent", "actor", _("records you opened")),
]

RETENTION = [
    RetentionRule(
        key="audit",
        label=_("Access audit"),
        what_happens=_("deleted, months after the access"),
        expired=_audit,
    ),
]

REGISTER = RegisterEntry(
    title=_("Access audit"),
    purpose=_("Who viewed, changed or exported whose records (never the content)."),
    recipients=_("The person the records are about; HR; administrators."),
)
