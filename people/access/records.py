"""Records about agents: who sees them, who changes them, and the author's rule.

- records about an agent are seen by whoever may see the agent, once shared with them (HR: every shared
  one); a lead sees the unshared records of their own agents too (`records_visible_to`);
- a record private to its author until shared (a coaching note, a review draft) is seen, changed and
  shared by its author alone: never another lead, a later lead, HR or an admin
  (`private_records_visible_to`, `private_records_changeable_by`);
- the author changes it only "while active and still leading the agent" (`author_leads_agent_now`):
  the same rule decides who is reminded of it (`people.access.reminders`) and which private notes
  lapse; it is written once, as SQL, and read in Python from the annotation it puts on each row;
- an agent is told of drafts about themselves in preparation (to write a self-assessment), never
  their content (`drafts_announced_to_their_agent`);
- a writer-only record (a one-on-one's private note) is its writer's alone, shared never (`writer_only`).

`access_record` and `access_private_record` fetch one record with the viewer's rights in one query, or
answer 404: a page asks once.
"""

from dataclasses import dataclass
from typing import TypeVar

from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    F,
    Model,
    OuterRef,
    Q,
    QuerySet,
)
from django.http import Http404
from django.shortcuts import get_object_or_404

from ..models import TeamMembership, User
from .agents import AgentRights, Need, agents_visible_to, coaches_agent_of
from .roles import is_hr_or_admin, is_team_lead

_M = TypeVar("_M", bound=Model)  # the records' model: a rule keeps the queryset's type


def is_own(user: User, person_id: int | None) -> bool:
    """A record about the user themselves: they acknowledge it, comment on it, self-assess, state their
    wishes. Nobody does that on their behalf."""
    return user.is_authenticated and user.is_active and user.pk == person_id


def records_visible_to(
    user: User, queryset: QuerySet[_M], *, agent_field: str = "agent", shared_q: Q | None = None
) -> QuerySet[_M]:
    """Scope any queryset of records about agents by the policy.

    `shared_q` says which records count as shared with the agent and with HR
    (for example `Q(shared_at__isnull=False)`); leads see unshared records of
    their own agents too, because they wrote them.
    """
    if not user.is_authenticated:
        return queryset.none()
    about_visible_agent = Q(**{f"{agent_field}__in": agents_visible_to(user)})
    if is_team_lead(user):
        return queryset.filter(about_visible_agent)
    shared = shared_q if shared_q is not None else Q()
    if is_hr_or_admin(user):
        return queryset.filter(shared)
    return queryset.filter(about_visible_agent, shared)


def author_leads_agent_now(*, author_field: str = "author", agent_field: str = "agent") -> Q:
    """The author, while active and still leading the agent: a lead membership today in a team the
    record's agent belongs to today. A filter on records; `annotate_author_leads_agent` puts it on
    each row for Python."""
    agent_teams = (
        TeamMembership.objects.current()
        .members()
        .filter(user_id=OuterRef(OuterRef(f"{agent_field}_id")))
        .values("team_id")
    )
    leads_agent_team = (
        TeamMembership.objects.current()
        .leads()
        .filter(user_id=OuterRef(f"{author_field}_id"), team_id__in=agent_teams)
    )
    return Q(Exists(leads_agent_team), **{f"{author_field}__is_active": True})


def annotate_author_leads_agent(
    queryset: QuerySet[_M], *, author_field: str = "author", agent_field: str = "agent"
) -> QuerySet[_M]:
    """Each record with `author_leads_agent`: `author_leads_agent_now` answered in the same query."""
    rule = author_leads_agent_now(author_field=author_field, agent_field=agent_field)
    return queryset.annotate(  # type: ignore[return-value]  # django-stubs: annotate() of a generic queryset is QuerySet[Model]
        author_leads_agent=ExpressionWrapper(rule, output_field=BooleanField())
    )


def private_records_visible_to(
    user: User,
    queryset: QuerySet[_M],
    *,
    shared_q: Q,
    author_field: str = "author",
    agent_field: str = "agent",
) -> QuerySet[_M]:
    """Records private to their author until shared: coaching notes, review drafts.

    The author sees their own; everyone else sees only the shared ones the
    policy lets them see (the agent, the agent's current leads, HR).
    """
    if not user.is_authenticated:
        return queryset.none()
    if not user.is_active:
        return queryset.none()
    written_by_user = Q(**{author_field: user})
    return queryset.filter(written_by_user | _shared_with(user, agent_field, shared_q))


def private_records_changeable_by(
    user: User, queryset: QuerySet[_M], *, author_field: str = "author", agent_field: str = "agent"
) -> QuerySet[_M]:
    """The author changes and shares their record, and only while they still lead the agent."""
    if not is_team_lead(user):
        return queryset.none()
    if not user.is_active:
        return queryset.none()
    return queryset.filter(
        author_leads_agent_now(author_field=author_field, agent_field=agent_field),
        **{author_field: user},
    )


def writer_only(
    user: User, queryset: QuerySet[_M], *, writer_field: str = "author"
) -> QuerySet[_M]:
    """Records that are their writer's alone and never shared (a one-on-one's private notes): nobody
    else sees them, not the other party, a later lead, HR or an admin."""
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    return queryset.filter(**{writer_field: user})


def drafts_announced_to_their_agent(
    user: User, queryset: QuerySet[_M], *, draft_q: Q, agent_field: str = "agent"
) -> QuerySet[_M]:
    """Drafts about the user themselves, which they are told of (to prepare a self-assessment) and to
    which they add their own part; what the author wrote stays hidden until shared."""
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    return queryset.filter(draft_q, **{agent_field: user})


@dataclass(frozen=True)
class RecordRights:
    """The viewer's rights over one record about an agent, read with the record."""

    agent: AgentRights  # over the record's agent
    may_change: bool = (
        False  # a private record: its author, while active and still leading the agent
    )

    @property
    def is_about_viewer(self) -> bool:
        return self.agent.is_self


def access_record(
    user: User,
    visible: QuerySet[_M],
    pk: int | str,
    *,
    agent_field: str = "agent",
    need: Need = Need.SEE,
) -> tuple[_M, RecordRights]:
    """One record of `visible` (a queryset already scoped by the policy) with the viewer's rights over its
    agent, in one query; 404 if it is not there or the rights fall short of `need`."""
    record = get_object_or_404(_with_agent_rights(user, visible, agent_field), pk=pk)
    rights = RecordRights(agent=_agent_rights_of(user, record))
    if not rights.agent.allows(need):
        raise Http404
    return record, rights


def access_private_record(
    user: User,
    queryset: QuerySet[_M],
    pk: int | str,
    *,
    shared_q: Q,
    author_field: str = "author",
    agent_field: str = "agent",
    need_change: bool = False,
) -> tuple[_M, RecordRights]:
    """A record private to its author until shared, with the viewer's rights (may they change it, is it
    about them), in one query; 404 for what they may not see, or may not change with `need_change`."""
    visible = private_records_visible_to(
        user, queryset, shared_q=shared_q, author_field=author_field, agent_field=agent_field
    )
    visible = annotate_author_leads_agent(
        _with_agent_rights(user, visible, agent_field),
        author_field=author_field,
        agent_field=agent_field,
    )
    record = get_object_or_404(visible, pk=pk)
    agent = _agent_rights_of(user, record)
    rights = RecordRights(
        agent=agent,
        may_change=(
            getattr(record, f"{author_field}_id") == user.pk
            and is_team_lead(user)
            and user.is_active
            and record.author_leads_agent  # type: ignore[attr-defined]  # annotated on a generic model above
        ),
    )
    if need_change and not rights.may_change:
        raise Http404
    return record, rights


def _with_agent_rights(user: User, queryset: QuerySet[_M], agent_field: str) -> QuerySet[_M]:
    return queryset.annotate(  # type: ignore[return-value]  # django-stubs: annotate() of a generic queryset is QuerySet[Model]
        viewer_coaches_agent=coaches_agent_of(user, f"{agent_field}_id"),
        record_agent_id=F(f"{agent_field}_id"),
    )


def _agent_rights_of(user: User, record: Model) -> AgentRights:
    """From the two fields `_with_agent_rights` annotated on the record."""
    agent_id: int = record.record_agent_id  # type: ignore[attr-defined]  # annotated, unknown to the model
    coaches: bool = record.viewer_coaches_agent  # type: ignore[attr-defined]  # annotated, likewise
    return AgentRights(is_self=agent_id == user.pk, can_coach=coaches)


def _shared_with(user: User, agent_field: str, shared_q: Q) -> Q:
    """Shared records the user may see: HR and admins all, others those about agents they may see."""
    if is_hr_or_admin(user):
        return shared_q
    return shared_q & Q(**{f"{agent_field}__in": agents_visible_to(user)})
