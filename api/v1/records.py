"""Shared coaching notes and held reviews: read only, as the pages show them."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from feedback.models import CoachingNote
from feedback.selectors import notes_visible_to
from reviews.models import Review
from reviews.selectors import HELD, reviews_visible_to

from ..models import Scope
from .base import UPDATED_SINCE, ReadViewSet


class NoteSerializer(serializers.ModelSerializer):
    skills = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = CoachingNote
        fields = [
            "id",
            "agent",
            "author",
            "observed_at",
            "channel",
            "kind",
            "situation",
            "effect",
            "next_step",
            "skills",
            "shared_at",
            "delivered_at",
            "delivery_method",
            "acknowledged_at",
            "agent_comment",
            "corrects",
        ]


class ReviewSerializer(serializers.ModelSerializer):
    quarter = serializers.CharField(source="cycle.label", read_only=True)
    areas = serializers.SlugRelatedField(many=True, read_only=True, slug_field="text")

    class Meta:
        model = Review
        fields = [
            "id",
            "agent",
            "reviewer",
            "quarter",
            "status",
            "held_on",
            "summary",
            "strengths",
            "areas",
            "self_assessment",
            "agent_comment",
            "kpi_snapshot",
            "shared_at",
            "acknowledged_at",
        ]


@extend_schema_view(list=extend_schema(parameters=[UPDATED_SINCE]))
class NotesViewSet(ReadViewSet):
    """Shared coaching notes; a note not yet shared is its author's alone and is never in the API."""

    scope = Scope.FEEDBACK
    serializer_class = NoteSerializer
    updated_field = "shared_at"
    audit_record = "note"

    def get_queryset(self):
        return notes_visible_to(self.request.user).filter(
            shared_at__isnull=False, agent__in=self.agents()
        )


@extend_schema_view(list=extend_schema(parameters=[UPDATED_SINCE]))
class ReviewsViewSet(ReadViewSet):
    """Shared and acknowledged quarterly reviews; drafts stay with their reviewer."""

    scope = Scope.REVIEWS
    serializer_class = ReviewSerializer
    updated_field = "shared_at"
    audit_record = "review"

    def get_queryset(self):
        return (
            reviews_visible_to(self.request.user)
            .filter(HELD, agent__in=self.agents())
            .prefetch_related("areas")
        )
