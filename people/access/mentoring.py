"""Mentor pairings: who sees them, who writes check-ins, who ends them, who arranges them.

- the mentee and the mentee's lead see the pairing; the mentor only while it is active (an ended
  pairing is closed to the former mentor); HR and admins see every pairing;
- the mentor and the mentee write its check-ins, while it is active;
- the mentee or the mentee's lead end it;
- the mentee's lead, HR and admins arrange a mentoring, with an agent as mentor; for a new hire before
  day one, the lead of the team they join (who also sees and may end the pairing).
"""

from django.db.models import Q, QuerySet

from ..models import MentorPairing, User
from .agents import agents_coached_by, agents_starting_with, can_coach, may_prepare_start_of
from .roles import agents, is_hr_or_admin


def pairings_visible_to(user: User) -> QuerySet[MentorPairing]:
    pairings = MentorPairing.objects.select_related("mentor", "mentee")
    if not user.is_authenticated:
        return pairings.none()
    if is_hr_or_admin(user):
        return pairings
    return pairings.filter(
        Q(mentor=user, status=MentorPairing.Status.ACTIVE)
        | Q(mentee=user)
        | Q(mentee__in=agents_coached_by(user))
        | Q(mentee__in=agents_starting_with(user))
    )


def pairings_endable_by(user: User) -> QuerySet[MentorPairing]:
    """Ending a pairing: the mentee, or the mentee's lead."""
    return pairings_visible_to(user).filter(
        Q(mentee=user)
        | Q(mentee__in=agents_coached_by(user))
        | Q(mentee__in=agents_starting_with(user))
    )


def takes_part_in(user: User, pairing: MentorPairing) -> bool:
    """The mentor and the mentee: the two people of the pairing."""
    return user.pk in (pairing.mentor_id, pairing.mentee_id)


def may_record_check_in(user: User, pairing: MentorPairing) -> bool:
    """The two people of an active pairing write its check-ins."""
    return pairing.status == MentorPairing.Status.ACTIVE and takes_part_in(user, pairing)


def may_arrange_mentoring_for(user: User, mentee: User) -> bool:
    """The mentee's lead, HR and admins choose a mentor for them."""
    return is_hr_or_admin(user) or can_coach(user, mentee) or may_prepare_start_of(user, mentee)


def possible_mentors() -> QuerySet[User]:
    """Mentors are agents (usually experienced ones)."""
    return agents()
