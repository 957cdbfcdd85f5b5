"""Ending a user's sessions (used when an account is deactivated)."""

from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.utils import timezone


def end_all_sessions(user) -> int:
    """Delete every live session signed in as `user`; returns how many.

    Sessions are signed blobs keyed by a random id, so finding a user's sessions means decoding
    the live ones. Deactivation is rare and sessions end after a few hours, so this stays small.
    """
    store = import_module(settings.SESSION_ENGINE).SessionStore
    user_id, ended = str(user.pk), 0
    for key, data in Session.objects.filter(expire_date__gt=timezone.now()).values_list(
        "session_key", "session_data"
    ):
        if str(store().decode(data).get(SESSION_KEY)) == user_id:
            store(session_key=key).delete()
            ended += 1
    return ended
