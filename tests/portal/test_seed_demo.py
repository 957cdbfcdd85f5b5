import pytest
from django.core.management import call_command

from people.models import Role, Team, TeamMembership, User
from people.selectors import current_leads_of_agent

pytestmark = pytest.mark.django_db(transaction=False)


def seed(*args):
    from io import StringIO

    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def test_the_demo_has_the_four_logins_with_the_demo_password():
    output = seed()
    for email in ["lead@demo.example", "agent@demo.example", "hr@demo.example", "admin@demo.example"]:
        assert email in output
        assert User.objects.get(email=email).check_password("demo1234")
    assert User.objects.get(email="admin@demo.example").is_superuser


def test_the_demo_agent_is_in_the_demo_leads_team():
    seed()
    agent = User.objects.get(email="agent@demo.example")
    assert list(current_leads_of_agent(agent)) == [User.objects.get(email="lead@demo.example")]


def test_the_demo_is_a_believable_service_center():
    seed()
    assert User.objects.filter(role=Role.AGENT).count() == 40
    assert Team.objects.count() >= 4
    assert len(set(Team.objects.values_list("primary_channel", flat=True))) >= 3
    assert TeamMembership.objects.leads().count() == Team.objects.count()
    names = set(User.objects.values_list("last_name", flat=True))
    assert {"Müller", "Nguyen"} & names or len(names) > 20
    with_interests = User.objects.filter(role=Role.AGENT).exclude(profile__career_interests="").count()
    assert with_interests > 20


def test_running_the_seed_twice_creates_no_duplicates():
    seed()
    counts = (User.objects.count(), Team.objects.count(), TeamMembership.objects.count())
    output = seed()
    assert "already present" in output
    assert (User.objects.count(), Team.objects.count(), TeamMembership.objects.count()) == counts


def test_the_seed_is_deterministic():
    seed()
    first = list(User.objects.order_by("email").values_list("email", "first_name", "last_name"))
    User.objects.all().delete()
    Team.objects.all().delete()
    seed()
    assert list(User.objects.order_by("email").values_list("email", "first_name", "last_name")) == first


def test_five_thousand_agents_are_seeded():
    # How long it takes is measured by `make bench`, never asserted: a busy machine is no bug.
    seed("--agents", "5000")
    assert User.objects.filter(role=Role.AGENT).count() == 5000
