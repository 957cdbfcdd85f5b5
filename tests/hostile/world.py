"""The demo service center plus one of every record kind, and which user drives each URL."""

import os
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from api import services as api_services
from api.models import GroupMapping, WebhookDelivery
from briefings import services as briefing_services
from briefings.models import Attachment, Briefing
from feedback.models import CoachingNote
from notifications.models import Notification
from objectives.models import Proposal, ServiceObjective, TeamObjective
from one_on_ones import services as one_on_one_services
from one_on_ones.models import Series
from people.models import MentorPairing, Team, User
from people.periods import Quarter
from plans.models import Action, Goal
from privacy.models import DataRequest
from reviews import services as review_services
from reviews.models import Review
from skills.models import CareerWish
from training.models import CalendarFeed, Enrollment, Session


def build():
    call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))
    lead = User.objects.get(email="lead@demo.example")
    agent = User.objects.get(email="agent@demo.example")
    hr = User.objects.get(email="hr@demo.example")
    team = Team.objects.get(name="Privatkunden Telefon")
    colleague = (
        User.objects.filter(memberships__team=team, role="agent").exclude(pk=agent.pk).first()
    )
    draft = Review.objects.filter(
        agent=colleague, status=Review.Status.DRAFT
    ).first() or review_services.review_start(
        reviewer=lead, agent=colleague, quarter=Quarter.current()
    )
    shared = Review.objects.filter(reviewer=lead, status=Review.Status.SHARED).first()
    if shared is None:
        shared = review_services.review_start(reviewer=lead, agent=agent, quarter=Quarter.current())
        review_services.review_update(
            review=shared,
            by=shared.reviewer,
            summary="Good quarter.",
            strengths="Calm.",
            held_on=timezone.localdate(),
        )
        shared = review_services.review_share(review=shared, by=shared.reviewer, confirmed=True)
    draft_briefing = Briefing.objects.create(title_en="Draft", title_de="Entwurf", author=hr)
    draft_briefing.teams.set([team])
    published = Briefing.objects.filter(status=Briefing.Status.PUBLISHED, teams=team).first()
    attachment = Attachment.objects.create(
        briefing=published, name="notes.txt", file=ContentFile(b"talking points", name="notes.txt")
    )
    question = briefing_services.question_ask(
        agent=agent, briefing=published, text="What changes for us?"
    )
    plan_goal = Goal.objects.filter(plan__agent=agent).first()
    wish = CareerWish.objects.filter(agent=agent).first() or CareerWish.objects.create(
        agent=agent, kind="trainer"
    )
    upcoming = Session.objects.filter(starts_at__gt=timezone.now() + timedelta(days=2)).first()
    enrolled = Enrollment.objects.filter(agent__memberships__team=team, status="enrolled").first()
    completed = Enrollment.objects.filter(agent__memberships__team=team, status="completed").first()
    pairing = MentorPairing.objects.filter(mentor=agent, status="active").first()
    team_objective = (
        TeamObjective.objects.filter(team=team).select_related("service_objective").first()
    )
    draft_objective = ServiceObjective.objects.create(
        period_kind="year",
        year=timezone.localdate().year + 1,
        starts_on=timezone.localdate().replace(year=timezone.localdate().year + 1, month=1, day=1),
        ends_on=timezone.localdate().replace(year=timezone.localdate().year + 1, month=12, day=31),
        title_en="Draft objective",
        measure="fcr",
        target=80,
        author=hr,
    )
    qa_records = _qa(lead, agent, colleague)
    one_on_one = _one_on_one(lead, agent)
    subscription = api_services.webhook_subscription_create(
        actor=User.objects.get(email="admin@demo.example"),
        name="HR suite",
        url="https://hr.example.test/hooks",
        event_kinds=["review.shared"],
    ).subscription
    return {
        **qa_records,
        "users": {
            "lead": lead,
            "agent": agent,
            "hr": hr,
            "colleague": colleague,
            "shared_review_agent": shared.agent,
            "admin": User.objects.get(email="admin@demo.example"),
            "mentee": pairing.mentee,
            "qa": User.objects.get(email="qa@demo.example"),
            "anonymous": None,
        },
        "team": team,
        "agent": agent,
        "colleague": colleague,
        "note_private": CoachingNote.objects.filter(
            author=lead, agent=agent, shared_at__isnull=True
        ).first(),
        "note_shared": CoachingNote.objects.filter(
            author=lead, agent=agent, shared_at__isnull=False, acknowledged_at__isnull=True
        ).first(),
        "review_draft": draft,
        "review_shared": shared,
        "plan": plan_goal.plan,
        "goal": plan_goal,
        "action": Action.objects.filter(plan__agent=agent).first(),
        "career_wish": wish,
        "session": upcoming,
        "enrollment": enrolled,
        "completed_enrollment": completed,
        "pairing": pairing,
        "briefing_draft": draft_briefing,
        "briefing": published,
        "attachment": attachment,
        "question": question,
        "notification": Notification.objects.create(
            recipient=lead, kind="test", title="Hello", body="", url="/me/"
        ),
        "feed": CalendarFeed.objects.create(user=agent),
        "agent_token": api_services.personal_token_create(
            actor=agent, name="script", access_level="read", expires_at=None
        ).token,
        "group_mapping": GroupMapping.objects.create(group="cn=phone", team=team),
        "objective": team_objective.service_objective,
        "objective_draft": draft_objective,
        "team_objective": team_objective,
        "proposal": Proposal.objects.create(
            team_objective=team_objective, agent=agent, text="Kund*innen fragen oft nach …"
        ),
        "one_on_one": one_on_one,
        "one_on_one_point": one_on_one.points.first(),
        "one_on_one_action": one_on_one.action_items.first(),
        "one_on_one_own_point": one_on_one.points.filter(author=agent).last(),
        "one_on_one_own_action": one_on_one.action_items.filter(created_by=lead).last(),
        "one_on_one_note": one_on_one.shared_notes.filter(author=lead).last(),
        "data_copy": DataRequest.objects.create(
            person=agent,
            recorded_by=agent,
            received_on=timezone.localdate(),
            channel=DataRequest.Channel.PORTAL,
            status=DataRequest.Status.READY,
            ready_at=timezone.now(),
            json_copy=b"{}",
            pdf_copy=b"%PDF-1.4",
        ),
        "webhook_subscription": subscription,
        "webhook_delivery": WebhookDelivery.objects.create(
            subscription=subscription,
            delivery_id="00000000-0000-4000-8000-000000000002",
            event="review.shared",
            subject=f"review:{shared.pk}",
            payload={},
            state=WebhookDelivery.State.UNCONFIRMED,
            due_since=timezone.now(),
        ),
    }


def _qa(lead, agent, colleague):
    """A draft and a shared evaluation by the demo lead, the demo's open dispute and an open calibration."""
    from qa import services as qa_services
    from qa.models import Dispute, Evaluation, Question, ScorecardVersion

    version = ScorecardVersion.objects.get(scorecard__name_en="Chat")
    questions = list(Question.objects.filter(section__version=version))
    moment = timezone.now() - timedelta(hours=3)
    draft = qa_services.evaluation_start(
        evaluator=lead,
        agent=colleague,
        version=version,
        reference="HOSTILE-DRAFT",
        channel="chat",
        interaction_at=moment,
    )
    shared = qa_services.evaluation_start(
        evaluator=lead,
        agent=agent,
        version=version,
        reference="HOSTILE-SHARED",
        channel="chat",
        interaction_at=moment,
    )
    qa_services.evaluation_save_answers(
        by=lead,
        evaluation=shared,
        answers={q.pk: qa_services.AnswerInput(1) for q in questions},
    )
    qa_services.evaluation_share(by=lead, evaluation=shared)
    question = next(q for q in questions if q.kind == "points")
    calibration = qa_services.calibration_create(
        owner=lead,
        version=version,
        title="Hostile calibration",
        reference="HOSTILE-CAL",
        channel="chat",
        interaction_at=moment,
        evaluators=[lead, User.objects.get(email="qa@demo.example")],
    )
    draw = qa_services.sample_draw(
        by=lead, week=timezone.localdate(), minimum=1, maximum=8, capacity=10
    )
    return {
        "qa_scorecard": version.scorecard,
        "qa_draw": draw,
        "qa_sample_item": draw.items.order_by("pk").first(),
        "qa_draft": draft,
        "qa_shared": Evaluation.objects.get(pk=shared.pk),
        "qa_question": question,
        "qa_dispute": Dispute.objects.filter(state="open").first(),
        "qa_calibration": calibration,
    }


def _one_on_one(lead, agent):
    """An upcoming one-on-one of the demo lead and agent, with a point and an action item."""
    series = Series.objects.filter(lead=lead, agent=agent, ended_at__isnull=True).first()
    if series is None:
        series = one_on_one_services.series_start(
            lead=lead,
            agent=agent,
            every_days=14,
            first_at=timezone.now() + timedelta(days=7),
        )
    meeting = series.meetings.filter(
        finished_at__isnull=True, scheduled_at__gt=timezone.now()
    ).first()
    one_on_one_services.point_add(meeting=meeting, by=agent, text="Shift plan")
    one_on_one_services.action_item_add(
        meeting=meeting, by=lead, text="Book the chat training", owner=agent, due_on=None
    )
    one_on_one_services.shared_note_add(meeting=meeting, by=lead, text="We agreed on the training")
    return meeting


# url name -> (who, {url kwarg: world key}); a value in quotes inside the tuple is used literally.
SPECS = {
    "home": ("lead", {}),
    "me": ("agent", {}),
    "agent_detail": ("lead", {"pk": "agent"}),
    "lead_dashboard": ("lead", {}),
    "hr_overview": ("hr", {}),
    "healthz": ("anonymous", {}),
    "set_language": ("agent", {}),
    "login": ("anonymous", {}),
    "logout": ("agent", {}),
    "password_change": ("agent", {}),
    "password_change_done": ("agent", {}),
    "password_reset": ("anonymous", {}),
    "password_reset_done": ("anonymous", {}),
    "password_reset_confirm": ("anonymous", {"uidb64": "=MQ", "token": "=set-password"}),
    "password_reset_complete": ("anonymous", {}),
    "people:team_detail": ("lead", {"pk": "team"}),
    "notifications:list": ("lead", {}),
    "notifications:open": ("lead", {"pk": "notification"}),
    "notifications:read_all": ("lead", {}),
    "skills:rate": ("lead", {"pk": "agent"}),
    "skills:team_matrix": ("lead", {"pk": "team"}),
    "skills:team_matrix_csv": ("lead", {"pk": "team"}),
    "skills:site_matrix": ("hr", {}),
    "skills:site_mix": ("hr", {}),
    "skills:site_mix_csv": ("hr", {}),
    "skills:site_mix_xlsx": ("hr", {}),
    "skills:my_career": ("agent", {}),
    "skills:career_wish_delete": ("agent", {"pk": "career_wish"}),
    "skills:career_wishes": ("hr", {}),
    "plans:goal_create": ("lead", {"pk": "agent"}),
    "plans:action_create": ("lead", {"pk": "agent"}),
    "plans:plan_history": ("lead", {"pk": "agent"}),
    "plans:plan_start": ("lead", {"pk": "agent"}),
    "plans:plan_close": ("lead", {"pk": "plan"}),
    "plans:goal_edit": ("lead", {"pk": "goal"}),
    "plans:goal_accept": ("lead", {"pk": "goal"}),
    "plans:goal_status": ("agent", {"pk": "goal"}),
    "plans:goal_progress": ("agent", {"pk": "goal"}),
    "plans:action_complete": ("agent", {"pk": "action"}),
    "training:catalogue": ("agent", {}),
    "training:session": ("lead", {"pk": "session"}),
    "training:request": ("agent", {"pk": "session"}),
    "training:confirm_ratings": ("lead", {"pk": "completed_enrollment"}),
    "training:enrollment_action": ("lead", {"pk": "enrollment", "action": "=attended"}),
    "training:needs": ("lead", {}),
    "training:new_hire": ("lead", {}),
    "training:mentor_suggestions": ("lead", {"pk": "agent"}),
    "training:pairing": ("agent", {"pk": "pairing"}),
    "training:pairing_end": ("mentee", {"pk": "pairing"}),
    "training:calendar": ("agent", {}),
    "training:feed": ("anonymous", {"token": "feed.token"}),
    "kpis:team": ("lead", {"pk": "team"}),
    "qa:home": ("lead", {}),
    "qa:evaluation_start": ("lead", {}),
    "qa:evaluation": ("lead", {"pk": "qa_draft"}),
    "qa:evaluation_share": ("lead", {"pk": "qa_draft"}),
    "qa:evaluation_acknowledge": ("agent", {"pk": "qa_shared"}),
    "qa:dispute_raise": ("agent", {"pk": "qa_shared", "question": "qa_question"}),
    "qa:goal_from_question": ("lead", {"pk": "qa_shared", "question": "qa_question"}),
    "qa:dispute_decide": ("qa", {"pk": "qa_dispute"}),
    "qa:disputes": ("lead", {}),
    "qa:hr_figures": ("hr", {}),
    "qa:export_csv": ("hr", {}),
    "qa:export_xlsx": ("hr", {}),
    "qa:calibrations": ("lead", {}),
    "qa:calibration_create": ("lead", {}),
    "qa:scorecards": ("hr", {}),
    "qa:scorecard": ("hr", {"pk": "qa_scorecard"}),
    "qa:scorecard_create": ("hr", {}),
    "qa:scorecard_edit": ("hr", {"pk": "qa_scorecard"}),
    "qa:evaluation_delete": ("lead", {"pk": "qa_draft"}),
    "qa:evaluation_feedback": ("lead", {"pk": "qa_shared"}),
    "qa:sample_replace": ("lead", {"pk": "qa_sample_item"}),
    "qa:sampling": ("lead", {}),
    "qa:draw": ("lead", {"pk": "qa_draw"}),
    "qa:calibration": ("lead", {"pk": "qa_calibration"}),
    "qa:calibration_reveal": ("lead", {"pk": "qa_calibration"}),
    "qa:calibration_benchmark": ("lead", {"pk": "qa_calibration"}),
    "feedback:inbox": ("lead", {}),
    "feedback:note_create": ("lead", {}),
    "feedback:note_detail": ("lead", {"pk": "note_private"}),
    "feedback:note_edit": ("lead", {"pk": "note_private"}),
    "feedback:note_share": ("lead", {"pk": "note_private"}),
    "feedback:note_deliver": ("lead", {"pk": "note_shared"}),
    "feedback:note_acknowledge": ("agent", {"pk": "note_shared"}),
    "feedback:agent_notes": ("lead", {"pk": "agent"}),
    "feedback:upward_give": ("agent", {}),
    "feedback:upward_received": ("lead", {}),
    "feedback:upward_by_lead": ("hr", {}),
    "reviews:team_completion": ("lead", {"pk": "team"}),
    "reviews:start": ("lead", {"pk": "agent"}),
    "reviews:detail": ("lead", {"pk": "review_draft"}),
    "reviews:edit": ("lead", {"pk": "review_draft"}),
    "reviews:share": ("lead", {"pk": "review_draft"}),
    "reviews:request_self": ("lead", {"pk": "review_draft"}),
    "reviews:self_assess": ("colleague", {"pk": "review_draft"}),
    "reviews:acknowledge": ("shared_review_agent", {"pk": "review_shared"}),
    "reports:exports": ("hr", {}),
    "reports:reviews_csv": ("hr", {}),
    "reports:reviews_xlsx": ("hr", {}),
    "reports:reviews_pdf": ("hr", {}),
    "reports:review_pdf": ("hr", {"pk": "review_shared"}),
    "briefings:list": ("hr", {}),
    "briefings:create": ("hr", {}),
    "briefings:detail": ("agent", {"pk": "briefing"}),
    "briefings:edit": ("hr", {"pk": "briefing_draft"}),
    "briefings:publish": ("hr", {"pk": "briefing_draft"}),
    "briefings:acknowledge": ("agent", {"pk": "briefing"}),
    "briefings:mark_read": ("agent", {"pk": "briefing"}),
    "briefings:ask": ("agent", {"pk": "briefing"}),
    "briefings:attachment": ("agent", {"pk": "briefing", "attachment_pk": "attachment"}),
    "briefings:answer": ("lead", {"pk": "question"}),
    "briefings:meetings": ("lead", {"pk": "team"}),
    "briefings:meeting_create": ("lead", {"pk": "team"}),
    "objectives:list": ("hr", {}),
    "objectives:create": ("hr", {}),
    "objectives:mine": ("agent", {}),
    "objectives:csv": ("hr", {}),
    "objectives:xlsx": ("hr", {}),
    "objectives:detail": ("lead", {"pk": "objective"}),
    "objectives:edit": ("hr", {"pk": "objective_draft"}),
    "objectives:publish": ("hr", {"pk": "objective_draft"}),
    "objectives:confirm": ("agent", {"pk": "objective"}),
    "objectives:team_create": ("lead", {"pk": "objective"}),
    "objectives:team_objective": ("lead", {"pk": "team_objective"}),
    "objectives:team_edit": ("lead", {"pk": "team_objective"}),
    "objectives:agree": ("hr", {"pk": "team_objective"}),
    "objectives:report": ("lead", {"pk": "team_objective"}),
    "objectives:propose": ("agent", {"pk": "team_objective"}),
    "objectives:answer": ("lead", {"pk": "proposal"}),
    "objectives:link_goal": ("agent", {"pk": "goal"}),
    "security:setup": ("agent", {}),
    "security:setup_qr": ("agent", {}),
    "security:verify": ("agent", {}),
    "security:keepalive": ("agent", {}),
    "healthz_live": ("anonymous", {}),
    "metrics": ("anonymous", {}),
    "feedback:note_correct": ("lead", {"pk": "note_shared"}),
    "audit:list": ("hr", {}),
    "audit:export": ("hr", {}),
    "audit:seen_my_data": ("agent", {}),
    "privacy:my_data": ("agent", {}),
    "privacy:my_copy_json": ("agent", {"pk": "data_copy"}),
    "privacy:my_copy_pdf": ("agent", {"pk": "data_copy"}),
    "privacy:hr_people": ("hr", {}),
    "privacy:hr_person_requests": ("hr", {"pk": "agent"}),
    "privacy:note_statement": ("agent", {"pk": "note_shared"}),
    "privacy:review_statement": ("shared_review_agent", {"pk": "review_shared"}),
    "privacy:works_council": ("hr", {}),
    "privacy:register": ("hr", {}),
    "privacy:register_md": ("hr", {}),
    "privacy:register_pdf": ("hr", {}),
    "api:tokens": ("agent", {}),
    "api:token_revoke": ("agent", {"pk": "agent_token"}),
    "api:integrations": ("admin", {}),
    "api:group_mappings": ("hr", {}),
    "api:webhooks": ("admin", {}),
    "api:webhook_log": ("admin", {"pk": "webhook_subscription"}),
    "api:webhook_end": ("admin", {"pk": "webhook_subscription"}),
    "api:webhook_resend": ("admin", {"pk": "webhook_delivery"}),
    "api:group_mapping_delete": ("hr", {"pk": "group_mapping"}),
    "api:schema": ("anonymous", {}),
    "api:docs": ("anonymous", {}),
    "api:redoc": ("anonymous", {}),
    "api:not_found": ("anonymous", {"rest": "=v1/nothing/"}),
    "api:sso_oidc_start": ("anonymous", {}),
    "api:sso_oidc_callback": ("anonymous", {}),
    "one_on_ones:list": ("agent", {}),
    "one_on_ones:series_create": ("lead", {}),
    "one_on_ones:meeting": ("lead", {"pk": "one_on_one"}),
    "one_on_ones:point_add": ("agent", {"pk": "one_on_one"}),
    "one_on_ones:template_apply": ("lead", {"pk": "one_on_one"}),
    "one_on_ones:point_done": ("lead", {"pk": "one_on_one_point"}),
    "one_on_ones:point_edit": ("agent", {"pk": "one_on_one_own_point"}),
    "one_on_ones:point_delete": ("agent", {"pk": "one_on_one_own_point"}),
    "one_on_ones:note_edit": ("lead", {"pk": "one_on_one_note"}),
    "one_on_ones:note_delete": ("lead", {"pk": "one_on_one_note"}),
    "one_on_ones:action_edit": ("lead", {"pk": "one_on_one_own_action"}),
    "one_on_ones:action_delete": ("lead", {"pk": "one_on_one_own_action"}),
    "one_on_ones:note_add": ("lead", {"pk": "one_on_one"}),
    "one_on_ones:private_note": ("agent", {"pk": "one_on_one"}),
    "one_on_ones:action_add": ("lead", {"pk": "one_on_one"}),
    "one_on_ones:action_done": ("agent", {"pk": "one_on_one_action"}),
    "one_on_ones:move": ("agent", {"pk": "one_on_one"}),
    "one_on_ones:extra": ("agent", {"pk": "one_on_one"}),
    "one_on_ones:finish": ("lead", {"pk": "one_on_one"}),
    "api:sso_saml_login": ("anonymous", {}),
    "api:sso_saml_acs": ("anonymous", {}),
    "api:sso_saml_metadata": ("anonymous", {}),
    "api:sso_saml_logout": ("anonymous", {}),
    "api:sso_saml_ls": ("anonymous", {}),
}

# Pages whose forms post to other URLs (the action URLs have no page of their own).
FORM_PAGES = {
    "lead": [
        "agent_detail",
        "feedback:note_detail",
        "reviews:detail",
        "training:session",
        "plans:plan_history",
        "notifications:list",
        "reviews:team_completion",
        "training:mentor_suggestions",
        "briefings:detail",
        "objectives:team_objective",
        "one_on_ones:meeting",
    ],
    "qa": ["qa:evaluation"],
    "agent": [
        "me",
        "one_on_ones:meeting",
        "feedback:note_detail",
        "briefings:detail",
        "training:session",
        "skills:my_career",
        "objectives:mine",
        "objectives:team_objective",
        "qa:evaluation",
    ],
    "hr": ["briefings:detail"],
    "colleague": ["me"],
    "shared_review_agent": ["reviews:detail"],
    "mentee": ["training:pairing"],
}
FORM_PAGE_KWARGS = {
    "agent": {
        "feedback:note_detail": {"pk": "note_shared"},
        "objectives:team_objective": {"pk": "team_objective"},
        "qa:evaluation": {"pk": "qa_shared"},
    },
    "qa": {"qa:evaluation": {"pk": "qa_dispute.evaluation_id"}},
    "lead": {
        "briefings:detail": {"pk": "briefing"},
        "objectives:team_objective": {"pk": "team_objective"},
    },
    "hr": {"briefings:detail": {"pk": "briefing_draft"}},
    "shared_review_agent": {"reviews:detail": {"pk": "review_shared"}},
}

# Not fuzzed here: Django's admin, the KPI import (its limits and hostile files are tested in tests/kpis),
# and the REST endpoints, which take JSON, not forms (driven by tests/hostile/test_api_schema.py and,
# for SCIM, tests/hostile/test_scim_input.py).
NOT_HERE = (
    "admin:",
    "api:v1:",
    "api:scim_",
    "kpis:imports",
    "kpis:import_detail",
    "kpis:import_status",
    "kpis:import_errors",
    "kpis:import_confirm",
    "kpis:import_link",
    "kpis:import_remap",
)

# Query parameters the portal reads, plus a few it does not.
QUERY_PARAMETERS = [
    "page",
    "skill",
    "level",
    "category",
    "channel",
    "kind",
    "quarter",
    "team",
    "status",
    "agent",
    "next",
    "language",
    "q",
    "id",
    "person",
    "actor",
    "record",
    "date_from",
    "date_to",
    "absent",
]

# Query parameters each page reads, with a plausible value ("=literal" or a world key); "page" is
# tried on every list page. Hostile values replace one parameter at a time.
QUERY = {
    "people:team_detail": {"page": "=1"},
    "notifications:list": {"page": "=1"},
    "skills:team_matrix": {
        "page": "=1",
        "category": "=",
        "channel": "=phone",
        "absent": "colleague",
    },
    "skills:team_matrix_csv": {"category": "=", "channel": "=phone"},
    "skills:site_matrix": {"page": "=1", "category": "=", "channel": "=phone"},
    "skills:career_wishes": {"page": "=1", "kind": "=trainer"},
    "skills:site_mix": {"page": "=1"},
    "plans:goal_create": {"skill": "=1", "level": "=3"},
    "training:catalogue": {"page": "=1"},
    "feedback:inbox": {"page": "=1"},
    "qa:disputes": {"page": "=1"},
    "qa:export_csv": {"date_from": "=2026-01-01", "date_to": "=2026-12-31"},
    "qa:export_xlsx": {"date_from": "=2026-01-01", "date_to": "=2026-12-31"},
    "qa:sampling": {"page": "=1"},
    "qa:evaluation_start": {"agent": "agent", "channel": "=chat"},
    "feedback:note_create": {"agent": "agent"},
    "one_on_ones:series_create": {"agent": "agent"},
    "feedback:agent_notes": {"page": "=1"},
    "feedback:upward_received": {"page": "=1"},
    "feedback:upward_by_lead": {"page": "=1"},
    "reviews:team_completion": {"quarter": "=current"},
    "reports:reviews_csv": {"quarter": "=current", "team": "team", "status": "=shared"},
    "reports:reviews_xlsx": {"quarter": "=current", "team": "team", "status": "=shared"},
    "reports:reviews_pdf": {"quarter": "=current", "team": "team", "status": "=shared"},
    "briefings:list": {"page": "=1"},
    "briefings:meetings": {"page": "=1"},
    "objectives:list": {"page": "=1"},
    "objectives:team_objective": {"page": "=1"},
    "security:setup": {"next": "=/me/"},
    "security:verify": {"next": "=/me/"},
    "login": {"next": "=/me/"},
    "audit:list": {
        "page": "=1",
        "person": "=Weber",
        "actor": "=",
        "kind": "=",
        "record": "=",
        "date_from": "=2026-01-01",
        "date_to": "=2026-12-31",
    },
    "audit:export": {
        "person": "=Weber",
        "kind": "=",
        "date_from": "=2026-01-01",
        "date_to": "=2026-12-31",
    },
    "audit:seen_my_data": {"page": "=1"},
    "privacy:hr_people": {"page": "=1", "q": "=Weber"},
}
