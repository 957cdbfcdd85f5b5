from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from people import access
from people.models import User

if TYPE_CHECKING:
    from feedback.models import CoachingNote
    from reviews.models import Review


def people_for_hr(query: str = "") -> QuerySet:
    """Everyone HR may make a copy of personal data for, leavers included."""
    people = get_user_model().objects.order_by("last_name", "first_name", "pk")
    for word in query.split():
        people = people.filter(
            Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(email__icontains=word)
        )
    return people


def note_for_statement(user: User, pk: int) -> "CoachingNote":
    """A shared note about the user; anything else is 404."""
    from django.shortcuts import get_object_or_404

    from feedback.models import CoachingNote

    return get_object_or_404(
        CoachingNote.objects.filter(agent=user, shared_at__isnull=False), pk=pk
    )


def review_for_statement(user: User, pk: int) -> "Review":
    from django.shortcuts import get_object_or_404

    from reviews.models import Review

    return get_object_or_404(Review.objects.filter(agent=user, shared_at__isnull=False), pk=pk)


def person_for_hr_or_404(user: User, pk: int) -> User:
    from django.shortcuts import get_object_or_404

    access.require_hr(user)
    return get_object_or_404(get_user_model(), pk=pk)
