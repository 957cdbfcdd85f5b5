"""Sign-in and password-reset throttling.

Logins: django-axes counts failures per (lower-cased e-mail, client address); the handler below
also locks an address that fails for many e-mails and an e-mail that fails from many addresses.
Password resets: a small counter table, per e-mail and per address, per hour.
"""

import hashlib
import ipaddress
import logging
from datetime import timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone
from ipware.ip import get_client_ip

from .models import RateLimitHit

RESET_WINDOW = timedelta(hours=1)
logger = logging.getLogger(__name__)


def normalise_email(value) -> str:
    return str(value or "").strip().lower()


def login_username(request, credentials=None) -> str:
    """The e-mail address axes counts failures for: lower-cased, so Lead@ and lead@ are one."""
    if credentials is not None:
        return normalise_email(credentials.get(settings.AXES_USERNAME_FORM_FIELD))
    data = getattr(request, "data", None) or request.POST
    return normalise_email(data.get(settings.AXES_USERNAME_FORM_FIELD))


def client_address(request) -> str | None:
    """The client's address when it can be trusted, else None (and then nothing is limited per
    address, so one address can never stand for the whole company).

    REMOTE_ADDR when no proxy is configured and none is seen; behind the configured trusted proxies,
    the address the outermost of them saw (read from X-Forwarded-For by django-ipware). A forwarded
    header without a configured proxy means a proxy the portal cannot see: REMOTE_ADDR would be the
    proxy's, shared by everybody, so there is no trustworthy address (and a warning is logged)."""
    remote = _valid_ip(request.META.get("REMOTE_ADDR"))
    proxies, trusted = settings.TRUSTED_PROXY_COUNT or 0, settings.TRUSTED_PROXIES
    if remote is None:
        return None
    if not (proxies or trusted):
        if request.META.get("HTTP_X_FORWARDED_FOR"):
            _warn_unseen_proxy()
            return None
        return remote
    if trusted and not _is_trusted(remote, trusted):
        return remote  # not through our proxy: a client connecting directly
    # django-ipware counts the proxies *inside* X-Forwarded-For (the one connecting to us is REMOTE_ADDR);
    # not strict: entries a client made up stand left of what our proxies appended and are skipped.
    forwarded, _routable = get_client_ip(
        request,
        proxy_count=max(proxies, 1) - 1,
        request_header_order=["HTTP_X_FORWARDED_FOR"],
        strict=False,
    )
    return forwarded  # None when the header is missing or too short: the proxy's own address is no client's


_warned = False


def _warn_unseen_proxy() -> None:
    global _warned
    if not _warned:
        _warned = True
        logger.warning(
            "Requests carry X-Forwarded-For but TRUSTED_PROXY_COUNT is 0: the portal stands behind "
            "a proxy it cannot see, so sign-in and password-reset limits per client address are "
            "off. Set TRUSTED_PROXY_COUNT (and TRUSTED_PROXIES)."
        )


def _valid_ip(value) -> str | None:
    try:
        return str(ipaddress.ip_address(str(value or "").strip()))
    except ValueError:
        return None


def _is_trusted(address: str, networks: list[str]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(network, strict=False) for network in networks)


class LoginThrottleHandler(AxesDatabaseHandler):
    """Axes' database handler, plus a lock per address and a lock per e-mail on their own."""

    def is_locked(self, request, credentials=None) -> bool:
        if super().is_locked(request, credentials):
            return True
        recent = AccessAttempt.objects.filter(
            attempt_time__gte=timezone.now() - (get_cool_off(request) or RESET_WINDOW)
        )
        address = client_address(request)
        if (
            address
            and _failures(recent.filter(ip_address=address))
            >= settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS
        ):
            return True
        email = login_username(request, credentials)
        return (
            bool(email)
            and _failures(recent.filter(username=email)) >= settings.LOGIN_FAILURE_LIMIT_PER_EMAIL
        )


def _failures(attempts) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def _key(scope: str, value: str) -> str:
    # Only a hash is stored, so the table holds no e-mail addresses or client addresses.
    return hashlib.sha256(f"{scope}:{value}".encode()).hexdigest()


def password_reset_allowed(*, email: str, address: str | None) -> bool:
    """Record a password-reset request; False when the e-mail or the address asked too often this hour.
    Without a trustworthy address (None) only the e-mail is counted: never one quota for everybody."""
    now = timezone.now()
    RateLimitHit.objects.filter(at__lt=now - RESET_WINDOW).delete()
    keys = {_key("reset-email", normalise_email(email)): settings.PASSWORD_RESET_LIMIT_PER_EMAIL}
    if address:
        keys[_key("reset-address", address)] = settings.PASSWORD_RESET_LIMIT_PER_ADDRESS
    recent = RateLimitHit.objects.filter(at__gte=now - RESET_WINDOW)
    if any(recent.filter(key=key).count() >= limit for key, limit in keys.items()):
        return False
    RateLimitHit.objects.bulk_create([RateLimitHit(key=key, at=now) for key in keys])
    return True
