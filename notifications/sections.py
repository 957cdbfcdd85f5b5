"""What the notifications app adds to the shared pages (see portal/sections.py)."""

from types import SimpleNamespace

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
        SimpleNamespace(
            template="notifications/_mail_failing_banner.html",
            order=0,
            column="main",
            context={"health": health, "show_admin_link": viewer.is_staff},
        )
    ]
