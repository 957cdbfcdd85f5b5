"""Key figures: read where individual figures may be seen; a bulk upsert checked like a file import."""

import json

from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import ParseError, ValidationError
from rest_framework.response import Response

from core.bulk import collector_paused
from kpis import reading
from kpis import services as kpi_services
from kpis.models import KpiRecord
from people import access
from people.models import ChannelCode, User

from ..models import ExternalKey, Scope
from ..permissions import team_scope
from ..problems import problem
from .base import UPDATED_SINCE, ReadViewSet, StrictSerializer

MAX_SHOWN_ERRORS = 1000
CONTAINERS = frozenset({dict, list})  # a record's values must be single values


class KpiRecordSerializer(serializers.ModelSerializer):
    class Meta:
        model = KpiRecord
        fields = ["id", "period", *kpi_services.RECORD_FIELDS, "source", "changed_at"]


class KpiRowSerializer(StrictSerializer):
    """Documents one record; the checker reads the values as the file import reads cells."""

    agent = serializers.CharField(help_text="The agent's e-mail, external id or a linked login.")
    period_start = serializers.DateField()
    channel = serializers.ChoiceField(choices=ChannelCode.choices)
    contacts = serializers.IntegerField(min_value=0)
    aht_seconds = serializers.FloatField(required=False, allow_null=True, min_value=0)
    fcr = serializers.FloatField(required=False, allow_null=True, help_text="share, 0 to 1")
    csat = serializers.FloatField(required=False, allow_null=True, help_text="1 to 5")
    csat_answers = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    qa_score = serializers.FloatField(required=False, allow_null=True, help_text="0 to 100")


@extend_schema_field(KpiRowSerializer(many=True))
class RecordsField(serializers.ListField):
    """Objects, each checked by the import's checker (not field by field here: 100,000 at a time)."""

    child = serializers.DictField()

    def to_internal_value(self, data):
        if not isinstance(data, list):
            raise ValidationError(_("Expected a list of records."))
        if not data and not self.allow_empty:
            raise ValidationError(_("Send at least one record."))
        wrong = [i for i, record in enumerate(data) if not isinstance(record, dict)]
        if wrong:
            raise ValidationError({i: [_("Expected an object.")] for i in wrong[:100]})
        return data


class KpiUploadSerializer(StrictSerializer):
    source = serializers.CharField(max_length=80, help_text="The system the figures come from.")
    period = serializers.ChoiceField(choices=KpiRecord.Period.choices, default="week")
    records = RecordsField(allow_empty=False)


class KpiUploadResultSerializer(serializers.Serializer):
    rows = serializers.IntegerField()
    records = serializers.IntegerField()
    changed = serializers.IntegerField()


@extend_schema_view(
    list=extend_schema(
        description="Individual key figures: the agent's own and their lead's.",
        parameters=[UPDATED_SINCE],
    ),
)
class KpiRecordsViewSet(ReadViewSet):
    scope = Scope.KPIS
    serializer_class = KpiRecordSerializer
    updated_field = "changed_at"
    audit_record = "kpis"

    def get_queryset(self):
        agents = access.agents_with_kpis_visible_to(self.request.user)
        scope = team_scope(self.request)
        if scope is not None:
            agents = agents.filter(pk__in=self.agents().values("pk"))
        return KpiRecord.objects.filter(agent__in=agents)

    @extend_schema(
        request=KpiUploadSerializer,
        responses={
            200: KpiUploadResultSerializer,
            400: OpenApiResponse(description="Problem details; `errors` names each record."),
            413: OpenApiResponse(description="Problem details: over the import's limits."),
        },
        description=(
            "Create or update key figures, keyed by agent, period, period start and channel "
            "(idempotent). Checked like a file import in the portal's format, within the same "
            "limits; all records or none are written."
        ),
    )
    @action(detail=False, methods=["post"], url_path="bulk")
    def bulk(self, request):
        with collector_paused():
            return self._bulk(request)

    def _bulk(self, request):
        size = int(request.META.get("CONTENT_LENGTH") or 0)
        if size > reading.limit("MAX_BYTES"):
            return problem(
                413,
                _("The upload is larger than %(size)s MB; send it in parts.")
                % {"size": reading.limit("MAX_BYTES") // (1024 * 1024)},
            )
        try:  # read here, not through request.data: the import's limit, not the form limit, applies
            body = json.loads(request._request.read(reading.limit("MAX_BYTES") + 1) or b"null")
        except ValueError as error:
            raise ParseError(
                _("The body is not valid JSON: %(error)s") % {"error": error}
            ) from None
        upload = KpiUploadSerializer(data=body)
        upload.is_valid(raise_exception=True)
        data = upload.validated_data
        rows, problems = self._rows(data["records"])
        if problems:
            return problem(400, _("Nothing was written."), errors=problems)
        try:
            report = kpi_services.kpi_records_upsert(
                actor=request.user, records=rows, source_name=data["source"], period=data["period"]
            )
        except reading.FileProblem as error:
            return problem(413, str(error))
        if report.error_count:
            errors = [
                {"field": f"records.{line}", "message": message}
                for line, message in report.errors[:MAX_SHOWN_ERRORS]
            ]
            return problem(
                400,
                _("%(count)s problem(s) found; nothing was written.")
                % {"count": report.error_count},
                errors=errors,
            )
        return Response({"rows": report.rows, "records": report.records, "changed": report.changed})

    def _rows(self, records: list[dict]) -> tuple[list[list], list[dict]]:
        """Each record as a row of cells; unknown fields refused; external ids and team scope applied."""
        known = kpi_services.RECORD_FIELDS
        known_set = frozenset(known)
        problems, rows = [], []
        external = self._emails_by_external_id()
        allowed = self._allowed_emails()
        for index, record in enumerate(records):
            if not known_set.issuperset(record):
                unknown = record.keys() - known_set
                shown = ", ".join(sorted(map(str, unknown)))[:200]
                problems.append(
                    {
                        "field": f"records.{index}",
                        "message": _("Unknown field(s): %(f)s") % {"f": shown},
                    }
                )
                continue
            row = list(map(record.get, known))
            if not CONTAINERS.isdisjoint(map(type, row)):
                problems += [
                    {"field": f"records.{index}.{name}", "message": _("must be a single value")}
                    for name, v in zip(known, row, strict=True)
                    if isinstance(v, (dict, list))
                ]
                continue
            agent = row[0]
            if agent.__class__ is str and agent in external:
                row[0] = agent = external[agent]
            if allowed is not None and str(agent).casefold() not in allowed:
                problems.append({"field": f"records.{index}.agent", "message": _("unknown agent")})
                continue
            rows.append(row)
        return rows, problems[:MAX_SHOWN_ERRORS]

    def _emails_by_external_id(self) -> dict:
        """External id → e-mail of every person an external id names (one query, at most the directory)."""
        keys = dict(
            ExternalKey.objects.filter(kind=ExternalKey.Kind.PERSON).values_list(
                "object_id", "external_id"
            )
        )
        emails = User.objects.filter(
            pk__in=ExternalKey.objects.filter(kind=ExternalKey.Kind.PERSON).values("object_id")
        ).values_list("pk", "email")
        return {keys[pk]: email for pk, email in emails}

    def _allowed_emails(self):
        """A token limited to teams writes only its teams' agents (None: no limit)."""
        if team_scope(self.request) is None:
            return None
        return {e.casefold() for e in self.agents().values_list("email", flat=True)}
