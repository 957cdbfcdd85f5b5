"""At sign-in, start the session clocks and note whether the user has a second factor,
so that later requests need no extra writes or queries."""

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
    if two_factor.confirmed_device(user) is None:
        request.session[two_factor.NO_DEVICE] = True
