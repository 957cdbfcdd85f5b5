"""Who must enter or set up a second factor before using the portal (reads only).

Nothing about the second factor is remembered in the session except which authenticator the
session began with (SESSION_DEVICE): each request reads the user's authenticator again (once), so
a session cannot go on without a code after an authenticator was set up elsewhere, and a session
whose authenticator was set up, replaced or removed elsewhere ends (see the middleware)."""

import hashlib
import secrets

from django_otp.plugins.otp_totp.models import TOTPDevice

from people import access

VERIFY, SETUP = "verify", "setup"
# The primary key of the user's authenticator when this session signed in ("" for none).
SESSION_DEVICE = "security.second_factor_device"
_REQUEST_CACHE = "_security_device_mark"

RECOVERY_CODE_COUNT = 10
# 16 characters of 31 (no 0/o, 1/l/i): 79 bits, too many to guess even from a stolen hash.
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
RECOVERY_CODE_LENGTH = 16


def required_for(user) -> bool:
    """With REQUIRE_2FA_FOR_STAFF, HR and administrators must use a second factor."""
    return access.must_use_second_factor(user)


def confirmed_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def device_mark(request) -> str:
    """The user's confirmed authenticator now ("" for none), read at most once per request."""
    mark = getattr(request, _REQUEST_CACHE, None)
    if mark is None:
        device = getattr(request.user, "otp_device", None)
        if isinstance(device, TOTPDevice):  # the session was verified with it: loaded already
            mark = str(device.pk)
        else:
            pk = (
                TOTPDevice.objects.filter(user=request.user, confirmed=True)
                .values_list("pk", flat=True)
                .first()
            )
            mark = "" if pk is None else str(pk)
        setattr(request, _REQUEST_CACHE, mark)
    return mark


def remember_device(request, device) -> None:
    """This session now runs with `device` (None: without an authenticator)."""
    mark = "" if device is None else str(device.pk)
    request.session[SESSION_DEVICE] = mark
    setattr(request, _REQUEST_CACHE, mark)


def device_changed_elsewhere(request) -> bool:
    """True when the user's authenticator was set up, replaced or removed since this session began."""
    known = request.session.get(SESSION_DEVICE)
    if known is None:  # a session from before this rule: it starts with what is there now
        request.session[SESSION_DEVICE] = device_mark(request)
        return False
    return known != device_mark(request)


def pending_step(request):
    """VERIFY when the user has an authenticator but has not entered a code in this session,
    SETUP when one is required and missing, None when the user may go on."""
    if device_mark(request):
        return VERIFY
    if required_for(request.user):
        return SETUP
    return None


def new_recovery_code() -> str:
    raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, RECOVERY_CODE_LENGTH, 4))


def normalise_recovery_code(value: str) -> str:
    return "".join(c for c in str(value or "").lower() if c.isalnum())


def recovery_digest(code: str) -> str:
    return hashlib.sha256(normalise_recovery_code(code).encode()).hexdigest()


def looks_like_recovery_code(value: str) -> bool:
    normalised = normalise_recovery_code(value)
    return len(normalised) == RECOVERY_CODE_LENGTH and all(
        c in RECOVERY_ALPHABET for c in normalised
    )
