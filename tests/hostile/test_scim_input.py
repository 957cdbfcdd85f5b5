"""Hostile SCIM requests (any JSON, any filter) never answer 500 and always answer SCIM's own shape."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from api import services
from api.models import DirectoryGroup, Scope

from ..api.conftest import client_with
from ..factories import TeamFactory, UserFactory, make_agent

pytestmark = pytest.mark.django_db

json_values = st.recursive(
    # JSON has no NaN nor infinity: a client cannot send them (the test client refuses to encode them)
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=40),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)
user_like = st.fixed_dictionaries(
    {},
    optional={
        "userName": json_values | st.emails(),
        "name": json_values,
        "active": json_values,
        "externalId": json_values,
        "emails": json_values,
    },
)
patch_like = st.fixed_dictionaries(
    {
        "Operations": st.lists(
            st.fixed_dictionaries(
                {"op": st.sampled_from(["add", "replace", "remove", "Replace", "x"]) | json_values},
                optional={
                    "path": st.sampled_from(
                        ["active", "userName", "members", 'members[value eq "1"]', "displayName"]
                    )
                    | json_values,
                    "value": json_values,
                },
            ),
            max_size=3,
        )
        | json_values
    }
)


@pytest.fixture
def scim(db):
    from people.models import Role

    admin = UserFactory(role=Role.ADMIN, is_superuser=True, is_staff=True)
    made = services.integration_token_create(
        actor=admin,
        name="scim",
        access_level="read_write",
        scopes=[Scope.SCIM],
        teams=[],
        expires_at=None,
    )
    agent = make_agent(TeamFactory())
    group = DirectoryGroup.objects.create(display_name="Phone")
    return client_with(made.secret), agent, group


def answers_scim(response):
    assert response.status_code < 500
    if response.status_code != 204:
        assert response["Content-Type"].startswith("application/scim+json")


def test_hostile_users_and_patches_never_answer_500(scim):
    client, agent, _group = scim

    @given(user_like, patch_like)
    def run(user, patch):
        answers_scim(client.post("/scim/v2/Users", user, format="json"))
        answers_scim(client.patch(f"/scim/v2/Users/{agent.pk}", patch, format="json"))
        answers_scim(client.put(f"/scim/v2/Users/{agent.pk}", user, format="json"))

    run()


def test_hostile_groups_never_answer_500(scim):
    client, _agent, group = scim

    @given(json_values, patch_like)
    def run(body, patch):
        answers_scim(client.post("/scim/v2/Groups", body, format="json"))
        answers_scim(client.patch(f"/scim/v2/Groups/{group.pk}", patch, format="json"))

    run()


def test_hostile_filters_and_pages_never_answer_500(scim):
    client, _agent, _group = scim

    @given(st.text(max_size=60), st.text(max_size=8), st.text(max_size=8))
    def run(expression, start, count):
        query = {"filter": expression, "startIndex": start, "count": count}
        answers_scim(client.get("/scim/v2/Users", query))
        answers_scim(client.get("/scim/v2/Groups", query))

    run()
