from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from people import access
from people.models import User

from .models import DataRequest

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
    from feedback.models import CoachingNote

    return get_object_or_404(
        CoachingNote.objects.filter(agent=user, shared_at__isnull=False), pk=pk
    )


def review_for_statement(user: User, pk: int) -> "Review":
    from reviews.models import Review

    return get_object_or_404(Review.objects.filter(agent=user, shared_at__isnull=False), pk=pk)


def person_for_hr_or_404(user: User, pk: int) -> User:
    access.require_hr(user)
    return get_object_or_404(get_user_model(), pk=pk)


def copies_of(user: User) -> QuerySet:
    """The user's own requests for a copy, newest first, without the copies' content."""
    return access.copies_for(user, _requests())


def copy_or_404(user: User, pk: int) -> DataRequest:
    """The user's own copy, once produced; anyone else's (HR's and the administrators' included) is 404."""
    ready = access.copies_for(user, DataRequest.objects.filter(status=DataRequest.Status.READY))
    return get_object_or_404(ready, pk=pk)


def requests_followed_by(user: User, person: User) -> QuerySet:
    """The person's requests whose status the user follows (HR), without the copies' content."""
    return access.requests_followed_by(user, _requests()).filter(person=person)


def _requests() -> QuerySet:
    return DataRequest.objects.defer("json_copy", "pdf_copy").select_related("recorded_by")
