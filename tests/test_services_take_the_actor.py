"""Every service that changes a person's records takes the acting user and checks it through the policy,
so a view, a Celery task and the coming API cannot differ.

`test_every_service_names_its_actor` reads every app's `services.py`: a public service takes an actor
(a keyword among ACTOR_PARAMETERS) unless it is listed in WITHOUT_ACTOR with the reason. The table
below then shows, service by service, that the wrong actor is refused with 404 (the record does not
exist for them), before anything else is checked, and that nothing was written.
"""

import datetime
import inspect
from importlib import import_module

import pytest
from django.http import Http404
from django.utils import timezone

from briefings import services as briefing_services
from feedback import services as feedback_services
from feedback.models import CoachingNote
from notifications import services as notification_services
from notifications.models import Notification
from people import services as people_services
from people.models import MentorPairing, TeamMembership
from people.periods import Quarter
from plans import services as plan_services
from plans.models import Action, DevelopmentPlan, Goal
from reviews import services as review_services
from reviews.models import Review
from skills import services as skill_services
from skills.models import CareerWish, RatingSource, SkillRating, TargetLevel
from training import services as training_services
from training.models import Course, Enrollment

from .briefings.test_briefings import publish
from .feedback.factories import NoteFactory
from .skills.factories import SkillFactory
from .training.test_training import session_of

APPS = [
    "briefings",
    "feedback",
    "kpis",
    "notifications",
    "objectives",
    "one_on_ones",
    "people",
    "plans",
    "portal",
    "privacy",
    "reviews",
    "security",
    "skills",
    "training",
]
ACTOR_PARAMETERS = {
    "by",
    "author",
    "lead",
    "agent",
    "reviewer",
    "rated_by",
    "set_by",
    "user",
    "request",
    "actor",
}
# Public services that take no actor, and why none is needed.
WITHOUT_ACTOR = {
    "briefings.briefing_save": "a briefing is HR's content for teams, no person's record; its pages are HR's",
    "briefings.briefing_publish": "the same briefing, published",
    "briefings.attachment_add": "a file of the briefing",
    "kpis.source_for": "reads the import source's settings",
    "kpis.resolve_mapping": "reads a file's columns",
    "kpis.kpi_import_start": "queues an import HR received (kpi_import_receive takes the user)",
    "kpis.kpi_import_remember_mapping": "the import source's column mapping, no person's record",
    "kpis.kpi_import_reopen": "the import file's state, no person's record",
    "kpis.import_file": "the worker's step of an import HR started",
    "kpis.kpi_import_run": "a Celery task's service, by import id, for an import HR started",
    "kpis.notify_failure": "tells HR that an import failed",
    "kpis.pickup_run": "the scheduled pick-up of files from the configured folder",
    "kpis.fail_stale_imports": "the scheduled clean-up of imports whose worker died",
    "notifications.notify": "the system tells a person; it changes nobody's records",
    "notifications.ledger_resend_email": "an admin action of the reminder ledger (the admin checks staff)",
    "people.user_set_language": "the user's own setting; `user` is the actor",
    "plans.active_plan_of": "a read",
    "portal.administrator_exists": "a read",
    "privacy.copy_produce": "a Celery task's service, by request id, for a request copy_request checked",
    "portal.first_admin_create": "the very first account, before anybody exists to act",
    "reviews.cycle_for": "the quarter's cycle, no person's record",
    "reviews.surprises": "a read",
    "reviews.review_check_shareable": "a check, it writes nothing",
    "security.totp_allowed_now": "a read",
    "skills.current_levels_refresh": "derives current levels from what a checked service wrote",
    "skills.current_levels_follow_works_agreement": "follows a works-council switch after migrate",
    "skills.current_levels_rebuild": "derives current levels for everyone (a management command)",
    "skills.catalogue_load": "the shipped skill catalogue, no person's record",
    "training.proposed_ratings": "a read",
}


def public_services():
    for app in APPS:
        module = import_module(f"{app}.services")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ == module.__name__ and not name.startswith("_"):
                yield f"{app}.{name}", function


def test_every_service_names_its_actor():
    without = [
        name
        for name, function in public_services()
        if not ACTOR_PARAMETERS & set(inspect.signature(function).parameters)
        and name not in WITHOUT_ACTOR
    ]
    assert without == []


def test_every_exception_is_still_a_service():
    assert set(WITHOUT_ACTOR) <= {name for name, _function in public_services()}


pytestmark = pytest.mark.django_db


def refused(call) -> None:
    with pytest.raises(Http404):
        call()


def _note(cast, **kwargs):
    return NoteFactory(
        author=cast["lead"],
        agent=cast["agent"],
        observed_at=timezone.now() - datetime.timedelta(hours=1),
        **kwargs,
    )


def test_a_coaching_note_is_changed_by_its_author_alone(cast):
    note = _note(cast)
    fields = {f: getattr(note, f) for f in feedback_services.HISTORY_FIELDS}
    for stranger in (cast["other_lead"], cast["hr"], cast["admin"], cast["agent"]):
        refused(lambda s=stranger: feedback_services.note_update(note=note, by=s, **fields))
        refused(lambda s=stranger: feedback_services.note_share(note=note, by=s))
        refused(lambda s=stranger: feedback_services.note_deliver(note=note, by=s, method="call"))
    assert not CoachingNote.objects.get(pk=note.pk).is_shared


def test_only_the_agent_acknowledges_a_note_shared_with_them(cast):
    note = _note(cast, shared_at=timezone.now())
    for stranger in (cast["lead"], cast["colleague"], cast["hr"]):
        refused(lambda s=stranger: feedback_services.note_acknowledge(note=note, by=s))
    assert CoachingNote.objects.get(pk=note.pk).acknowledged_at is None


def test_a_plan_is_changed_by_the_agent_or_their_lead_as_the_policy_says(cast):
    lead, agent = cast["lead"], cast["agent"]
    goal = plan_services.goal_create(agent=agent, by=lead, title="Calm escalations")
    action = plan_services.action_add(agent=agent, by=lead, kind="self_study", title="Read")
    for stranger in (cast["other_lead"], cast["colleague"], cast["hr"]):
        refused(lambda s=stranger: plan_services.goal_create(agent=agent, by=s, title="x"))
        refused(lambda s=stranger: plan_services.action_add(agent=agent, by=s, kind="x", title="x"))
        refused(lambda s=stranger: plan_services.action_complete(action=action, by=s))
        refused(lambda s=stranger: plan_services.progress_note_add(goal=goal, author=s, text="x"))
    for not_the_lead in (cast["other_lead"], agent, cast["hr"]):
        refused(lambda s=not_the_lead: plan_services.plan_close(plan=goal.plan, by=s))
        refused(
            lambda s=not_the_lead: plan_services.goal_set_status(goal=goal, by=s, status="achieved")
        )
        refused(lambda s=not_the_lead: plan_services.plan_start(agent=cast["colleague"], by=s))
    assert Goal.objects.get().status == Goal.Status.OPEN
    assert Action.objects.get().completed_on is None
    assert DevelopmentPlan.objects.get().status == DevelopmentPlan.Status.ACTIVE


def test_ratings_targets_and_wishes_come_from_whom_the_policy_says(cast):
    skill, agent = SkillFactory(), cast["agent"]
    refused(
        lambda: skill_services.rating_record(
            agent=agent, skill=skill, level=3, source=RatingSource.SELF, rated_by=cast["lead"]
        )
    )
    for stranger in (cast["other_lead"], cast["hr"], cast["colleague"]):
        refused(
            lambda s=stranger: skill_services.rating_record(
                agent=agent, skill=skill, level=3, source=RatingSource.LEAD, rated_by=s
            )
        )
        refused(
            lambda s=stranger: skill_services.target_set(
                agent=agent, skill=skill, level=4, set_by=s
            )
        )
    wish = CareerWish(agent=agent, kind=CareerWish.Kind.values[0])
    refused(lambda: skill_services.career_wish_save(wish=wish, by=cast["lead"]))
    assert not SkillRating.objects.exists() and not TargetLevel.objects.exists()
    assert not CareerWish.objects.exists()


def test_a_review_is_changed_by_its_reviewer_and_acknowledged_by_its_agent(cast):
    review = review_services.review_start(
        reviewer=cast["lead"], agent=cast["agent"], quarter=Quarter.current()
    )
    for stranger in (cast["other_lead"], cast["hr"], cast["agent"]):
        refused(
            lambda s=stranger: review_services.review_update(
                review=review, by=s, summary="x", strengths=""
            )
        )
        refused(lambda s=stranger: review_services.review_share(review=review, by=s))
        refused(
            lambda s=stranger: review_services.review_request_self_assessment(review=review, by=s)
        )
    for stranger in (cast["lead"], cast["colleague"]):
        refused(
            lambda s=stranger: review_services.review_self_assess(review=review, by=s, text="x")
        )
        refused(lambda s=stranger: review_services.review_acknowledge(review=review, by=s))
    review = Review.objects.get(pk=review.pk)
    assert (review.summary, review.self_assessment, review.status) == ("", "", Review.Status.DRAFT)


def test_enrollments_and_pairings_are_changed_by_whom_the_policy_says(cast):
    session = session_of(Course.objects.create(title_en="De-escalation", duration_hours=8))
    enrollment = training_services.enroll(lead=cast["lead"], agent=cast["agent"], session=session)
    for stranger in (cast["other_lead"], cast["hr"], cast["agent"]):
        refused(lambda s=stranger: training_services.cancel(enrollment=enrollment, by=s))
        refused(lambda s=stranger: training_services.mark_attended(enrollment=enrollment, by=s))
        refused(lambda s=stranger: training_services.complete(enrollment=enrollment, by=s))
    refused(lambda: training_services.request_to_join(agent=cast["lead"], session=session))
    refused(
        lambda: training_services.pairing_create(
            by=cast["other_lead"], mentor=cast["colleague"], mentee=cast["agent"], purpose="skill"
        )
    )
    pairing = training_services.pairing_create(
        by=cast["lead"], mentor=cast["colleague"], mentee=cast["agent"], purpose="skill"
    )
    refused(lambda: training_services.check_in_add(pairing=pairing, author=cast["lead"], note="x"))
    for stranger in (cast["colleague"], cast["other_lead"], cast["other_agent"]):
        refused(lambda s=stranger: training_services.pairing_end(pairing=pairing, by=s))
    refused(lambda: training_services.pairing_end(pairing=pairing, by=cast["lead"], rating=5))
    assert Enrollment.objects.get().status == Enrollment.Status.ENROLLED
    assert MentorPairing.objects.get().status == MentorPairing.Status.ACTIVE


def test_personnel_records_are_kept_by_hr_and_admins(cast, other_team):
    for stranger in (cast["lead"], cast["agent"]):
        refused(
            lambda s=stranger: people_services.agent_move_to_team(
                agent=cast["agent"], team=other_team, by=s
            )
        )
        refused(lambda s=stranger: people_services.agent_leave(agent=cast["colleague"], by=s))
        refused(lambda s=stranger: people_services.user_deactivate(user=cast["colleague"], by=s))
    refused(
        lambda: people_services.agent_create(
            by=cast["other_lead"],
            email="new@example.test",
            first_name="N",
            last_name="N",
            team=cast["lead"].memberships.get().team,
        )
    )
    assert TeamMembership.objects.filter(team=other_team, user=cast["agent"]).count() == 0
    cast["colleague"].refresh_from_db()
    assert cast["colleague"].is_active


def test_briefings_are_confirmed_by_their_agents_and_questions_answered_by_their_lead(cast, team):
    briefing = publish([team])
    refused(lambda: briefing_services.acknowledge(agent=cast["lead"], briefing=briefing))
    refused(lambda: briefing_services.acknowledge(agent=cast["other_agent"], briefing=briefing))
    question = briefing_services.question_ask(agent=cast["agent"], briefing=briefing, text="Why?")
    refused(
        lambda: briefing_services.question_answer(
            question=question, by=cast["other_lead"], text="x"
        )
    )
    assert question.answer == "" and not briefing.acknowledgements.exists()


def test_a_notification_is_read_by_its_recipient_alone(cast):
    notification = Notification.objects.create(
        recipient=cast["agent"], kind="x", title="Hello", url="/"
    )
    refused(
        lambda: notification_services.notification_mark_read(
            notification=notification, by=cast["lead"]
        )
    )
    assert Notification.objects.get().read_at is None


def test_a_one_on_one_is_changed_by_its_two_people_alone(cast):
    from one_on_ones import services as one_on_one_services
    from one_on_ones.models import ActionItem, PrivateNote, SharedNote, TalkingPoint

    from .one_on_ones.factories import first_meeting

    meeting = first_meeting(cast["lead"], cast["agent"])
    point = one_on_one_services.point_add(meeting=meeting, by=cast["agent"], text="Shifts")
    item = one_on_one_services.action_item_add(
        meeting=meeting, by=cast["lead"], text="Ask", owner=cast["agent"], due_on=None
    )
    later = meeting.scheduled_at + datetime.timedelta(days=1)
    for stranger in (cast["other_lead"], cast["colleague"], cast["hr"], cast["admin"]):
        refused(lambda s=stranger: one_on_one_services.point_add(meeting=meeting, by=s, text="x"))
        refused(lambda s=stranger: one_on_one_services.point_set_done(point=point, by=s, done=True))
        refused(
            lambda s=stranger: one_on_one_services.shared_note_add(meeting=meeting, by=s, text="x")
        )
        refused(
            lambda s=stranger: one_on_one_services.private_note_save(
                meeting=meeting, by=s, text="x"
            )
        )
        refused(lambda s=stranger: one_on_one_services.action_item_complete(item=item, by=s))
        refused(
            lambda s=stranger: one_on_one_services.meeting_move(
                meeting=meeting, by=s, scheduled_at=later
            )
        )
        refused(lambda s=stranger: one_on_one_services.meeting_finish(meeting=meeting, by=s))
    assert TalkingPoint.objects.get() == point and not point.done
    assert not SharedNote.objects.exists() and not PrivateNote.objects.exists()
    assert ActionItem.objects.get().done_at is None


def test_a_copy_of_personal_data_is_requested_and_received_by_the_person_or_hr_alone(cast):
    from privacy import services as privacy_services
    from privacy.models import DataRequest

    agent, lead = cast["agent"], cast["lead"]
    refused(lambda: privacy_services.copy_request(actor=lead, person=agent))
    assert not DataRequest.objects.exists()
    data_request = privacy_services.copy_request(actor=agent, person=agent)
    refused(lambda: privacy_services.copy_handed_over(data_request=data_request, by=lead))
    data_request.refresh_from_db()
    assert data_request.downloaded_at is None
