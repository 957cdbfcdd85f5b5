import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone
from icalendar import Calendar

from people.models import MentorPairing
from plans.models import Action
from skills.models import RatingSource, SkillRating
from training import calendar, selectors, services
from training.models import (
    Course,
    CourseSkill,
    Enrollment,
    OnboardingAssignment,
    OnboardingProgram,
    ProgramStep,
    Session,
)

from ..factories import make_agent
from ..skills.factories import RatingFactory, SkillFactory, TargetFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def skill(db):
    return SkillFactory(name_en="De-escalation")


@pytest.fixture
def course(skill):
    course = Course.objects.create(title_en="De-escalation on the phone", duration_hours=8)
    CourseSkill.objects.create(course=course, skill=skill, level=4)
    return course


def session_of(course, capacity=2, days=5):
    return Session.objects.create(
        course=course,
        starts_at=timezone.now() + datetime.timedelta(days=days),
        trainer="Maria",
        place="Köln",
        capacity=capacity,
    )


def test_enrolling_past_capacity_goes_to_the_waiting_list_and_moves_up(cast, course, team):
    session = session_of(course, capacity=1)
    first = services.enroll(lead=cast["lead"], agent=cast["agent"], session=session)
    second = services.enroll(lead=cast["lead"], agent=cast["colleague"], session=session)
    assert (first.status, second.status) == ("enrolled", "waiting")
    services.cancel(enrollment=first, by=cast["lead"])
    second.refresh_from_db()
    assert second.status == "enrolled"


def test_double_enrollment_is_refused(cast, course):
    session = session_of(course)
    services.enroll(lead=cast["lead"], agent=cast["agent"], session=session)
    with pytest.raises(ValidationError, match="already enrolled"):
        services.enroll(lead=cast["lead"], agent=cast["agent"], session=session)
    assert Enrollment.objects.count() == 1


def test_a_session_in_the_past_cannot_be_joined(cast, course):
    with pytest.raises(ValidationError, match="already started"):
        services.enroll(lead=cast["lead"], agent=cast["agent"], session=session_of(course, days=-1))


def test_a_lead_enrolls_only_their_own_agents(cast, course):
    with pytest.raises(ValidationError):
        services.enroll(lead=cast["other_lead"], agent=cast["agent"], session=session_of(course))


def test_an_agent_asks_and_the_lead_approves(cast, course):
    enrollment = services.request_to_join(agent=cast["agent"], session=session_of(course))
    assert enrollment.status == "requested"
    services.approve(lead=cast["lead"], enrollment=enrollment)
    assert enrollment.status == "enrolled"


def test_completion_needs_attendance_then_adds_a_plan_action_and_proposes_ratings(
    cast, course, skill
):
    RatingFactory(agent=cast["agent"], skill=skill, level=2, rated_by=cast["lead"])
    enrollment = services.enroll(lead=cast["lead"], agent=cast["agent"], session=session_of(course))
    with pytest.raises(ValidationError, match="attended"):
        services.complete(enrollment=enrollment, by=cast["lead"])
    with time_machine.travel(
        enrollment.session.starts_at + datetime.timedelta(hours=8), tick=False
    ):
        services.mark_attended(enrollment=enrollment, by=cast["lead"])
        services.complete(enrollment=enrollment, by=cast["lead"])
        assert Action.objects.get(kind="training").completed_on == timezone.localdate()
    assert services.proposed_ratings(enrollment) == [(skill, 2, 4)]
    services.confirm_ratings(enrollment=enrollment, by=cast["lead"], levels={skill: 4})
    rating = SkillRating.objects.filter(agent=cast["agent"]).latest("rated_at")
    assert (rating.level, rating.source) == (4, RatingSource.TRAINING)
    with pytest.raises(ValidationError):
        services.confirm_ratings(enrollment=enrollment, by=cast["lead"], levels={skill: 4})


def test_training_needs_count_the_agents_each_course_would_help(cast, course, skill, team):
    for agent in (cast["agent"], cast["colleague"]):
        TargetFactory(agent=agent, skill=skill, level=4, set_by=cast["lead"])
    RatingFactory(agent=cast["colleague"], skill=skill, level=4, rated_by=cast["lead"])
    high = SkillFactory()
    TargetFactory(agent=cast["agent"], skill=high, level=5, set_by=cast["lead"])
    needs = {
        n.skill: n
        for n in selectors.training_needs(cast["agent"].__class__.objects.filter(role="agent"))
    }
    assert needs[skill].agents == [cast["agent"]]
    assert needs[skill].courses == [(course, 1)]
    assert needs[high].courses == []


def test_a_new_hire_gets_an_account_a_program_and_a_mentor(cast, team, course):
    program = OnboardingProgram.objects.create(name_en="Onboarding", is_default=True)
    step = ProgramStep.objects.create(program=program, week=1, title_en="Course", course=course)
    hired = services.new_hire_create(
        by=cast["lead"],
        team=team,
        email="new@example.test",
        first_name="Nia",
        last_name="New",
        hire_date=timezone.localdate(),
        mentor=cast["colleague"],
    )
    assert OnboardingAssignment.objects.get(agent=hired).program == program
    assert MentorPairing.objects.get(mentee=hired).mentor == cast["colleague"]
    enrollment = services.enroll(lead=cast["lead"], agent=hired, session=session_of(course))
    with time_machine.travel(enrollment.session.starts_at, tick=False):
        services.mark_attended(enrollment=enrollment, by=cast["lead"])
        services.complete(enrollment=enrollment, by=cast["lead"])
    assert list(hired.onboarding.done_steps.all()) == [step]


def test_nobody_mentors_themselves_or_beyond_capacity(cast, settings, team):
    settings.MENTOR_CAPACITY = 1
    with pytest.raises(ValidationError, match="themselves"):
        services.pairing_create(
            by=cast["lead"], mentor=cast["agent"], mentee=cast["agent"], purpose="skill"
        )
    services.pairing_create(
        by=cast["lead"], mentor=cast["agent"], mentee=cast["colleague"], purpose="skill"
    )
    with pytest.raises(ValidationError, match="the most one mentor may"):
        services.pairing_create(
            by=cast["lead"], mentor=cast["agent"], mentee=make_agent(team), purpose="skill"
        )


def test_suggestions_rank_by_gap_strength_team_and_load(cast, team, other_team, skill, settings):
    settings.MENTOR_CAPACITY = 2
    mentee = make_agent(team, first_name="Mia", last_name="Mentee")
    TargetFactory(agent=mentee, skill=skill, level=4, set_by=cast["lead"])
    strong_busy = cast["agent"]
    strong_free = cast["colleague"]
    RatingFactory(agent=strong_busy, skill=skill, level=5, rated_by=cast["lead"])
    RatingFactory(agent=strong_free, skill=skill, level=4, rated_by=cast["lead"])
    MentorPairing.objects.create(mentor=strong_busy, mentee=make_agent(team))
    full = make_agent(team, last_name="Full")
    RatingFactory(agent=full, skill=skill, level=5, rated_by=cast["lead"])
    for _ in range(2):
        MentorPairing.objects.create(mentor=full, mentee=make_agent(team))
    ranked = selectors.mentor_suggestions(mentee)
    names = [s.mentor for s in ranked]
    assert names[:2] == [strong_free, strong_busy]
    assert full not in names  # at capacity
    assert "De-escalation" in ranked[0].reasons[0] and "team" in ranked[0].reasons


def test_the_calendar_feed_parses_back_with_sessions_and_check_ins(cast, course):
    enrollment = services.enroll(lead=cast["lead"], agent=cast["agent"], session=session_of(course))
    pairing = services.pairing_create(
        by=cast["lead"], mentor=cast["colleague"], mentee=cast["agent"], purpose="skill"
    )
    services.check_in_add(
        pairing=pairing,
        author=cast["colleague"],
        note="First talk",
        held_on=timezone.localdate() + datetime.timedelta(days=2),
    )
    parsed = Calendar.from_ical(calendar.feed(cast["agent"]))
    events = {str(e.get("summary")): e for e in parsed.walk("VEVENT")}
    assert "De-escalation on the phone" in events
    assert events["De-escalation on the phone"].decoded(
        "dtstart"
    ) == enrollment.session.starts_at.replace(microsecond=0)
    assert any(summary.startswith("Mentoring:") for summary in events)


def test_attendance_cannot_be_recorded_before_the_session_starts(cast, course):
    enrollment = services.enroll(
        lead=cast["lead"], agent=cast["agent"], session=session_of(course, days=10)
    )
    with pytest.raises(ValidationError, match="attendance can be recorded from then on"):
        services.mark_attended(enrollment=enrollment, by=cast["lead"])
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.ENROLLED
    with pytest.raises(ValidationError, match="attended"):
        services.complete(
            enrollment=enrollment, by=cast["lead"]
        )  # so no skill level is raised either
    with time_machine.travel(enrollment.session.starts_at, tick=False):
        assert (
            services.mark_attended(enrollment=enrollment, by=cast["lead"]).status
            == Enrollment.Status.ATTENDED
        )
