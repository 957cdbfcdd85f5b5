"""Single sign-on with OpenID Connect, against a provider the test starts on 127.0.0.1."""

from urllib.parse import urlsplit

import pytest
import requests
from django.urls import reverse

from api.models import GroupMapping
from people.models import Role, TeamMembership, User

from .identity_provider import Provider

pytestmark = pytest.mark.django_db
BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "api.sso.LocalPasswordBackend",
    "api.sso.PortalOIDCBackend",
]


@pytest.fixture
def provider(settings):
    claims = {
        "sub": "00u1",
        "email": "maria.lopez@example.test",
        "email_verified": True,
        "given_name": "María",
        "family_name": "López",
        "groups": ["cc-leads", "phone-team", "unmapped"],
    }
    with Provider(client_id="portal", client_secret="s3cret", claims=claims) as running:
        for name, value in running.settings().items():
            setattr(settings, name, value)
        settings.AUTHENTICATION_BACKENDS = BACKENDS
        yield running


def sign_on(client):
    """The browser's way: the portal sends it to the provider, the provider sends it back."""
    to_provider = client.get(reverse("api:sso_oidc_start"), {"next": "/dashboard/"})
    assert to_provider.status_code == 302
    back = requests.get(to_provider["Location"], allow_redirects=False, timeout=5)
    assert back.status_code == 302
    callback = urlsplit(back.headers["Location"])
    return client.get(f"{callback.path}?{callback.query}")


def test_a_person_signs_on_and_lands_with_the_mapped_role_and_team(client, provider, team):
    GroupMapping.objects.create(group="cc-leads", role=Role.LEAD)
    GroupMapping.objects.create(group="phone-team", team=team, team_role="lead")
    landed = sign_on(client)
    assert landed.status_code == 302 and landed["Location"] == "/dashboard/"
    person = User.objects.get(email="maria.lopez@example.test")
    assert (person.role, person.first_name, person.last_name) == (Role.LEAD, "María", "López")
    assert TeamMembership.objects.current().leads().filter(user=person, team=team).exists()
    assert client.get("/dashboard/").status_code == 200


def test_signing_on_again_follows_a_changed_mapping(client, provider, team, other_team):
    GroupMapping.objects.create(group="phone-team", team=team)
    sign_on(client)
    GroupMapping.objects.filter(group="phone-team").update(team=other_team)
    client.logout()
    sign_on(client)
    person = User.objects.get(email="maria.lopez@example.test")
    current = TeamMembership.objects.current().filter(user=person)
    assert [m.team for m in current] == [other_team]


def test_a_deactivated_person_cannot_sign_on(client, provider):
    User.objects.create_user(email="maria.lopez@example.test", is_active=False)
    landed = sign_on(client)
    assert landed["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in client.session


def test_the_sign_in_page_shows_the_companys_button(client, provider, settings):
    settings.SSO_BUTTON_LABEL = "Contoso"
    page = client.get(reverse("login")).content.decode()
    assert "Sign in with Contoso" in page


def test_without_a_provider_the_sign_on_addresses_do_not_exist(client, settings):
    settings.OIDC_RP_CLIENT_ID = ""
    assert client.get(reverse("api:sso_oidc_start")).status_code == 404
    assert "sso-button" not in client.get(reverse("login")).content.decode()


def test_local_passwords_can_be_switched_off_except_for_break_glass_admins(
    client, settings, agent, admin_user
):
    settings.LOCAL_PASSWORDS = False
    settings.BREAK_GLASS_ADMINS = [admin_user.email]
    login = reverse("login")
    refused = client.post(login, {"username": agent.email, "password": "secret-pass-123"})
    assert refused.status_code == 200 and "_auth_user_id" not in client.session
    allowed = client.post(login, {"username": admin_user.email, "password": "secret-pass-123"})
    assert allowed.status_code == 302
