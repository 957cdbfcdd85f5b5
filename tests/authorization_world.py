"""The world the authorization matrix runs in: one record of every kind, and the people around them.

Teams: A (the owner's), B (another team), C (the mentors' team, led now by the former lead of A).

- owner: an agent of team A, about whom every record is;
- teammate: another agent of team A;      outsider: an agent of team B;
- lead: leads team A since 2026-05-01;    other_lead: leads team B;
- former_lead: led team A until 2026-05-01 (and wrote a private note then), now leads team C;
- mentor: an agent of team C who mentors the owner (active pairing);
- former_mentor: an agent of team C whose pairing with the owner has ended;
- hr; admin (a superuser).

The clock stands at NOW (in Q2 2026), so Q1 2026 is the last closed quarter.
"""

import datetime
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.utils import timezone

from briefings import services as briefing_services
from briefings.models import Briefing
from feedback import services as feedback_services
from feedback.models import CoachingNote
from feedback.window import feedback_due_at
from kpis import services as kpi_services
from kpis.models import KpiImport
from notifications.models import Notification
from objectives.models import Proposal, ServiceObjective, TeamObjective
from people.models import MentorCheckIn, MentorPairing, Role, TeamMembership
from people.periods import Quarter
from plans import services as plan_services
from qa import services as qa_services
from reviews import services as review_services
from skills.models import CareerWish, RatingSource, SkillRating
from training import services as training_services
from training.models import CalendarFeed, Course, Session

from .factories import MembershipFactory, TeamFactory, UserFactory, make_agent, make_lead
from .qa.factories import answer, make_scorecard, questions, start
from .skills.factories import SkillFactory

NOW = "2026-06-09 10:00 +02:00"
LEAD_CHANGE = datetime.date(2026, 5, 1)

ROLES = (
    "anonymous",
    "owner",
    "teammate",
    "outsider",
    "lead",
    "other_lead",
    "former_lead",
    "mentor",
    "former_mentor",
    "hr",
    "admin",
)


@dataclass
class World:
    users: dict = field(default_factory=dict)  # role → user (no entry for "anonymous")
    kwargs: dict = field(default_factory=dict)  # record kind → the URL kwargs that name it
    sessions: dict = field(default_factory=dict)  # role → session key, once signed in
    tokens: dict = field(
        default_factory=dict
    )  # role → the secret of a read-write personal API token


def build_world() -> World:
    world = World()
    team_a, team_b, team_c = (
        TeamFactory(name="Team A"),
        TeamFactory(name="Team B"),
        TeamFactory(name="Team C"),
    )
    users = world.users
    users["owner"] = make_agent(
        team_a, email="owner@example.test", first_name="Olivia", last_name="Owner"
    )
    users["teammate"] = make_agent(
        team_a, email="teammate@example.test", first_name="Tim", last_name="Teammate"
    )
    users["outsider"] = make_agent(
        team_b, email="outsider@example.test", first_name="Oskar", last_name="Outsider"
    )
    users["other_lead"] = make_lead(
        team_b, email="other.lead@example.test", first_name="Otto", last_name="Other"
    )
    users["former_lead"] = make_lead(
        team_c, email="former.lead@example.test", first_name="Fiona", last_name="Former"
    )
    MembershipFactory(
        team=team_a,
        user=users["former_lead"],
        kind=TeamMembership.Kind.LEAD,
        start=datetime.date(2025, 1, 1),
        end=LEAD_CHANGE,
    )
    users["lead"] = UserFactory(
        role=Role.LEAD, email="lead@example.test", first_name="Lena", last_name="Lead"
    )
    MembershipFactory(
        team=team_a, user=users["lead"], kind=TeamMembership.Kind.LEAD, start=LEAD_CHANGE
    )
    users["mentor"] = make_agent(
        team_c, email="mentor@example.test", first_name="Mia", last_name="Mentor"
    )
    users["former_mentor"] = make_agent(
        team_c, email="former.mentor@example.test", first_name="Frank", last_name="Formermentor"
    )
    users["hr"] = UserFactory(
        role=Role.HR, email="hr@example.test", first_name="Hanna", last_name="HR"
    )
    users["admin"] = UserFactory(
        role=Role.ADMIN,
        email="admin@example.test",
        first_name="Adam",
        last_name="Admin",
        is_staff=True,
        is_superuser=True,
    )
    owner, lead = users["owner"], users["lead"]
    kwargs = world.kwargs
    kwargs.update(
        none={},
        owner={"pk": owner.pk},
        team={"pk": team_a.pk},
        reset_link={"uidb64": "MQ", "token": "not-a-valid-token"},
    )

    _notes(world, owner, lead)
    _reviews(world, owner, lead)
    _plan(world, owner, lead)
    _training(world, owner, lead)
    _pairings(world, owner, lead)
    _other_records(world, owner, lead, team_a)
    _objectives(world, owner, lead, team_a)
    _api_records(world, owner)
    _qa(world, owner, lead)
    _one_on_ones(world, owner, lead)
    _data_copy(world, owner)
    return world


def _objectives(world, owner, lead, team_a):
    """A published FCR objective for Q2 2026 with team A's agreed part and the owner's proposal; a draft."""
    published = ServiceObjective.objects.create(
        period_kind="quarter",
        year=2026,
        number=2,
        starts_on=datetime.date(2026, 4, 1),
        ends_on=datetime.date(2026, 6, 30),
        title_en="Solve it the first time",
        measure="fcr",
        target=80,
        status=ServiceObjective.Status.PUBLISHED,
        author=world.users["hr"],
    )
    draft = ServiceObjective.objects.create(
        period_kind="quarter",
        year=2026,
        number=3,
        starts_on=datetime.date(2026, 7, 1),
        ends_on=datetime.date(2026, 9, 30),
        title_en="Draft",
        measure="csat",
        target=4.5,
        author=world.users["hr"],
    )
    team_objective = TeamObjective.objects.create(
        service_objective=published,
        team=team_a,
        title="Ask at the end whether everything is solved",
        status=TeamObjective.Status.AGREED,
        proposed_by=lead,
    )
    proposal = Proposal.objects.create(
        team_objective=team_objective, agent=owner, text="Customers often ask about returns"
    )
    world.kwargs.update(
        objective={"pk": published.pk},
        objective_draft={"pk": draft.pk},
        team_objective={"pk": team_objective.pk},
        proposal={"pk": proposal.pk},
    )


def _qa(world, owner, lead):
    """Quality evaluations of the owner by their lead: a draft, a shared one with an open dispute; a
    chat scorecard; an open calibration of the lead (owner) with the other lead."""
    card = make_scorecard(world.users["hr"], skill=SkillFactory(name_en="Explaining"))
    draft = start(lead, owner, card, reference="QA-DRAFT")
    shared = start(lead, owner, card, reference="QA-SHARED")
    answer(
        lead,
        shared,
        card,
        {
            "Greets by name": 1,
            "Tone": 4,
            "Solves the issue": 1,
            "Explains next steps": 1,
            "Goes the extra mile": 0,
        },
    )
    qa_services.evaluation_share(by=lead, evaluation=shared)
    by_text = questions(card)
    dispute = qa_services.dispute_raise(
        by=owner, evaluation=shared, question=by_text["Tone"], reason="It was warm.", proposed=5
    )
    calibration = qa_services.calibration_create(
        owner=lead,
        version=card.versions.get(),
        title="Calibration",
        reference="CAL-1",
        channel="chat",
        interaction_at=timezone.now() - datetime.timedelta(hours=4),
        evaluators=[lead, world.users["other_lead"]],
    )
    draw = qa_services.sample_draw(
        by=lead, week=timezone.localdate(), minimum=1, maximum=8, capacity=10
    )
    world.kwargs.update(
        qa_scorecard={"pk": card.pk},
        qa_draw={"pk": draw.pk},
        qa_sample_item={"pk": draw.items.order_by("pk").first().pk},
        qa_draft={"pk": draft.pk},
        qa_shared={"pk": shared.pk},
        qa_question={"pk": shared.pk, "question": by_text["Explains next steps"].pk},
        qa_dispute={"pk": dispute.pk},
        qa_calibration={"pk": calibration.pk},
    )


def _data_copy(world, owner):
    """A request for a copy of the owner's data, recorded by HR, and the copy produced for the owner."""
    from privacy import services as privacy_services

    data_request = privacy_services.copy_request(
        actor=world.users["hr"], person=owner, channel="letter", reference="Letter"
    )
    privacy_services.copy_produce(data_request.pk)
    world.kwargs.update(data_copy={"pk": data_request.pk})


def _notes(world, owner, lead):
    observed = timezone.now() - datetime.timedelta(hours=5)
    private = feedback_services.note_create(
        author=lead,
        agent=owner,
        observed_at=observed,
        channel="phone",
        kind="improvement",
        situation="Private working note",
    )
    shared = feedback_services.note_create(
        author=lead,
        agent=owner,
        observed_at=observed,
        channel="phone",
        kind="praise",
        situation="Shared feedback",
    )
    feedback_services.note_share(note=shared, by=shared.author)
    before_the_change = datetime.datetime(2026, 4, 20, 9, 0, tzinfo=timezone.get_default_timezone())
    former = CoachingNote.objects.create(
        agent=owner,
        author=world.users["former_lead"],
        observed_at=before_the_change,
        situation="The former lead's private note",
        feedback_due_at=feedback_due_at(before_the_change),
    )
    world.kwargs.update(
        private_note={"pk": private.pk},
        shared_note={"pk": shared.pk},
        former_leads_private_note={"pk": former.pk},
    )


def _reviews(world, owner, lead):
    shared = review_services.review_start(reviewer=lead, agent=owner, quarter=Quarter(2026, 1))
    review_services.review_update(
        review=shared,
        by=shared.reviewer,
        summary="A good first quarter",
        strengths="Calm",
        areas=[],
        held_on=datetime.date(2026, 3, 20),
    )
    review_services.review_share(review=shared, by=shared.reviewer, confirmed=True)
    draft = review_services.review_start(reviewer=lead, agent=owner, quarter=Quarter(2026, 2))
    review_services.review_update(
        review=draft, by=draft.reviewer, summary="Draft thoughts", strengths="", areas=[]
    )
    world.kwargs.update(shared_review={"pk": shared.pk}, draft_review={"pk": draft.pk})


def _plan(world, owner, lead):
    skill = SkillFactory(name_en="De-escalation")
    goal = plan_services.goal_create(
        agent=owner, by=lead, title="Calm escalations", skill=skill, target_level=4
    )
    action = plan_services.action_add(
        agent=owner, kind="self_study", title="Read the guide", by=lead
    )
    SkillRating.objects.create(
        agent=owner, skill=skill, level=3, source=RatingSource.LEAD, rated_by=lead
    )
    world.kwargs.update(plan={"pk": goal.plan_id}, goal={"pk": goal.pk}, action={"pk": action.pk})


def _training(world, owner, lead):
    course = Course.objects.create(title_en="Calm calls", duration_hours=4)
    session = Session.objects.create(
        course=course,
        starts_at=timezone.now() + datetime.timedelta(days=7),
        trainer="Maria",
        place="Köln",
        capacity=5,
    )
    enrollment = training_services.enroll(lead=lead, agent=owner, session=session)
    world.kwargs.update(session={"pk": session.pk}, enrollment={"pk": enrollment.pk})


def _pairings(world, owner, lead):
    active = MentorPairing.objects.create(
        mentor=world.users["mentor"], mentee=owner, created_by=lead
    )
    MentorCheckIn.objects.create(pairing=active, author=world.users["mentor"], note="First talk")
    ended = MentorPairing.objects.create(
        mentor=world.users["former_mentor"],
        mentee=owner,
        created_by=lead,
        start=datetime.date(2026, 1, 5),
    )
    training_services.pairing_end(pairing=ended, by=ended.mentee, rating=4, feedback="Helpful")
    world.kwargs.update(pairing={"pk": active.pk}, ended_pairing={"pk": ended.pk})


def _other_records(world, owner, lead, team_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    briefing = briefing_services.briefing_save(
        briefing=Briefing(title_en="New tariffs", title_de="Neue Tarife"),
        teams=[team_a],
        points=[("Why", "Warum")],
        author=world.users["hr"],
    )
    briefing_services.briefing_publish(briefing=briefing)
    attachment = briefing_services.attachment_add(
        briefing=briefing, upload=SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan")
    )
    question = briefing_services.question_ask(
        agent=owner, briefing=briefing, text="Does it apply to chat?"
    )
    kpi_import = KpiImport(
        source=kpi_services.source_for("matrix"),
        file_name="acd.csv",
        status=KpiImport.Status.DONE,
        uploaded_by=world.users["hr"],
    )
    kpi_import.file.save("acd.csv", ContentFile(b"agent_email;week\n"), save=True)
    feed = CalendarFeed.objects.create(user=owner)
    notification = Notification.objects.create(
        recipient=owner, kind="test", title="Hello", url="/me/"
    )
    wish = CareerWish.objects.create(
        agent=owner, kind=CareerWish.Kind.values[0], details="Team lead one day"
    )
    with_quarter = Quarter(2026, 1)
    feedback_services.UpwardFeedback.objects.create(
        lead=lead,
        clarity=4,
        support=4,
        fairness=4,
        quarter=with_quarter.label,
        given_on=datetime.date(2026, 2, 2),
    )
    world.kwargs.update(
        briefing={"pk": briefing.pk},
        attachment={"pk": briefing.pk, "attachment_pk": attachment.pk},
        question={"pk": question.pk},
        kpi_import={"pk": kpi_import.pk},
        calendar_feed={"token": feed.token},
        notification={"pk": notification.pk},
        career_wish={"pk": wish.pk},
    )


def _api_records(world, owner):
    """A personal API token for every role (the API's way in), a key figure and a group mapping."""
    from api import services as api_services
    from api.models import DirectoryGroup, GroupMapping, WebhookDelivery, WebhookSubscription
    from kpis.models import KpiRecord

    for role, user in world.users.items():
        made = api_services.personal_token_create(
            actor=user, name="matrix", access_level="read_write", expires_at=None
        )
        world.tokens[role] = made.secret
    record = KpiRecord.objects.create(
        agent=owner, period_start=datetime.date(2026, 6, 1), channel="phone", contacts=40
    )
    owners_token = world.users["owner"].api_tokens.get()
    mapping = GroupMapping.objects.create(group="cn=agents", role=Role.AGENT)
    directory_group = DirectoryGroup.objects.create(display_name="cn=agents")
    directory_group.members.add(owner)
    subscription = WebhookSubscription.objects.create(
        name="HR suite", url="https://hr.example.test/hooks", events=["review.shared"], secret="s"
    )
    delivery = WebhookDelivery.objects.create(
        subscription=subscription,
        delivery_id="00000000-0000-4000-8000-000000000001",
        event="review.shared",
        subject="review:1",
        payload={},
        state=WebhookDelivery.State.GIVEN_UP,
        due_since=timezone.now(),
    )
    world.kwargs.update(
        webhook_subscription={"pk": subscription.pk},
        webhook_delivery={"pk": delivery.pk},
        kpi_record={"pk": record.pk},
        api_token={"pk": owners_token.pk},
        group_mapping={"pk": mapping.pk},
        directory_group={"pk": directory_group.pk},
        api_path={"rest": "v1/nothing-here/"},
    )


def _one_on_ones(world, owner, lead):
    """The lead's series with the owner (its first meeting next week, with a point and an action item)
    and the former lead's meeting with the owner, held before the change of lead."""
    from one_on_ones import services as one_on_one_services
    from one_on_ones.models import Meeting, Series

    series = one_on_one_services.series_start(
        lead=lead,
        agent=owner,
        every_days=14,
        first_at=timezone.now() + datetime.timedelta(days=7),
    )
    meeting = series.meetings.order_by("scheduled_at").first()
    point = one_on_one_services.point_add(meeting=meeting, by=owner, text="Night shifts")
    item = one_on_one_services.action_item_add(
        meeting=meeting, by=lead, text="Book the chat training", owner=owner, due_on=None
    )
    note = one_on_one_services.shared_note_add(meeting=meeting, by=lead, text="We agreed")
    before_the_change = datetime.datetime(2026, 4, 20, 9, 0, tzinfo=timezone.get_default_timezone())
    former_series = Series.objects.create(
        lead=world.users["former_lead"], agent=owner, every_days=14, started_at=before_the_change
    )
    former = Meeting.objects.create(series=former_series, scheduled_at=before_the_change)
    world.kwargs.update(
        one_on_one={"pk": meeting.pk},
        former_leads_one_on_one={"pk": former.pk},
        one_on_one_point={"pk": point.pk},
        one_on_one_action={"pk": item.pk},
        one_on_one_note={"pk": note.pk},
    )
