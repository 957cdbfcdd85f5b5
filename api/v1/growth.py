"""Skills, ratings and targets; goals; trainings and enrollments; briefings and acknowledgements: read
only, each list scoped by the same selectors and policy as the pages."""

from django.db.models import F
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from briefings.models import Acknowledgement, Briefing
from briefings.selectors import briefings_visible_to
from people import access
from plans.models import Goal
from plans.selectors import goals_visible_to
from skills.models import Skill, SkillRating, TargetLevel
from skills.selectors import active_skills, ratings_visible_to, targets_visible_to
from training.models import Course, Enrollment
from training.selectors import enrollments_visible_to

from ..models import Scope
from .base import UPDATED_SINCE, ListViewSet


class SkillSerializer(serializers.ModelSerializer):
    category = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Skill
        fields = [
            "id",
            "code",
            "category",
            "name_en",
            "name_de",
            "description_en",
            "description_de",
        ]


class RatingSerializer(serializers.ModelSerializer):
    class Meta:
        model = SkillRating
        fields = ["id", "agent", "skill", "level", "source", "rated_by", "rated_at", "note"]


class TargetSerializer(serializers.ModelSerializer):
    class Meta:
        model = TargetLevel
        fields = ["id", "agent", "skill", "level", "updated_at"]


class GoalSerializer(serializers.ModelSerializer):
    agent = serializers.IntegerField(source="plan.agent_id", read_only=True)

    class Meta:
        model = Goal
        fields = [
            "id",
            "plan",
            "agent",
            "title",
            "skill",
            "target_level",
            "success_measure",
            "due_on",
            "status",
            "created_at",
            "changed_at",
        ]


class CourseSerializer(serializers.ModelSerializer):
    class Meta:
        model = Course
        fields = ["id", "title_en", "title_de", "duration_hours"]


class EnrollmentSerializer(serializers.ModelSerializer):
    course = serializers.IntegerField(source="session.course_id", read_only=True)
    starts_at = serializers.DateTimeField(source="session.starts_at", read_only=True)

    class Meta:
        model = Enrollment
        fields = [
            "id",
            "agent",
            "session",
            "course",
            "starts_at",
            "status",
            "created_at",
            "completed_on",
            "changed_at",
        ]


class BriefingSerializer(serializers.ModelSerializer):
    teams = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Briefing
        fields = ["id", "title_en", "title_de", "applies_from", "status", "teams", "published_at"]


class AcknowledgementSerializer(serializers.ModelSerializer):
    class Meta:
        model = Acknowledgement
        fields = ["id", "briefing", "agent", "acknowledged_at"]


@extend_schema_view(list=extend_schema(parameters=[UPDATED_SINCE]))
class SkillsViewSet(ListViewSet):
    """The skill catalogue (active skills)."""

    scope = Scope.SKILLS
    serializer_class = SkillSerializer

    def get_queryset(self):
        return active_skills()


@extend_schema_view(list=extend_schema(parameters=[UPDATED_SINCE]))
class RatingsViewSet(ListViewSet):
    """Skill ratings; lead ratings only while the works agreement allows them."""

    scope = Scope.SKILLS
    serializer_class = RatingSerializer
    updated_field = "rated_at"
    audit_record = "skills"

    def get_queryset(self):
        return ratings_visible_to(self.request.user).filter(agent__in=self.agents())


@extend_schema_view(list=extend_schema(parameters=[UPDATED_SINCE]))
class TargetsViewSet(ListViewSet):
    scope = Scope.SKILLS
    serializer_class = TargetSerializer
    updated_field = "updated_at"
    audit_record = "skills"

    def get_queryset(self):
        return targets_visible_to(self.request.user).filter(agent__in=self.agents())


@extend_schema_view(list=extend_schema(parameters=[UPDATED_SINCE]))
class GoalsViewSet(ListViewSet):
    """Goals of development plans: the agent's own, a lead's agents', HR all."""

    scope = Scope.PLANS
    serializer_class = GoalSerializer
    updated_field = "changed_at"
    audit_record = "plan"

    def get_queryset(self):
        return (
            goals_visible_to(self.request.user)
            .filter(plan__agent__in=self.agents())
            .annotate(agent_id=F("plan__agent_id"))
        )


@extend_schema_view(list=extend_schema(parameters=[UPDATED_SINCE]))
class CoursesViewSet(ListViewSet):
    """The training catalogue, open to everyone who signs in."""

    scope = Scope.TRAINING
    serializer_class = CourseSerializer

    def get_queryset(self):
        return Course.objects.all()


@extend_schema_view(list=extend_schema(parameters=[UPDATED_SINCE]))
class EnrollmentsViewSet(ListViewSet):
    scope = Scope.TRAINING
    serializer_class = EnrollmentSerializer
    updated_field = "changed_at"
    audit_record = "training"

    def get_queryset(self):
        return enrollments_visible_to(self.request.user).filter(agent__in=self.agents())


@extend_schema_view(list=extend_schema(parameters=[UPDATED_SINCE]))
class BriefingsViewSet(ListViewSet):
    scope = Scope.BRIEFINGS
    serializer_class = BriefingSerializer
    updated_field = "published_at"

    def get_queryset(self):
        return briefings_visible_to(self.request.user)


@extend_schema_view(list=extend_schema(parameters=[UPDATED_SINCE]))
class AcknowledgementsViewSet(ListViewSet):
    """Who confirmed which briefing: one's own, a lead's agents', HR all."""

    scope = Scope.BRIEFINGS
    serializer_class = AcknowledgementSerializer
    updated_field = "acknowledged_at"

    def get_queryset(self):
        acknowledgements = Acknowledgement.objects.filter(
            briefing__in=briefings_visible_to(self.request.user)
        )
        return access.records_visible_to(self.request.user, acknowledgements).filter(
            agent__in=self.agents()
        )
