"""What the confirm step says before an employee's statement is added for good (see core.confirmation)."""

from django.utils.translation import gettext as _

from core.confirmation import Confirmation


def statement_add(record) -> Confirmation:
    return Confirmation(
        title=_("Add your statement to the record?"),
        consequence=_(
            "Nobody can change or delete the statement afterwards, you neither: it stays with the "
            "record and goes into your personnel file with it."
        ),
        confirm_label=_("Add statement"),
        cancel_url=record.get_absolute_url(),
    )
