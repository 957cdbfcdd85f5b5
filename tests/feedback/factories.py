import factory
from django.utils import timezone

from feedback.models import CoachingNote
from feedback.window import feedback_due_at


class NoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoachingNote

    observed_at = factory.LazyFunction(timezone.now)
    situation = "Interrupted the customer twice."
    kind = CoachingNote.Kind.IMPROVEMENT
    feedback_due_at = factory.LazyAttribute(lambda o: feedback_due_at(o.observed_at))
