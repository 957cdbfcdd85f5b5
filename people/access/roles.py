"""Who is what: the only module of the project that reads a user's role.

Everything else asks the questions below (or the rules built on them), never `user.role` itself;
`tests/people/test_rulebook.py` fails on a role comparison anywhere outside `people/access/`.
"""

from django.db.models import Q, QuerySet

from ..models import Role, User


def is_agent(user: User) -> bool:
    """Someone whose own growth the portal follows: they have a growth plan of their own (`/me/`)."""
    return user.is_authenticated and user.role == Role.AGENT


def is_team_lead(user: User) -> bool:
    """Someone who may lead teams (which teams, and since when, the memberships say)."""
    return user.is_authenticated and user.role == Role.LEAD


def is_qa_specialist(user: User) -> bool:
    """Someone who evaluates customer contacts of the teams they are assigned to (qa app)."""
    return user.is_authenticated and user.role == Role.QA


def is_hr_or_admin(user: User) -> bool:
    """HR and administrators: every team, every shared record, the exports; never a private one."""
    return user.is_authenticated and (user.role in (Role.HR, Role.ADMIN) or user.is_superuser)


def is_administrator(user: User) -> bool:
    """Administrators configure the portal (and its integrations); superusers count as administrators."""
    return user.is_authenticated and (user.role == Role.ADMIN or user.is_superuser)


def agent_q(prefix: str = "") -> Q:
    """`is_agent` as a filter on a relation to users (`agent_q("user")` for memberships)."""
    return Q(**{f"{prefix}__role" if prefix else "role": Role.AGENT})


def agents() -> QuerySet[User]:
    """Every agent, active or not."""
    return User.objects.filter(agent_q())


def team_leads() -> QuerySet[User]:
    """Every team lead, active or not."""
    return User.objects.filter(role=Role.LEAD)


def hr_staff() -> QuerySet[User]:
    """Every HR person, active or not (administrators are not HR: they configure, they do not follow
    up; an integration's service account has HR's view but is not a person and is not asked)."""
    return User.objects.filter(role=Role.HR, is_service_account=False)


def mappable_roles() -> list[str]:
    """The roles an identity provider's group may give, lowest first: never administrator, which only
    administrators give, by hand."""
    return [Role.AGENT, Role.LEAD, Role.HR]


def evaluators() -> QuerySet[User]:
    """Every team lead and QA specialist, active or not: who evaluates customer contacts."""
    return User.objects.filter(role__in=(Role.LEAD, Role.QA))
