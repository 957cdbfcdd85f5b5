"""What every endpoint shares: token authentication, per-token throttling, cursor pages, strict input,
`updated_since`, and the access audit written as for a page view."""

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from audit import recorder
from people import access

from ..permissions import TokenAllows, team_scope

UPDATED_SINCE = OpenApiParameter(
    "updated_since",
    OpenApiTypes.DATETIME,
    description="Only records created or changed at or after this moment (ISO 8601 with a time zone).",
)


def _json_type_fits(field, value) -> bool:
    """JSON's own types, as the schema states them: no "1" for a number, no 0 for false, no 5 for a text."""
    if value is None:
        return True  # allow_null decides
    if isinstance(field, serializers.BooleanField):
        return isinstance(value, bool)
    if isinstance(field, (serializers.IntegerField, serializers.FloatField)):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if isinstance(field, (serializers.ListField, serializers.ListSerializer)):
        return isinstance(value, list)
    if isinstance(field, (serializers.DictField, serializers.Serializer)):
        return isinstance(value, dict)
    if isinstance(field, (serializers.CharField, serializers.ChoiceField, serializers.DateField)):
        return isinstance(value, str)
    return True


class StrictSerializer(serializers.Serializer):
    """Refuses fields it does not know and values of the wrong JSON type, instead of guessing."""

    def to_internal_value(self, data):
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise ValidationError({name: [_("Unknown field.")] for name in unknown})
            wrong = [n for n, v in data.items() if not _json_type_fits(self.fields[n], v)]
            if wrong:
                raise ValidationError({name: [_("Wrong type.")] for name in wrong})
        return super().to_internal_value(data)


class PolicyScoped:
    """Lists and records scoped by the policy: what the token's user may not see is not there (404)."""

    permission_classes = [TokenAllows]
    lookup_value_converter = "int"
    scope = ""  # the endpoint group (api.models.Scope)
    updated_field = "changed_at"  # the field `updated_since` compares
    audit_record = None  # the audit's record kind when the records are about a person
    audit_subject = "agent_id"

    def agents(self):
        """The agents the token's user may see, narrowed to an integration's teams."""
        return access.agents_visible_within(self.request.user, team_scope(self.request))

    def filter_queryset(self, queryset):
        since = self.request.query_params.get("updated_since")
        if since is not None:
            try:
                moment = parse_datetime(since) if len(since) <= 40 else None
            except ValueError:  # well formed, but no such moment (month 13)
                moment = None
            if moment is None or moment.tzinfo is None:
                raise ValidationError(
                    {"updated_since": [_("Give a date and time with a time zone (ISO 8601).")]}
                )
            if not 1900 <= moment.year <= 2199:  # like every form's dates; year 1 overflows in UTC
                raise ValidationError(
                    {"updated_since": [_("Give a moment between the years 1900 and 2199.")]}
                )
            queryset = self.changed_since(queryset, moment)
        return super().filter_queryset(queryset)

    def changed_since(self, queryset, moment):
        """The records created or changed at or after `moment` (every list has a change time now)."""
        return queryset.filter(**{f"{self.updated_field}__gte": moment})

    def audit(self, records):
        if self.audit_record is None:
            return
        subjects = {getattr(r, self.audit_subject) for r in records}
        recorder.record_many(self.request._request, subjects, self.audit_record)

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        self.audit(page)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class ReadViewSet(PolicyScoped, viewsets.ReadOnlyModelViewSet):
    """A list and a detail."""

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        self.audit([instance])
        return Response(self.get_serializer(instance).data)


class ListViewSet(PolicyScoped, mixins.ListModelMixin, viewsets.GenericViewSet):
    """A list only: what a sync reads."""
