"""SCIM 2.0 provisioning (RFC 7643/7644) for Entra ID, Okta and Keycloak: Users and Groups.

Built on Django REST Framework rather than django-scim2, whose filters are translated to PostgreSQL
SQL: filters here are parsed by scim2-filter-parser into Django `Q` objects (`userName eq "…"`,
`externalId eq "…"`, `displayName eq "…"`), so provisioning works on PostgreSQL and SQLite alike.
Every change goes through the same services as the directory API; access is an integration token
with the "scim" endpoint group; a person outside the token's teams answers 404.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, parsers, renderers, status
from rest_framework.response import Response
from rest_framework.views import APIView
from scim2_filter_parser.parser import SCIMParserError
from scim2_filter_parser.transpilers.django_q_object import get_query

from people import access

from . import services
from .models import DirectoryGroup, ExternalKey, Scope
from .permissions import TokenAllows, team_scope
from .scim_values import ScimError, member_ids, text_value
from .selectors import external_id_of

USER = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"
LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
ERROR = "urn:ietf:params:scim:api:messages:2.0:Error"
MAX_COUNT = 200
USER_FILTERS = {("userName", None, None): "email", ("externalId", None, None): "external_id"}
GROUP_FILTERS = {
    ("displayName", None, None): "display_name",
    ("externalId", None, None): "external_id",
}


class ScimRenderer(renderers.JSONRenderer):
    media_type = "application/scim+json"


class ScimParser(parsers.JSONParser):
    media_type = "application/scim+json"


class ScimView(APIView):
    scope = Scope.SCIM
    permission_classes = [TokenAllows]
    renderer_classes = [ScimRenderer, renderers.JSONRenderer]
    parser_classes = [ScimParser, parsers.JSONParser]
    pagination_class = None

    def handle_exception(self, exc):
        """Errors in SCIM's own shape (RFC 7644 §3.12), whatever raised them."""
        if isinstance(exc, (exceptions.NotAuthenticated, exceptions.AuthenticationFailed)):
            code, detail, kind = 401, str(exc.detail), ""
        elif isinstance(exc, ScimError):
            code, detail, kind = exc.status_code, str(exc.detail), exc.scim_type
        elif isinstance(exc, exceptions.ValidationError):
            code, detail, kind = 400, str(exc.detail), "invalidValue"
        elif isinstance(exc, exceptions.APIException):
            code, detail, kind = exc.status_code, str(exc.detail), ""
        elif isinstance(exc, Http404):
            code, detail, kind = 404, _("No such resource."), ""
        elif isinstance(exc, PermissionDenied):
            code, detail, kind = 403, _("Not allowed."), ""
        else:
            return super().handle_exception(exc)  # an unexpected error: Django's 500 handling
        body = {"schemas": [ERROR], "status": str(code), "detail": detail}
        if kind:
            body["scimType"] = kind
        response = Response(body, status=code, content_type="application/scim+json")
        if code == 401:
            response["WWW-Authenticate"] = 'Bearer realm="scim"'
        return response

    # -- helpers -------------------------------------------------------------------------------
    def people(self):
        return (
            access.people_visible_within(self.request.user, team_scope(self.request))
            .annotate(external_id=external_id_of(ExternalKey.Kind.PERSON))
            .prefetch_related(
                Prefetch(
                    "directory_groups", queryset=DirectoryGroup.objects.only("pk", "display_name")
                )
            )
        )

    def body(self) -> dict:
        data = self.request.data
        if not isinstance(data, dict):
            raise ScimError(400, _("Send a JSON object."), "invalidSyntax")
        return data

    def page(self, queryset, filters):
        params = self.request.query_params
        expression = params.get("filter")
        if expression:
            try:
                query = get_query(expression[:1000], filters)
            except (SCIMParserError, ValueError, TypeError, AttributeError, KeyError):
                raise ScimError(400, _("This filter is not supported."), "invalidFilter") from None
            if query is None:
                raise ScimError(400, _("This filter is not supported."), "invalidFilter")
            queryset = queryset.filter(query)
        start, count = _number(params.get("startIndex"), 1), _number(params.get("count"), 100)
        start, count = max(start, 1), min(max(count, 0), MAX_COUNT)
        queryset = queryset.order_by("pk")
        total = queryset.count()
        return total, start, list(queryset[start - 1 : start - 1 + count])


def _number(raw, default: int) -> int:
    if raw is None:
        return default
    if not raw.lstrip("-").isdigit() or len(raw) > 9:
        raise ScimError(400, _("startIndex and count are whole numbers."), "invalidValue")
    return int(raw)


def user_resource(person) -> dict:
    return {
        "schemas": [USER],
        "id": str(person.pk),
        "externalId": getattr(person, "external_id", None),
        "userName": person.email,
        "name": {"givenName": person.first_name, "familyName": person.last_name},
        "emails": [{"value": person.email, "type": "work", "primary": True}],
        "active": person.is_active,
        "groups": [
            {"value": str(g.pk), "display": g.display_name} for g in person.directory_groups.all()
        ],
        "meta": {"resourceType": "User", "location": f"/scim/v2/Users/{person.pk}"},
    }


def group_resource(group) -> dict:
    return {
        "schemas": [GROUP],
        "id": str(group.pk),
        "externalId": group.external_id or None,
        "displayName": group.display_name,
        "members": [{"value": str(m.pk), "display": m.email} for m in group.members.all()],
        "meta": {"resourceType": "Group", "location": f"/scim/v2/Groups/{group.pk}"},
    }


def listing(total, start, resources) -> dict:
    return {
        "schemas": [LIST],
        "totalResults": total,
        "startIndex": start,
        "itemsPerPage": len(resources),
        "Resources": resources,
    }


@extend_schema(exclude=True)
class Users(ScimView):
    def get(self, request):
        total, start, people = self.page(self.people(), USER_FILTERS)
        return Response(listing(total, start, [user_resource(p) for p in people]))

    def post(self, request):
        if team_scope(request) is not None:
            raise ScimError(403, _("A token limited to teams cannot create people."))
        fields = services.scim_user_fields(self.body(), partial=False)
        person = services.scim_user_save(actor=request.user, fields=fields)
        return Response(
            user_resource(self.people().get(pk=person.pk)), status=status.HTTP_201_CREATED
        )


@extend_schema(exclude=True)
class UserDetail(ScimView):
    def person(self, pk):
        return get_object_or_404(self.people(), pk=pk)

    def get(self, request, pk):
        return Response(user_resource(self.person(pk)))

    def put(self, request, pk):
        person = self.person(pk)
        fields = services.scim_user_fields(self.body(), partial=False)
        services.scim_user_save(actor=request.user, fields=fields, person=person)
        return Response(user_resource(self.person(pk)))

    def patch(self, request, pk):
        person = self.person(pk)
        fields = services.scim_user_fields(
            services.scim_patch_values(self.body(), USER_PATHS), partial=True
        )
        services.scim_user_save(actor=request.user, fields=fields, person=person)
        return Response(user_resource(self.person(pk)))

    def delete(self, request, pk):
        """Deprovisioning: the account is deactivated (its records stay for their retention)."""
        person = self.person(pk)
        services.scim_user_save(actor=request.user, fields={"is_active": False}, person=person)
        return Response(status=status.HTTP_204_NO_CONTENT)


USER_PATHS = {
    "active": "active",
    "username": "userName",
    "externalid": "externalId",
    "name.givenname": "name.givenName",
    "name.familyname": "name.familyName",
    'emails[type eq "work"].value': "userName",
    "emails[primary eq true].value": "userName",
}


@extend_schema(exclude=True)
class Groups(ScimView):
    def groups(self):
        return DirectoryGroup.objects.prefetch_related("members")

    def get(self, request):
        total, start, groups = self.page(self.groups(), GROUP_FILTERS)
        return Response(listing(total, start, [group_resource(g) for g in groups]))

    def post(self, request):
        data = self.body()
        group = services.scim_group_save(
            actor=request.user,
            display_name=text_value(data.get("displayName"), "displayName"),
            external_id=text_value(data.get("externalId") or "", "externalId"),
            members=member_ids(data.get("members") or []),
            people=self.people(),
        )
        return Response(
            group_resource(self.groups().get(pk=group.pk)), status=status.HTTP_201_CREATED
        )


@extend_schema(exclude=True)
class GroupDetail(Groups):
    def group(self, pk):
        return get_object_or_404(self.groups(), pk=pk)

    def get(self, request, pk):
        return Response(group_resource(self.group(pk)))

    def put(self, request, pk):
        data = self.body()
        group = services.scim_group_save(
            actor=request.user,
            group=self.group(pk),
            display_name=text_value(data.get("displayName"), "displayName"),
            external_id=text_value(data.get("externalId") or "", "externalId"),
            members=member_ids(data.get("members") or []),
            people=self.people(),
        )
        return Response(group_resource(self.group(group.pk)))

    def patch(self, request, pk):
        group = self.group(pk)
        add, remove, rename = services.scim_group_patch(self.body())
        services.scim_group_change(
            actor=request.user,
            group=group,
            add=add,
            remove=remove,
            display_name=rename,
            people=self.people(),
        )
        return Response(group_resource(self.group(pk)))

    def delete(self, request, pk):
        services.scim_group_delete(actor=request.user, group=self.group(pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(exclude=True)
class ServiceProviderConfig(ScimView):
    def get(self, request):
        return Response(
            {
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
                "patch": {"supported": True},
                "bulk": {"supported": False, "maxOperations": 0, "maxPayloadSize": 0},
                "filter": {"supported": True, "maxResults": MAX_COUNT},
                "changePassword": {"supported": False},
                "sort": {"supported": False},
                "etag": {"supported": False},
                "authenticationSchemes": [
                    {
                        "type": "oauthbearertoken",
                        "name": "Integration token",
                        "description": "An integration token with the SCIM endpoint group.",
                    }
                ],
            }
        )
