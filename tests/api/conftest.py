import pytest
from rest_framework.test import APIClient

from api import services
from api.models import ApiToken


def client_with(secret: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


@pytest.fixture
def token_for():
    """token_for(user, access="read") -> (APIClient with a personal token of the user, the token)."""

    def make(user, access=ApiToken.Access.READ, expires_at=None):
        made = services.personal_token_create(
            actor=user, name="test", access_level=access, expires_at=expires_at
        )
        return client_with(made.secret), made.token

    return make


@pytest.fixture
def integration(db, admin_user):
    """integration(scopes, teams=(), access="read_write") -> (APIClient, token) of an integration token."""

    def make(scopes, teams=(), access=ApiToken.Access.READ_WRITE):
        made = services.integration_token_create(
            actor=admin_user,
            name="HR system",
            access_level=access,
            scopes=list(scopes),
            teams=list(teams),
            expires_at=None,
        )
        return client_with(made.secret), made.token

    return make
