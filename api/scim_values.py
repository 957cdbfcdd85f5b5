"""SCIM's error and the values its requests carry, shared by the SCIM views and the services."""

from django.utils.translation import gettext as _
from rest_framework import exceptions


class ScimError(exceptions.APIException):
    def __init__(self, status_code: int, detail: str, scim_type: str = ""):
        self.status_code, self.scim_type = status_code, scim_type
        super().__init__(detail)


def text_value(value, name) -> str:
    if (
        not isinstance(value, str)
        or len(value) > 200
        or (name == "displayName" and not value.strip())
    ):
        raise ScimError(
            400,
            _("%(name)s must be a text of up to 200 characters.") % {"name": name},
            "invalidValue",
        )
    return value.strip()


def member_ids(members) -> list[int]:
    if not isinstance(members, list):
        raise ScimError(400, _("members must be a list."), "invalidValue")
    ids = []
    for member in members:
        value = member.get("value") if isinstance(member, dict) else None
        if not isinstance(value, str) or not value.isdigit() or len(value) > 18:
            raise ScimError(400, _("Each member needs the id of a user."), "invalidValue")
        ids.append(int(value))
    return ids
