"""Changes to a user's second factor."""

from django.db import transaction
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from people.models import User

from . import two_factor

DEVICE_NAME = "Authenticator app"


def totp_device_pending(*, user: User) -> TOTPDevice:
    """The unconfirmed authenticator being set up (one per user; a fresh secret each time it is created)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


@transaction.atomic
def totp_device_confirm(*, request: HttpRequest, device: TOTPDevice, token: str) -> bool:
    """Confirm the pending authenticator with a code it shows; the session counts as verified."""
    if not device.verify_token(token):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    request.session.pop(two_factor.NO_DEVICE, None)
    otp_login(request, device)
    return True


def totp_verify(*, request: HttpRequest, token: str) -> bool:
    """Check a code of the user's authenticator; on success the session counts as verified."""
    device = two_factor.confirmed_device(request.user)
    if device is None or not device.verify_token(token):
        return False
    otp_login(request, device)
    return True


def totp_allowed_now(*, user: User) -> bool:
    """False while the authenticator is throttled after wrong codes."""
    device = two_factor.confirmed_device(user) or TOTPDevice.objects.filter(user=user).first()
    return device is None or device.verify_is_allowed()[0]


@transaction.atomic
def totp_device_remove(*, request: HttpRequest, token: str) -> bool:
    """Turn two-factor sign-in off, confirmed by a current code (never for someone who must use it)."""
    user = request.user
    if two_factor.required_for(user) or not totp_verify(request=request, token=token):
        return False
    TOTPDevice.objects.filter(user=user).delete()
    request.session[two_factor.NO_DEVICE] = True
    return True
