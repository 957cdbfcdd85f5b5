"""What the notifications app adds to the shared pages (see portal/sections.py)."""

from core.contracts import MAIN, Section
from people import access

from . import selectors


def hr_overview(viewer):
    """The banner for HR and admins when reminder e-mails are failing."""
    if not access.is_hr_or_admin(viewer):
        return []
    health = selectors.mail_health()
    if not health.failing:
        return []
    return [
        Section(
            template="notifications/_mail_failing_banner.html",
            order=0,
            column=MAIN,
            context={"health": health, "show_admin_link": access.opens_the_admin(viewer)},
        )
    ]
