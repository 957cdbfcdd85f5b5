"""Who must enter or set up a second factor before using the portal (reads only)."""

from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from people import access

VERIFY, SETUP = "verify", "setup"
# Remembered in the session once we know the user has no authenticator, so later requests need no query.
NO_DEVICE = "security.no_second_factor"


def required_for(user) -> bool:
    """With REQUIRE_2FA_FOR_STAFF, HR and administrators must use a second factor."""
    return settings.REQUIRE_2FA_FOR_STAFF and (access.is_hr_or_admin(user) or user.is_staff)


def confirmed_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_step(request):
    """VERIFY when the user has an authenticator but has not entered a code in this session,
    SETUP when one is required and missing, None when the user may go on."""
    user, required = request.user, required_for(request.user)
    if request.session.get(NO_DEVICE) and not required:
        return None
    if confirmed_device(user) is not None:
        return VERIFY
    if required:
        return SETUP
    request.session[NO_DEVICE] = True
    return None
