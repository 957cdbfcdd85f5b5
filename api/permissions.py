"""What a token may reach: its endpoint groups, and writes only with read-write access.

Which records are reachable is not decided here: every view scopes its querysets through
people.access, and every write goes through a service that checks the acting user.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import permissions

from .models import ApiToken


class TokenAllows(permissions.BasePermission):
    message = _("This token may not use this endpoint.")

    def has_permission(self, request, view):
        token = request.auth
        if not isinstance(token, ApiToken):
            return False
        if not token.allows(view.scope):
            return False
        if request.method in permissions.SAFE_METHODS:
            return True
        return token.may_write


def team_scope(request):
    """The team ids an integration token is limited to, or None (a personal token, or every team)."""
    token = request.auth
    if not isinstance(token, ApiToken) or not token.is_integration:
        return None
    cached = getattr(token, "_team_ids", None)
    if cached is None:
        cached = token._team_ids = list(token.teams.values_list("pk", flat=True)) or ()
    return cached or None
