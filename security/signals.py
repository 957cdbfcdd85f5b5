"""At sign-in, start the session clocks and note which authenticator the session begins with
(a change to it elsewhere later ends this session)."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import timezone

from . import two_factor
from .middleware import LAST_SEEN_AT, SIGNED_IN_AT


@receiver(user_logged_in)
def start_session_clocks(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    now = timezone.now().timestamp()
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN_AT] = now
    two_factor.remember_device(request, two_factor.confirmed_device(user))
