"""The SAML 2.0 service provider proper: djangosaml2's views and backend, configured by the portal's
settings. Imported only when SAML is on (api/saml.py), since pysaml2 loads its XML schemas on import.

pysaml2 checks signatures with the xmlsec1 program (Debian's package `xmlsec1`).
"""

import copy
import shutil

from django.conf import settings
from djangosaml2.backends import Saml2Backend
from djangosaml2.views import (
    AssertionConsumerServiceView,
    LoginView,
    LogoutInitView,
    LogoutView,
    MetadataView,
)
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.config import SPConfig
from saml2.saml import NAMEID_FORMAT_UNSPECIFIED

from people import access

from . import services
from .saml import SIGNED_ON_WITH_SAML, base_url, saml_enabled


def sp_settings() -> dict:
    """pysaml2's configuration of the portal as a service provider, from the portal's settings."""
    base = base_url()
    metadata = (
        {"remote": [{"url": settings.SAML_IDP_METADATA_URL}]}
        if settings.SAML_IDP_METADATA_URL
        else {"local": [settings.SAML_IDP_METADATA_FILE]}
    )
    config = {
        "entityid": settings.SAML_SP_ENTITY_ID or f"{base}/sso/saml/metadata/",
        "xmlsec_binary": shutil.which("xmlsec1") or "/usr/bin/xmlsec1",
        "metadata": metadata,
        "allow_unknown_attributes": True,
        "service": {
            "sp": {
                "name": "Team development portal",
                "endpoints": {
                    "assertion_consumer_service": [(f"{base}/sso/saml/acs/", BINDING_HTTP_POST)],
                    "single_logout_service": [(f"{base}/sso/saml/ls/", BINDING_HTTP_REDIRECT)],
                },
                "name_id_format": NAMEID_FORMAT_UNSPECIFIED,
                "allow_unsolicited": False,  # every answer must answer a request of this session
                "want_assertions_signed": True,
                "want_response_signed": False,
                "authn_requests_signed": bool(settings.SAML_SP_KEY_FILE),
                "allow_unknown_attributes": True,
            },
        },
        "debug": False,
    }
    if settings.SAML_SP_KEY_FILE:
        config["key_file"] = settings.SAML_SP_KEY_FILE
        config["cert_file"] = settings.SAML_SP_CERT_FILE
        config["encryption_keypairs"] = [
            {"key_file": settings.SAML_SP_KEY_FILE, "cert_file": settings.SAML_SP_CERT_FILE}
        ]
    return config


def config_loader(request=None) -> SPConfig:
    """djangosaml2's SAML_CONFIG_LOADER: the configuration as the settings are now."""
    config = SPConfig()
    config.load(copy.deepcopy(sp_settings()))
    return config


class _AssertionConsumer(AssertionConsumerServiceView):
    def post_login_hook(self, request, user, session_info) -> None:
        request.session[SIGNED_ON_WITH_SAML] = True


login = LoginView.as_view()
assertion_consumer = _AssertionConsumer.as_view()
metadata = MetadataView.as_view()


class _SignOutEverywhere(LogoutInitView):
    """Single logout started here: signs the person out of the portal and sends the browser to the
    provider's single logout service, which ends the provider's session and sends it back to
    `saml_logout_service`. A POST with the CSRF token, like the portal's own sign-out."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        return self.get(request, *args, **kwargs)


sign_out_everywhere = _SignOutEverywhere.as_view()
logout_service = LogoutView.as_view()


def _first(ava: dict, name: str) -> str:
    values = ava.get(name) or []
    if isinstance(values, str):
        return values
    return str(values[0]) if values else ""


class PortalSaml2Backend(Saml2Backend):
    """Finds people by e-mail, creates them just in time, applies the group mapping each time."""

    def authenticate(
        self,
        request,
        session_info=None,
        attribute_mapping=None,
        create_unknown_user=True,
        assertion_info=None,
        **kwargs,
    ):
        if not saml_enabled() or not session_info or "ava" not in session_info:
            return None
        ava = session_info["ava"]
        email = _first(ava, settings.SAML_EMAIL_ATTRIBUTE).strip()
        if "@" not in email or len(email) > 254:
            return None
        person = access.people_who_sign_in().filter(email__iexact=email).first()
        if person is not None and not person.is_active:
            return None  # a deactivated account cannot sign on, and is not changed
        raw_groups = ava.get(settings.SAML_GROUPS_ATTRIBUTE)
        groups = None if raw_groups is None else [str(g) for g in raw_groups]
        claims = {
            "email": email,
            "given_name": _first(ava, settings.SAML_GIVEN_NAME_ATTRIBUTE),
            "family_name": _first(ava, settings.SAML_FAMILY_NAME_ATTRIBUTE),
        }
        person = services.sso_account_sync(claims=claims, groups=groups, person=person)
        return person if self.user_can_authenticate(person) else None
