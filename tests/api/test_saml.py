"""Single sign-on with SAML 2.0, against pysaml2's identity provider, which the test starts on 127.0.0.1."""

import base64
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests
from django.test import Client
from django.urls import reverse

from api.models import GroupMapping
from people.models import Role, TeamMembership, User

from .saml_identity_provider import IdentityProvider, key_and_certificate

pytestmark = pytest.mark.django_db


@pytest.fixture
def idp(settings, tmp_path, client):
    identity = {
        "mail": ["maria.lopez@example.test"],
        "givenName": ["María"],
        "sn": ["López"],
        "groups": ["cc-leads", "phone-team", "unmapped"],
    }
    with IdentityProvider(tmp_path, identity=identity) as running:
        settings.SAML_IDP_METADATA_URL = f"{running.url}/metadata"
        settings.SITE_URL = "http://testserver"
        metadata = client.get(reverse("api:sso_saml_metadata"))
        assert metadata.status_code == 200
        running.sp_metadata = metadata.content.decode()
        yield running


class _Form(HTMLParser):
    def __init__(self, page: str):
        super().__init__()
        self.action, self.fields = "", {}
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.action = attrs["action"]
        elif tag == "input" and attrs.get("name"):
            self.fields[attrs["name"]] = attrs.get("value", "")


def answer_of_the_provider(client, next_page="/dashboard/") -> _Form:
    """The browser's way: the portal sends it to the provider, which answers a form that posts back."""
    to_provider = client.get(reverse("api:sso_saml_login"), {"next": next_page})
    assert to_provider.status_code == 302
    page = requests.get(to_provider["Location"], timeout=10)
    assert page.status_code == 200
    return _Form(page.text)


def post_back(client, form: _Form):
    return client.post(urlsplit(form.action).path, form.fields)


def test_a_person_signs_on_and_lands_with_the_mapped_role_and_team(client, idp, team):
    GroupMapping.objects.create(group="cc-leads", role=Role.LEAD)
    GroupMapping.objects.create(group="phone-team", team=team, team_role="lead")
    form = answer_of_the_provider(client)
    assert urlsplit(form.action).path == reverse("api:sso_saml_acs")
    landed = post_back(client, form)
    assert landed.status_code == 302 and landed["Location"] == "/dashboard/"
    person = User.objects.get(email="maria.lopez@example.test")
    assert (person.role, person.first_name, person.last_name) == (Role.LEAD, "María", "López")
    assert TeamMembership.objects.current().leads().filter(user=person, team=team).exists()
    assert client.get("/dashboard/").status_code == 200


def test_signing_on_again_follows_a_changed_mapping(client, idp, team, other_team):
    GroupMapping.objects.create(group="phone-team", team=team)
    post_back(client, answer_of_the_provider(client))
    GroupMapping.objects.filter(group="phone-team").update(team=other_team)
    client.logout()
    post_back(client, answer_of_the_provider(client))
    person = User.objects.get(email="maria.lopez@example.test")
    current = TeamMembership.objects.current().filter(user=person)
    assert [m.team for m in current] == [other_team]


def test_a_deactivated_person_cannot_sign_on(client, idp):
    User.objects.create_user(email="maria.lopez@example.test", role=Role.AGENT, is_active=False)
    refused = post_back(client, answer_of_the_provider(client))
    assert refused.status_code == 403
    assert "_auth_user_id" not in client.session
    assert User.objects.get(email="maria.lopez@example.test").role == Role.AGENT


def test_a_changed_assertion_is_refused(client, idp, team):
    GroupMapping.objects.create(group="cc-hr", role=Role.HR)
    form = answer_of_the_provider(client)
    xml = base64.b64decode(form.fields["SAMLResponse"]).decode()
    assert ">unmapped<" in xml  # a group added on the way is caught by the signature
    changed = xml.replace(">unmapped<", ">cc-hr<")
    form.fields["SAMLResponse"] = base64.b64encode(changed.encode()).decode()
    refused = post_back(client, form)
    assert refused.status_code == 403 and "Sign-on refused" in refused.content.decode()
    assert "_auth_user_id" not in client.session
    assert not User.objects.filter(email="maria.lopez@example.test").exists()


def test_an_answer_to_another_browsers_request_is_refused(client, idp):
    form = answer_of_the_provider(client)
    stranger = Client()
    refused = post_back(stranger, form)  # no request of this browser is waiting for it
    assert refused.status_code == 403
    assert "_auth_user_id" not in stranger.session
    assert post_back(client, form).status_code == 302  # the browser that asked is signed on


def test_the_metadata_names_the_assertion_consumer_service(client, idp):
    metadata = client.get(reverse("api:sso_saml_metadata")).content.decode()
    assert "http://testserver/sso/saml/acs/" in metadata
    assert 'WantAssertionsSigned="true"' in metadata


def test_the_sign_in_page_shows_the_companys_button(client, idp, settings):
    settings.SSO_BUTTON_LABEL = "Contoso"
    page = client.get(reverse("login")).content.decode()
    assert "Sign in with Contoso" in page and reverse("api:sso_saml_login") in page


def test_without_an_identity_provider_the_saml_addresses_do_not_exist(client, settings):
    settings.SAML_IDP_METADATA_URL = settings.SAML_IDP_METADATA_FILE = ""
    for name in ("api:sso_saml_login", "api:sso_saml_metadata"):
        assert client.get(reverse(name)).status_code == 404
    assert client.post(reverse("api:sso_saml_acs"), {"SAMLResponse": "x"}).status_code == 404


@pytest.fixture
def signing_portal(idp, settings, tmp_path, client):
    """The portal signs its requests with its own key; the provider knows its certificate from the
    portal's metadata and refuses a request without a valid signature."""
    settings.SAML_SP_KEY_FILE, settings.SAML_SP_CERT_FILE = key_and_certificate(tmp_path, "sp")
    metadata = client.get(reverse("api:sso_saml_metadata")).content.decode()
    assert 'AuthnRequestsSigned="true"' in metadata
    idp.sp_metadata = metadata
    idp.wants_signed_requests = True
    return idp


def test_a_signed_request_is_accepted_by_a_provider_that_wants_signed_requests(
    client, signing_portal, team
):
    to_provider = client.get(reverse("api:sso_saml_login"), {"next": "/dashboard/"})
    query = parse_qs(urlsplit(to_provider["Location"]).query)
    assert query["SigAlg"] == ["http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"]
    assert query["Signature"][0]
    page = requests.get(to_provider["Location"], timeout=10)
    assert page.status_code == 200 and signing_portal.refused == 0
    landed = post_back(client, _Form(page.text))
    assert landed.status_code == 302 and landed["Location"] == "/dashboard/"
    assert User.objects.filter(email="maria.lopez@example.test").exists()


def test_a_request_whose_signature_does_not_match_is_refused_by_the_provider(
    client, signing_portal
):
    location = client.get(reverse("api:sso_saml_login"))["Location"]
    parts = urlsplit(location)
    query = parse_qs(parts.query)
    query["RelayState"] = [
        "https://attacker.example/"
    ]  # changed on the way: the signature covers it
    changed = parts._replace(query=urlencode({k: v[0] for k, v in query.items()})).geturl()
    assert requests.get(changed, timeout=10).status_code == 403
    unsigned = {k: v[0] for k, v in query.items() if k not in ("Signature", "SigAlg")}
    assert (
        requests.get(parts._replace(query=urlencode(unsigned)).geturl(), timeout=10).status_code
        == 403
    )
    assert signing_portal.refused == 2


def signed_on(client, idp) -> User:
    landed = post_back(client, answer_of_the_provider(client))
    assert landed.status_code == 302 and "_auth_user_id" in client.session
    return User.objects.get(email="maria.lopez@example.test")


def test_signing_out_ends_the_session_here_and_at_the_provider(client, idp):
    person = signed_on(client, idp)
    assert 'SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"' in (
        client.get(reverse("api:sso_saml_metadata")).content.decode()
    )
    assert client.get(reverse("api:sso_saml_logout")).status_code == 405  # a POST, like sign-out
    to_provider = client.post(reverse("api:sso_saml_logout"))
    assert to_provider.status_code == 302
    assert to_provider["Location"].startswith(f"{idp.url}/slo?SAMLRequest=")
    assert "_auth_user_id" not in client.session  # signed out here at once
    back = requests.get(to_provider["Location"], allow_redirects=False, timeout=10)
    [request] = idp.logout_requests
    assert request.name_id.text == person.email  # the provider was told whose session ends
    assert back.status_code == 302
    location = urlsplit(back.headers["Location"])
    assert location.path == reverse("api:sso_saml_ls")
    finished = client.get(location.path, parse_qs(location.query))
    assert finished.status_code == 302  # the provider's LogoutResponse, accepted
    assert client.get("/dashboard/").status_code == 302  # to the sign-in page


def test_a_logout_started_at_the_provider_ends_the_session_here(client, idp):
    signed_on(client, idp)
    entity_id = "http://testserver/sso/saml/metadata/"
    location = urlsplit(idp.logout_request_to(entity_id))
    assert location.path == reverse("api:sso_saml_ls")
    answer = client.get(location.path, parse_qs(location.query))
    assert answer.status_code == 302
    assert answer["Location"].startswith(f"{idp.url}/slo?SAMLResponse=")
    assert "_auth_user_id" not in client.session
    assert client.get("/dashboard/").status_code == 302


def test_a_logout_request_for_a_browser_without_a_saml_session_signs_no_one_else_out(client, idp):
    signed_on(client, idp)
    stranger = Client()
    location = urlsplit(idp.logout_request_to("http://testserver/sso/saml/metadata/"))
    assert stranger.get(location.path, parse_qs(location.query)).status_code == 403
    assert "_auth_user_id" in client.session  # the signed-in browser stays signed in


def test_the_navigations_sign_out_goes_through_single_logout_after_a_saml_sign_on(
    client, idp, lead
):
    signed_on(client, idp)
    page = client.get("/dashboard/").content.decode()
    assert f'action="{reverse("api:sso_saml_logout")}"' in page
    client.logout()
    client.force_login(lead)  # signed in with a password: the portal's own sign-out
    page = client.get("/dashboard/").content.decode()
    assert f'action="{reverse("logout")}"' in page
    assert reverse("api:sso_saml_logout") not in page
