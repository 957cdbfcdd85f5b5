"""People, teams and memberships: read for whoever may see them; written by HR and integration tokens."""

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from people import access
from people.models import ChannelCode, Role, Team, TeamMembership, User

from .. import services
from ..models import ExternalKey, Scope
from ..permissions import team_scope
from ..selectors import external_id_of
from .base import UPDATED_SINCE, ReadViewSet, StrictSerializer


class MembershipSerializer(serializers.ModelSerializer):
    class Meta:
        model = TeamMembership
        fields = ["team", "kind", "start", "end"]


class PersonSerializer(serializers.ModelSerializer):
    external_id = serializers.CharField(read_only=True, allow_null=True)
    teams = MembershipSerializer(source="current_memberships", many=True, read_only=True)
    hire_date = serializers.DateField(
        source="profile.hire_date", read_only=True, default=None, allow_null=True
    )

    class Meta:
        model = User
        fields = [
            "id",
            "external_id",
            "email",
            "first_name",
            "last_name",
            "role",
            "is_active",
            "preferred_language",
            "hire_date",
            "teams",
        ]


class TeamSerializer(serializers.ModelSerializer):
    external_id = serializers.CharField(read_only=True, allow_null=True)

    class Meta:
        model = Team
        fields = ["id", "external_id", "name", "description", "primary_channel", "site"]


class TeamWriteSerializer(StrictSerializer):
    external_id = serializers.CharField(max_length=200)
    name = serializers.CharField(max_length=120)
    description = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    primary_channel = serializers.ChoiceField(choices=ChannelCode.choices, required=False)
    site = serializers.CharField(required=False, allow_blank=True, max_length=80)


class TeamRefSerializer(StrictSerializer):
    team = serializers.CharField(
        max_length=200, help_text="The team's external id (or its id here, as a number)."
    )
    kind = serializers.ChoiceField(choices=TeamMembership.Kind.choices, default="member")


class PersonWriteSerializer(StrictSerializer):
    external_id = serializers.CharField(max_length=200)
    email = serializers.EmailField(max_length=254)
    first_name = serializers.CharField(max_length=150, allow_blank=True, required=False)
    last_name = serializers.CharField(max_length=150, allow_blank=True, required=False)
    role = serializers.ChoiceField(choices=Role.choices, required=False)
    preferred_language = serializers.ChoiceField(choices=["de", "en"], required=False)
    is_active = serializers.BooleanField(required=False)
    hire_date = serializers.DateField(required=False, allow_null=True)
    teams = TeamRefSerializer(
        many=True,
        required=False,
        help_text="When given: the person's current teams; memberships not listed end today.",
    )


def _current_memberships():
    return Prefetch(
        "memberships",
        queryset=TeamMembership.objects.current().order_by("team_id", "kind"),
        to_attr="current_memberships",
    )


@extend_schema_view(list=extend_schema(parameters=[UPDATED_SINCE]))
class PeopleViewSet(ReadViewSet):
    """People: HR and admins see everyone, leads their current agents, agents themselves."""

    scope = Scope.PEOPLE
    serializer_class = PersonSerializer
    audit_record = None  # a name and a team are the directory, not a person's records

    def changed_since(self, queryset, moment):
        """A person whose account, profile (hire date) or memberships changed."""
        return queryset.filter(
            Q(changed_at__gte=moment)
            | Q(profile__changed_at__gte=moment)
            | Exists(TeamMembership.objects.filter(user=OuterRef("pk"), changed_at__gte=moment))
        )

    def get_queryset(self):
        return (
            access.people_visible_within(self.request.user, team_scope(self.request))
            .annotate(external_id=external_id_of(ExternalKey.Kind.PERSON))
            .select_related("profile")
            .prefetch_related(_current_memberships())
        )

    @extend_schema(
        request=PersonWriteSerializer,
        responses={200: PersonSerializer, 201: PersonSerializer},
        description="Create or update the person with this external id (idempotent).",
    )
    @action(detail=False, methods=["post"], url_path="upsert")
    def upsert(self, request):
        data = PersonWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        external_id = fields.pop("external_id")
        teams = fields.pop("teams", None)
        wanted = None if teams is None else [(_team(request, t["team"]), t["kind"]) for t in teams]
        self._check_email_free(fields.get("email"), external_id)
        self._check_within_scope(request, external_id, wanted)
        person, created, _changed = services.person_upsert(
            actor=request.user, external_id=external_id, fields=fields, teams=wanted
        )
        person = (
            User.objects.annotate(external_id=external_id_of(ExternalKey.Kind.PERSON))
            .select_related("profile")
            .prefetch_related(_current_memberships())
            .get(pk=person.pk)
        )
        return Response(
            PersonSerializer(person).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )

    def _check_within_scope(self, request, external_id, wanted):
        """A token limited to teams changes only people of those teams, and gives new ones a team."""
        if team_scope(request) is None:
            return
        key = ExternalKey.objects.filter(
            kind=ExternalKey.Kind.PERSON, external_id=external_id
        ).first()
        if key is not None and not self.get_queryset().filter(pk=key.object_id).exists():
            raise NotFound
        if key is None and not wanted:
            raise ValidationError({"teams": [_("A token limited to teams must name the team.")]})

    def _check_email_free(self, email, external_id):
        other = (
            ExternalKey.objects.filter(
                kind=ExternalKey.Kind.PERSON,
                object_id__in=User.objects.filter(email__iexact=email).values("pk"),
            )
            .exclude(external_id=external_id)
            .exists()
        )
        if other:
            raise ValidationError({"email": [_("Another person already has this e-mail address.")]})


def _team(request, reference: str) -> Team:
    teams = access.teams_visible_within(request.user, team_scope(request))
    key = ExternalKey.objects.filter(kind=ExternalKey.Kind.TEAM, external_id=reference).first()
    team = None
    if key is not None:
        team = teams.filter(pk=key.object_id).first()
    elif reference.isdigit() and len(reference) < 19:
        team = teams.filter(pk=int(reference)).first()
    if team is None:
        raise ValidationError({"teams": [_("Unknown team “%(team)s”.") % {"team": reference[:80]}]})
    return team


@extend_schema_view(list=extend_schema(parameters=[UPDATED_SINCE]))
class TeamsViewSet(ReadViewSet):
    """Teams: HR and admins see every team, leads the teams they lead."""

    scope = Scope.PEOPLE
    serializer_class = TeamSerializer

    def get_queryset(self):
        return access.teams_visible_within(self.request.user, team_scope(self.request)).annotate(
            external_id=external_id_of(ExternalKey.Kind.TEAM)
        )

    @extend_schema(
        request=TeamWriteSerializer,
        responses={200: TeamSerializer, 201: TeamSerializer},
        description="Create or update the team with this external id (idempotent).",
    )
    @action(detail=False, methods=["post"], url_path="upsert")
    def upsert(self, request):
        data = TeamWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        external_id = fields.pop("external_id")
        if team_scope(request) is not None:
            self.permission_denied(request, _("A token limited to teams cannot create teams."))
        clash = Team.objects.filter(
            name=fields["name"],
            pk__in=ExternalKey.objects.filter(kind=ExternalKey.Kind.TEAM)
            .exclude(external_id=external_id)
            .values("object_id"),
        )
        if clash.exists():
            raise ValidationError({"name": [_("Another team already has this name.")]})
        team, created, _changed = services.team_upsert(
            actor=request.user, external_id=external_id, fields=fields
        )
        team = self.get_queryset().get(pk=team.pk)
        return Response(
            TeamSerializer(team).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )
