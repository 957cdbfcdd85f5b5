from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core import dates, events
from people import access
from people import services as people_services
from people.access import Need
from people.models import MentorCheckIn, MentorPairing, Team, User
from plans import services as plan_services
from plans.models import Action
from skills import services as skill_services
from skills.models import RatingSource, Skill, SkillRating
from skills.selectors import current_levels

from .models import (
    Enrollment,
    OnboardingAssignment,
    OnboardingProgram,
    PairingFocusSkill,
    Session,
)

HOLDS_PLACE = [Enrollment.Status.ENROLLED, Enrollment.Status.ATTENDED, Enrollment.Status.COMPLETED]


def _places_taken(session: Session) -> int:
    return session.enrollments.filter(status__in=HOLDS_PLACE).count()


def _check_future(session: Session) -> None:
    if session.starts_at <= timezone.now():
        raise ValidationError(_("This session has already started; nobody can join it any more."))


def _create(session: Session, agent: User, status: str) -> Enrollment:
    try:
        with transaction.atomic():
            return Enrollment.objects.create(session=session, agent=agent, status=status)
    except IntegrityError as error:
        raise ValidationError(
            _("%(agent)s is already enrolled in this session.") % {"agent": agent}
        ) from error


@transaction.atomic
def enroll(*, lead: User, agent: User, session: Session) -> Enrollment:
    """The lead books an agent: a place if one is free, else the waiting list."""
    if not access.can_coach(lead, agent):
        raise ValidationError(_("You can only enroll agents of the teams you lead."))
    _check_future(session)
    Session.objects.select_for_update().filter(
        pk=session.pk
    ).first()  # serialise bookings of one session
    status = (
        Enrollment.Status.ENROLLED
        if _places_taken(session) < session.capacity
        else Enrollment.Status.WAITING
    )
    return _create(session, agent, status)


@transaction.atomic
def request_to_join(*, agent: User, session: Session) -> Enrollment:
    """An agent asks to join a session (for themselves); their lead approves."""
    access.require_own_growth_pages(agent)
    _check_future(session)
    return _create(session, agent, Enrollment.Status.REQUESTED)


@transaction.atomic
def approve(*, lead: User, enrollment: Enrollment) -> Enrollment:
    if not access.can_coach(lead, enrollment.agent):
        raise ValidationError(_("You can only approve requests of agents of the teams you lead."))
    if enrollment.status != Enrollment.Status.REQUESTED:
        raise ValidationError(_("Only a request can be approved."))
    Session.objects.select_for_update().filter(pk=enrollment.session_id).first()
    full = _places_taken(enrollment.session) >= enrollment.session.capacity
    enrollment.status = Enrollment.Status.WAITING if full else Enrollment.Status.ENROLLED
    enrollment.save(update_fields=["status"])
    return enrollment


@transaction.atomic
def cancel(*, enrollment: Enrollment, by: User) -> Enrollment:
    """Cancel (the agent's lead); the first on the waiting list moves up into the free place."""
    access.require_rights(by, enrollment.agent, Need.COACH)
    held_place = enrollment.status in HOLDS_PLACE
    enrollment.status = Enrollment.Status.CANCELLED
    enrollment.save(update_fields=["status"])
    if held_place:
        first = (
            enrollment.session.enrollments.filter(status=Enrollment.Status.WAITING)
            .order_by("created_at", "id")
            .first()
        )
        if first:
            first.status = Enrollment.Status.ENROLLED
            first.save(update_fields=["status"])
    return enrollment


@transaction.atomic
def mark_attended(*, enrollment: Enrollment, by: User) -> Enrollment:
    access.require_rights(by, enrollment.agent, Need.COACH)
    if enrollment.status != Enrollment.Status.ENROLLED:
        raise ValidationError(_("Only an enrolled agent can be marked as attended."))
    if enrollment.session.starts_at > timezone.now():
        raise ValidationError(
            _("The session starts on %(when)s; attendance can be recorded from then on.")
            % {
                "when": date_format(
                    timezone.localtime(enrollment.session.starts_at), "SHORT_DATETIME_FORMAT"
                )
            }
        )
    enrollment.status = Enrollment.Status.ATTENDED
    enrollment.save(update_fields=["status"])
    return enrollment


@transaction.atomic
def complete(*, enrollment: Enrollment, by: User) -> Enrollment:
    """Completion: the training appears in the agent's plan; the skill ratings are proposed for confirmation."""
    access.require_rights(by, enrollment.agent, Need.COACH)
    if enrollment.status != Enrollment.Status.ATTENDED:
        raise ValidationError(_("Only someone who attended can complete the training."))
    enrollment.status, enrollment.completed_on = Enrollment.Status.COMPLETED, timezone.localdate()
    enrollment.save(update_fields=["status", "completed_on"])
    events.publish(
        events.TRAINING_COMPLETED,
        subject=("enrollment", enrollment.pk),
        agent_id=enrollment.agent_id,
        data={"course": enrollment.session.course_id, "completed_on": enrollment.completed_on},
    )
    plan_services.action_add(
        agent=enrollment.agent,
        by=by,
        kind=Action.Kind.TRAINING,
        title=enrollment.session.course.title,
        completed_on=enrollment.completed_on,
    )
    onboarding = OnboardingAssignment.objects.filter(agent=enrollment.agent).first()
    if onboarding:
        onboarding.done_steps.add(
            *onboarding.program.steps.filter(course=enrollment.session.course)
        )
    return enrollment


def proposed_ratings(enrollment: Enrollment) -> list[tuple[Skill, int | None, int]]:
    """(skill, current level, proposed level) for each skill the course raises above the current level."""
    current = current_levels([enrollment.agent_id]).get(enrollment.agent_id, {})
    raises = enrollment.session.course.raises.select_related("skill")
    return [
        (r.skill, current.get(r.skill_id), r.level)
        for r in raises
        if (current.get(r.skill_id) or 0) < r.level
    ]


@transaction.atomic
def confirm_ratings(
    *, enrollment: Enrollment, by: User, levels: dict[Skill, int | None]
) -> list[SkillRating]:
    """The lead confirms (or adjusts) the proposed levels: ratings with source "training"."""
    access.require_rights(by, enrollment.agent, Need.COACH)
    if enrollment.status != Enrollment.Status.COMPLETED:
        raise ValidationError(_("Ratings can be confirmed only for a completed training."))
    if enrollment.ratings_confirmed_at:
        raise ValidationError(_("The ratings of this training were confirmed already."))
    ratings = [
        skill_services.rating_record(
            agent=enrollment.agent,
            skill=skill,
            level=level,
            source=RatingSource.TRAINING,
            rated_by=by,
            note=enrollment.session.course.title[:500],
        )
        for skill, level in levels.items()
        if level
    ]
    enrollment.ratings_confirmed_at = timezone.now()
    enrollment.save(update_fields=["ratings_confirmed_at"])
    return ratings


@transaction.atomic
def new_hire_create(
    *,
    by: User,
    team: Team,
    email: str,
    first_name: str,
    last_name: str,
    hire_date: date,
    program: OnboardingProgram | None = None,
    mentor: User | None = None,
) -> User:
    """Create the agent, start their onboarding program and (optionally) their mentor pairing, in one go."""
    if not access.teams_visible_to(by).filter(pk=team.pk).exists():
        raise ValidationError(_("You can only add new hires to teams you lead."))
    agent = people_services.agent_create(
        by=by,
        email=email,
        first_name=first_name,
        last_name=last_name,
        team=team,
        hire_date=hire_date,
    )
    program = program or OnboardingProgram.objects.filter(is_default=True).first()
    if program:
        OnboardingAssignment.objects.create(agent=agent, program=program, start=hire_date)
    if mentor:
        pairing_create(by=by, mentor=mentor, mentee=agent, purpose=MentorPairing.Purpose.ONBOARDING)
    return agent


@transaction.atomic
def pairing_create(
    *, by: User, mentor: User, mentee: User, purpose: str, focus_skills: Iterable[Skill] = ()
) -> MentorPairing:
    """The mentee's lead, HR or an admin choose an agent as mentor."""
    access.require(access.may_arrange_mentoring_for(by, mentee))
    access.require(access.possible_mentors().filter(pk=mentor.pk).exists())
    if mentor.pk == mentee.pk:
        raise ValidationError(_("Nobody can mentor themselves."))
    active = MentorPairing.objects.filter(mentor=mentor, status=MentorPairing.Status.ACTIVE).count()
    if active >= settings.MENTOR_CAPACITY:
        raise ValidationError(
            _("%(mentor)s already mentors %(count)s people, the most one mentor may.")
            % {"mentor": mentor, "count": active}
        )
    pairing = MentorPairing.objects.create(
        mentor=mentor, mentee=mentee, purpose=purpose, created_by=by
    )
    PairingFocusSkill.objects.bulk_create(
        PairingFocusSkill(pairing=pairing, skill=skill) for skill in focus_skills
    )
    return pairing


@transaction.atomic
def check_in_add(
    *, pairing: MentorPairing, author: User, note: str, held_on: date | None = None
) -> MentorCheckIn:
    """The mentor or the mentee records a check-in of their active pairing."""
    access.require(access.takes_part_in(author, pairing))
    if pairing.status != MentorPairing.Status.ACTIVE:
        raise ValidationError(_("This mentoring has ended; no more check-ins can be added."))
    if not note.strip():
        raise ValidationError(_("Please write a short note."))
    held_on = held_on or timezone.localdate()
    dates.require_within(
        held_on,
        field="held_on",
        earliest=pairing.start,
        latest=pairing.end,
        too_early=_("%(date)s is before the mentoring began, on %(earliest)s."),
        too_late=_("%(date)s is after the mentoring ended, on %(latest)s."),
    )
    earliest, latest = dates.CHECK_IN.window()
    dates.require_within(held_on, field="held_on", earliest=earliest, latest=latest)
    return MentorCheckIn.objects.create(
        pairing=pairing, author=author, note=note.strip(), held_on=held_on
    )


@transaction.atomic
def pairing_end(
    *, pairing: MentorPairing, by: User, rating: int | None = None, feedback: str = ""
) -> MentorPairing:
    """End the pairing once (the mentee or the mentee's lead; only the mentee rates it): a conditional
    update, so a second end (even a concurrent one) changes nothing."""
    access.require(access.pairings_endable_by(by).filter(pk=pairing.pk).exists())
    access.require(rating is None or by.pk == pairing.mentee_id)
    if rating is not None and not 1 <= rating <= 5:
        raise ValidationError(_("A rating must be between 1 and 5."))
    ended = MentorPairing.objects.filter(pk=pairing.pk, status=MentorPairing.Status.ACTIVE).update(
        status=MentorPairing.Status.ENDED,
        end=timezone.localdate(),
        mentee_rating=rating,
        mentee_feedback=feedback,
    )
    if not ended:
        raise ValidationError(_("This mentoring has already ended."))
    pairing.refresh_from_db()
    return pairing
