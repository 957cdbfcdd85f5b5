"""The export log: the app's personal data, gathered by `privacy` (see `core.contracts.PersonalDataModule`)."""

from django.utils.translation import gettext_lazy as _

from core.contracts import PersonalDataSource as Source
from core.contracts import RegisterEntry

SOURCES = [
    Source("reports.ExportLog", "user", _("exports made by you")),
]

REGISTER = RegisterEntry(
    title=_("Export log"),
    purpose=_("Accountability for exports of reviews."),
    recipients=_("HR; administrators."),
)
