"""Copies of personal data (Art. 15 GDPR): who asks for one, who receives it, who follows its status.

- a person asks for a copy of their own data; HR (and administrators) record a request that reached
  them otherwise, for anyone (`may_request_copy_for`);
- the copy is its person's alone: nobody else downloads it, not HR, not an administrator
  (`copies_for`); HR follows every request's status, never its content (`requests_followed_by`);
- what a copy holds is what the person may see now: each personal-data source scopes its rows with
  the rulebook's own `*_visible_to` rules, evaluated for the person (`privacy.personal_data`).
"""

from typing import TypeVar

from django.db.models import Model, QuerySet

from ..models import User
from .roles import is_hr_or_admin

_M = TypeVar("_M", bound=Model)  # copies or requests: a rule keeps the queryset's type


def may_request_copy_for(user: User, person: User) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.pk == person.pk:
        return True
    return is_hr_or_admin(user)


def copies_for(user: User, queryset: QuerySet[_M]) -> QuerySet[_M]:
    """The copies the user downloads: their own, nobody else's."""
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    return queryset.filter(person=user)


def requests_followed_by(user: User, queryset: QuerySet[_M]) -> QuerySet[_M]:
    """Requests whose status (never their content) the user follows: HR every one, a person their own."""
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    if is_hr_or_admin(user):
        return queryset
    return queryset.filter(person=user)
