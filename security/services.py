"""Changes to a user's second factor.

Setting up or removing an authenticator ends every other session of the user (their next request
signs them out, see SecondFactorMiddleware); the session that made the change goes on under a
new key."""

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from people.models import User

from . import two_factor
from .models import RecoveryCode

DEVICE_NAME = "Authenticator app"


def totp_device_pending(*, user: User) -> TOTPDevice:
    """The unconfirmed authenticator being set up (one per user; a fresh secret each time it is created)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


@transaction.atomic
def totp_device_confirm(
    *, request: HttpRequest, device: TOTPDevice, token: str
) -> list[str] | None:
    """Confirm the pending authenticator with a code it shows; the session counts as verified and
    every other session of the user ends. Returns the new recovery codes (None for a wrong code)."""
    if not device.verify_token(token):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    _continue_session(request, device)
    otp_login(request, device)
    return _new_recovery_codes(device)


def totp_verify(*, request: HttpRequest, token: str) -> bool:
    """Check a code of the user's authenticator, or one of their unused recovery codes (which is
    then used up); on success the session counts as verified."""
    device = two_factor.confirmed_device(request.user)
    if device is None:
        return False
    if two_factor.looks_like_recovery_code(token):
        used = RecoveryCode.objects.filter(
            device=device, digest=two_factor.recovery_digest(token), used_at__isnull=True
        ).update(used_at=timezone.now())
        if not used:
            device.throttle_increment()
            return False
        device.throttle_reset()
    elif not device.verify_token(token):
        return False
    otp_login(request, device)
    return True


def totp_allowed_now(*, user: User) -> bool:
    """False while the authenticator is throttled after wrong codes."""
    device = two_factor.confirmed_device(user) or TOTPDevice.objects.filter(user=user).first()
    return device is None or device.verify_is_allowed()[0]


@transaction.atomic
def totp_device_remove(*, request: HttpRequest, token: str) -> bool:
    """Turn two-factor sign-in off, confirmed by a current code (never for someone who must use it);
    every other session of the user ends."""
    user = request.user
    if two_factor.required_for(user) or not totp_verify(request=request, token=token):
        return False
    TOTPDevice.objects.filter(user=user).delete()  # its recovery codes with it
    _continue_session(request, None)
    return True


@transaction.atomic
def recovery_codes_regenerate(*, request: HttpRequest, token: str) -> list[str] | None:
    """New recovery codes for the user's authenticator, confirmed by a current code from the app;
    the old ones stop working. None for a wrong code."""
    device = two_factor.confirmed_device(request.user)
    if device is None or two_factor.looks_like_recovery_code(token):
        return None
    if not device.verify_token(token):
        return None
    return _new_recovery_codes(device)


def recovery_codes_left(*, user: User) -> int:
    return RecoveryCode.objects.filter(
        device__user=user, device__confirmed=True, used_at__isnull=True
    ).count()


def _new_recovery_codes(device: TOTPDevice) -> list[str]:
    codes = [two_factor.new_recovery_code() for _ in range(two_factor.RECOVERY_CODE_COUNT)]
    now = timezone.now()
    RecoveryCode.objects.filter(device__user=device.user).delete()
    RecoveryCode.objects.bulk_create(
        [
            RecoveryCode(device=device, digest=two_factor.recovery_digest(code), created_at=now)
            for code in codes
        ]
    )
    return codes


def _continue_session(request: HttpRequest, device: TOTPDevice | None) -> None:
    """The session that made the change goes on, under a new key; all others end."""
    request.session.cycle_key()
    two_factor.remember_device(request, device)
