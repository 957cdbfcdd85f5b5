"""Factories for the whole suite; each app's tests add theirs below their section."""

import datetime

import factory
from django.utils import timezone

from people.models import AgentProfile, Role, Team, TeamMembership, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.test")
    first_name = factory.Faker("first_name", locale="de_DE")
    last_name = factory.Faker("last_name", locale="de_DE")
    role = Role.AGENT
    preferred_language = "en"
    password = factory.django.Password("secret-pass-123")


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"Team {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamMembership

    team = factory.SubFactory(TeamFactory)
    user = factory.SubFactory(UserFactory)
    kind = TeamMembership.Kind.MEMBER
    start = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=365))


class AgentProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgentProfile

    user = factory.SubFactory(UserFactory)
    hire_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=400))


def make_agent(team, **kwargs) -> User:
    """An agent with a profile and a current membership in the team."""
    agent = UserFactory(role=Role.AGENT, **kwargs)
    AgentProfileFactory(user=agent)
    MembershipFactory(team=team, user=agent)
    return agent


def make_lead(team, **kwargs) -> User:
    lead = UserFactory(role=Role.LEAD, **kwargs)
    MembershipFactory(team=team, user=lead, kind=TeamMembership.Kind.LEAD)
    return lead


def personnel_admin() -> User:
    """An administrator who keeps personnel records (moves, leavers, deactivations) in tests about
    something else; unlike an HR user, an administrator receives no reminders."""
    return UserFactory(role=Role.ADMIN, is_staff=True, is_superuser=True)
