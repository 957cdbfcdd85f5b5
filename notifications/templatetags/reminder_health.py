from django import template

from notifications import selectors

register = template.Library()


@register.inclusion_tag("notifications/_mail_failing_admin_banner.html")
def mail_failing_banner():
    """The banner of the admin pages when reminder e-mails are failing (the HR overview has its own)."""
    return {"health": selectors.mail_health()}
