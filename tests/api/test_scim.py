"""SCIM 2.0 provisioning as Entra ID and Okta send it, on SQLite and PostgreSQL alike."""

import pytest

from api.models import ApiToken, GroupMapping
from people.models import Role, TeamMembership, User

pytestmark = pytest.mark.django_db
SCIM = "application/scim+json"
USER = "urn:ietf:params:scim:schemas:core:2.0:User"
PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp"


@pytest.fixture
def scim(integration):
    client, _token = integration(["scim"])
    return client


def send(client, method, path, body=None):
    return getattr(client, method)(f"/scim/v2/{path}", body, format="json")


def new_user(scim, email="new.agent@example.test", external="00u9"):
    body = {
        "schemas": [USER],
        "userName": email,
        "externalId": external,
        "name": {"givenName": "Nina", "familyName": "Neu"},
        "emails": [{"value": email, "type": "work", "primary": True}],
        "active": True,
    }
    response = send(scim, "post", "Users", body)
    assert response.status_code == 201, response.json()
    return response.json()


def test_a_user_is_created_and_found_by_user_name(scim):
    created = new_user(scim)
    found = scim.get('/scim/v2/Users?filter=userName eq "NEW.agent@example.test"').json()
    assert found["totalResults"] == 1 and found["Resources"][0]["id"] == created["id"]
    assert found["Resources"][0]["externalId"] == "00u9"
    assert (
        scim.get('/scim/v2/Users?filter=userName eq "nobody@example.test"').json()["totalResults"]
        == 0
    )


def test_a_patch_changes_names_as_entra_sends_it(scim):
    created = new_user(scim)
    body = {
        "schemas": [PATCH],
        "Operations": [
            {"op": "Replace", "path": "name.familyName", "value": "Neumann"},
            {"op": "Replace", "path": "userName", "value": "nina.neumann@example.test"},
        ],
    }
    response = send(scim, "patch", f"Users/{created['id']}", body)
    assert response.status_code == 200, response.json()
    person = User.objects.get(pk=created["id"])
    assert (person.last_name, person.email) == ("Neumann", "nina.neumann@example.test")


@pytest.mark.parametrize(
    "operation",
    [
        {"op": "Replace", "path": "active", "value": "False"},  # Entra ID
        {"op": "replace", "value": {"active": False}},  # Okta
    ],
)
def test_a_deactivation_ends_sessions_and_tokens_at_once(scim, operation, agent, client, token_for):
    client.force_login(agent)
    agent_api, _agent_token = token_for(agent)
    body = {"schemas": [PATCH], "Operations": [operation]}
    response = send(scim, "patch", f"Users/{agent.pk}", body)
    assert response.status_code == 200 and response.json()["active"] is False
    assert client.get("/me/").status_code == 302
    assert agent_api.get("/api/v1/people/").status_code == 401
    assert not ApiToken.objects.filter(user=agent, revoked_at__isnull=True).exists()


def test_groups_give_the_mapped_role_and_team(scim, team):
    GroupMapping.objects.create(group="CC Leads", role=Role.LEAD)
    GroupMapping.objects.create(group="Phone", team=team, team_role="lead")
    user = new_user(scim)
    group = send(
        scim, "post", "Groups", {"displayName": "CC Leads", "members": [{"value": user["id"]}]}
    )
    assert group.status_code == 201, group.json()
    phone = send(scim, "post", "Groups", {"displayName": "Phone", "members": []}).json()
    body = {
        "schemas": [PATCH],
        "Operations": [{"op": "add", "path": "members", "value": [{"value": user["id"]}]}],
    }
    assert send(scim, "patch", f"Groups/{phone['id']}", body).status_code == 200
    person = User.objects.get(pk=user["id"])
    assert person.role == Role.LEAD
    assert TeamMembership.objects.current().leads().filter(user=person, team=team).exists()
    remove = {
        "schemas": [PATCH],
        "Operations": [{"op": "remove", "path": f'members[value eq "{user["id"]}"]'}],
    }
    assert send(scim, "patch", f"Groups/{phone['id']}", remove).status_code == 200
    assert not TeamMembership.objects.current().filter(user=person, team=team).exists()


def test_a_user_outside_the_tokens_teams_is_not_found(integration, team, other_agent):
    client, _token = integration(["scim"], teams=[team])
    response = client.get(f"/scim/v2/Users/{other_agent.pk}")
    assert response.status_code == 404
    assert response.json()["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:Error"]


def test_bad_requests_answer_scim_errors(scim):
    assert send(scim, "post", "Users", {"userName": 5}).json()["scimType"] == "invalidValue"
    bad_filter = scim.get('/scim/v2/Users?filter=userName xx "a"')
    assert bad_filter.status_code == 400 and bad_filter.json()["scimType"] == "invalidFilter"
    new_user(scim)
    twice = send(scim, "post", "Users", {"userName": "new.agent@example.test"})
    assert twice.status_code == 409 and twice.json()["scimType"] == "uniqueness"


def test_scim_needs_a_token_with_the_scim_group(integration, token_for, hr):
    people_only, _token = integration(["people"])
    assert people_only.get("/scim/v2/Users").status_code == 403
    personal, _token = token_for(hr)
    assert personal.get("/scim/v2/Users").status_code == 403
