import io
from base64 import b32encode

import segno
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import services, throttling, two_factor
from .forms import TokenForm, VerifyForm


def _next_url(request):
    """Where to go after the second factor: a path of this site, never elsewhere."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    try:
        safe = target.startswith("/") and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    except ValueError:  # e.g. a port that is not a number
        safe = False
    return target if safe else reverse("home")


def _throttled(form):
    form.add_error(None, _("Too many wrong codes. Please wait a minute and try again."))


@login_required
@require_http_methods(["GET", "POST"])
def verify(request):
    """Second step of signing in: a code from the authenticator app."""
    if request.user.is_verified() or two_factor.confirmed_device(request.user) is None:
        return redirect(_next_url(request))
    form = VerifyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not services.totp_allowed_now(user=request.user):
            _throttled(form)
        elif services.totp_verify(request=request, token=form.cleaned_data["token"]):
            return redirect(_next_url(request))
        else:
            form.add_error(
                "token",
                _(
                    "This code is not correct. Please enter the current code, or a recovery code "
                    "you have not used yet."
                ),
            )
    return render(
        request,
        "security/verify.html",
        {"form": form, "next": _next_url(request)},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def setup(request):
    """Set up an authenticator app (scan the QR code, confirm with a code), or turn it off."""
    device = two_factor.confirmed_device(request.user)
    if device is not None:
        return _manage(request)
    pending = services.totp_device_pending(user=request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not services.totp_allowed_now(user=request.user):
            _throttled(form)
        elif codes := services.totp_device_confirm(
            request=request, device=pending, token=form.cleaned_data["token"]
        ):
            messages.success(
                request,
                _("Two-factor sign-in is on. From now on you enter a code after your password."),
            )
            return _recovery_codes(request, codes)
        else:
            form.add_error("token", _("This code is not correct. Please enter the current code."))
    return render(
        request,
        "security/setup.html",
        {
            "form": form,
            "next": _next_url(request),
            "secret": _group(b32encode(pending.bin_key).decode()),
            "required": two_factor.required_for(request.user),
            # Before the first authenticator of someone who must have one: nothing else is open yet.
            "minimal": two_factor.required_for(request.user) and not request.user.is_verified(),
        },
        status=400 if form.errors else 200,
    )


def _recovery_codes(request, codes):
    """The recovery codes, shown this once (only their hashes are kept)."""
    return render(
        request, "security/recovery_codes.html", {"codes": codes, "next": _next_url(request)}
    )


REMOVE, REGENERATE = "remove", "regenerate"


def _manage(request):
    required = two_factor.required_for(request.user)
    action = request.POST.get("action") if request.method == "POST" else None
    remove_form = TokenForm(request.POST if action == REMOVE else None, prefix=REMOVE)
    regenerate_form = TokenForm(request.POST if action == REGENERATE else None, prefix=REGENERATE)
    form = regenerate_form if action == REGENERATE else remove_form
    if action in (REMOVE, REGENERATE) and not (action == REMOVE and required) and form.is_valid():
        token = form.cleaned_data["token"]
        if not services.totp_allowed_now(user=request.user):
            _throttled(form)
        elif action == REGENERATE and (
            codes := services.recovery_codes_regenerate(request=request, token=token)
        ):
            messages.success(
                request, _("New recovery codes are made; the old ones no longer work.")
            )
            return _recovery_codes(request, codes)
        elif action == REMOVE and services.totp_device_remove(request=request, token=token):
            messages.success(request, _("Two-factor sign-in is off."))
            return redirect("security:setup")
        else:
            form.add_error("token", _("This code is not correct. Please enter the current code."))
    return render(
        request,
        "security/manage.html",
        {
            "remove_form": remove_form,
            "regenerate_form": regenerate_form,
            "required": required,
            "codes_left": services.recovery_codes_left(user=request.user),
        },
        status=400 if form.errors else 200,
    )


def _group(secret):
    """The secret for typing by hand, in groups of four characters."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@login_required
def setup_qr(request):
    """The QR code of the pending authenticator's otpauth:// link, drawn here (no outside service)."""
    if two_factor.confirmed_device(request.user) is not None:
        return HttpResponse(status=404)
    device = services.totp_device_pending(user=request.user)
    svg = io.BytesIO()
    segno.make(device.config_url, error="m").save(svg, kind="svg", scale=5, border=2, xmldecl=False)
    return HttpResponse(svg.getvalue(), content_type="image/svg+xml")


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    """Django's password reset, refused (429) when the e-mail or the address asked too often this hour."""

    def form_valid(self, form):
        allowed = throttling.password_reset_allowed(
            email=form.cleaned_data["email"], address=throttling.client_address(self.request)
        )
        if not allowed:
            form.add_error(
                None,
                _(
                    "Too many password reset requests. Please wait an hour and try again, "
                    "or ask your administrator."
                ),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)
