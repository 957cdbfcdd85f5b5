"""Audit by construction: every URL the resolver knows is classified here, and every one that shows or
exports a person's records to someone else is proven to write an access event about that person, while
opening one's own records writes none.

A new URL fails `test_every_url_is_classified` until it is placed: in AUDITED (with the record kind of
the matrix's world it is called with, someone else who may open it, and the record it writes), or in
NOT_ABOUT_SOMEONE_ELSE with the reason it shows no person's records to another.
"""

import pytest
import time_machine
from django.db import transaction
from django.test import Client, override_settings
from django.urls import get_resolver, reverse
from rest_framework.test import APIClient

from audit.models import AccessEvent
from feedback.models import CoachingNote
from plans.models import DevelopmentPlan
from skills.models import SkillRating

from ..authorization_world import NOW, build_world
from ..test_authorization_matrix import ROWS, url_names

Record, Kind = AccessEvent.Record, AccessEvent.Kind

# URL name → (record kind of the world, who opens it (not the owner), what is recorded, how)
AUDITED = {
    "agent_detail": ("owner", "lead", Record.AGENT_PAGE, Kind.VIEW),
    "feedback:note_detail": ("shared_note", "hr", Record.NOTE, Kind.VIEW),
    "feedback:agent_notes": ("owner", "lead", Record.NOTES, Kind.VIEW),
    "reviews:detail": ("shared_review", "hr", Record.REVIEW, Kind.VIEW),
    "qa:evaluation": ("qa_shared", "hr", Record.QA_EVALUATION, Kind.VIEW),
    "qa:draw": ("qa_draw", "hr", Record.QA_SAMPLE, Kind.VIEW),
    "qa:export_csv": ("none", "hr", Record.QA_EXPORT, Kind.EXPORT),
    "qa:export_xlsx": ("none", "hr", Record.QA_EXPORT, Kind.EXPORT),
    "reviews:edit": ("draft_review", "lead", Record.REVIEW, Kind.VIEW),
    "plans:plan_history": ("owner", "lead", Record.PLAN, Kind.VIEW),
    "training:pairing": ("pairing", "mentor", Record.PAIRING, Kind.VIEW),
    "skills:rate": ("owner", "lead", Record.SKILLS, Kind.VIEW),
    "skills:team_matrix_csv": ("team", "lead", Record.SKILLS, Kind.EXPORT),
    "reports:review_pdf": ("shared_review", "hr", Record.REVIEW_EXPORT, Kind.EXPORT),
    "reports:reviews_csv": ("none", "hr", Record.REVIEW_EXPORT, Kind.EXPORT),
    "reports:reviews_xlsx": ("none", "hr", Record.REVIEW_EXPORT, Kind.EXPORT),
    "reports:reviews_pdf": ("none", "hr", Record.REVIEW_EXPORT, Kind.EXPORT),
    # the REST API, asked with the role's personal token
    "api:v1:key-figures-list": ("none", "lead", Record.KPIS, Kind.VIEW),
    "api:v1:key-figures-detail": ("kpi_record", "lead", Record.KPIS, Kind.VIEW),
    "api:v1:coaching-notes-list": ("none", "hr", Record.NOTE, Kind.VIEW),
    "api:v1:coaching-notes-detail": ("shared_note", "hr", Record.NOTE, Kind.VIEW),
    "api:v1:reviews-list": ("none", "hr", Record.REVIEW, Kind.VIEW),
    "api:v1:reviews-detail": ("shared_review", "hr", Record.REVIEW, Kind.VIEW),
    "api:v1:skill-ratings-list": ("none", "lead", Record.SKILLS, Kind.VIEW),
    "api:v1:skill-targets-list": ("none", "lead", Record.SKILLS, Kind.VIEW),
    "api:v1:goals-list": ("none", "lead", Record.PLAN, Kind.VIEW),
    "api:v1:enrollments-list": ("none", "lead", Record.TRAINING, Kind.VIEW),
}

OWN = "shows the viewer their own records only"
FORM = "a form or an action on a record: what it shows was audited where the record is opened"
OVERVIEW = "an overview across people (counts, shares, a list to choose from); each record is audited where it is opened"
NOTHING_PERSONAL = "shows no person's records"
OWN_WRITING = "the author's own note, shown to its author for changing it"
DIRECTORY = "the directory (names, e-mail addresses, teams), not a person's records"
SHARED_BY_TWO = (
    "a one-on-one of the viewer's own: only its two people (lead and agent) ever open it, and each "
    "sees the other's shared part and never the other's private note"
)

NOT_ABOUT_SOMEONE_ELSE = {
    "home": NOTHING_PERSONAL,
    "me": OWN,
    "lead_dashboard": OVERVIEW,
    "hr_overview": OVERVIEW,
    "healthz": NOTHING_PERSONAL,
    "healthz_live": NOTHING_PERSONAL,
    "metrics": NOTHING_PERSONAL,
    "set_language": NOTHING_PERSONAL,
    "login": NOTHING_PERSONAL,
    "logout": NOTHING_PERSONAL,
    "password_change": OWN,
    "password_change_done": OWN,
    "password_reset": NOTHING_PERSONAL,
    "password_reset_done": NOTHING_PERSONAL,
    "password_reset_confirm": OWN,
    "password_reset_complete": NOTHING_PERSONAL,
    "security:setup": OWN,
    "security:setup_qr": OWN,
    "security:verify": OWN,
    "security:keepalive": NOTHING_PERSONAL,
    "people:team_detail": OVERVIEW,
    "notifications:list": OWN,
    "notifications:open": OWN,
    "notifications:read_all": OWN,
    "skills:team_matrix": OVERVIEW,
    "skills:site_matrix": OVERVIEW,
    "skills:site_mix": OVERVIEW,
    "skills:site_mix_csv": OVERVIEW,
    "skills:site_mix_xlsx": OVERVIEW,
    "skills:my_career": OWN,
    "skills:career_wish_delete": OWN,
    "skills:career_wishes": OVERVIEW,
    "plans:goal_create": FORM,
    "plans:action_create": FORM,
    "plans:action_complete": FORM,
    "plans:plan_start": FORM,
    "plans:plan_close": FORM,
    "plans:goal_edit": FORM,
    "plans:goal_accept": FORM,
    "plans:goal_status": FORM,
    "plans:goal_progress": FORM,
    "training:catalogue": NOTHING_PERSONAL,
    "training:session": OVERVIEW,
    "training:request": FORM,
    "training:enrollment_action": FORM,
    "training:confirm_ratings": FORM,
    "training:needs": OVERVIEW,
    "training:new_hire": FORM,
    "training:mentor_suggestions": OVERVIEW,
    "training:pairing_end": FORM,
    "training:calendar": OWN,
    "training:feed": OWN,
    "kpis:imports": NOTHING_PERSONAL,
    "kpis:team": OVERVIEW,
    "kpis:import_detail": NOTHING_PERSONAL,
    "kpis:import_status": NOTHING_PERSONAL,
    "kpis:import_link": FORM,
    "kpis:import_confirm": FORM,
    "kpis:import_remap": FORM,
    "kpis:import_errors": NOTHING_PERSONAL,
    "qa:home": OVERVIEW,
    "qa:evaluation_start": FORM,
    "qa:evaluation_share": FORM,
    "qa:evaluation_acknowledge": OWN,
    "qa:dispute_raise": OWN,
    "qa:goal_from_question": FORM,
    "qa:dispute_decide": FORM,
    "qa:calibrations": OVERVIEW,
    "qa:disputes": OVERVIEW,
    "qa:hr_figures": OVERVIEW,
    "qa:calibration_create": FORM,
    "qa:scorecards": NOTHING_PERSONAL,
    "qa:scorecard": NOTHING_PERSONAL,
    "qa:scorecard_create": NOTHING_PERSONAL,
    "qa:scorecard_edit": NOTHING_PERSONAL,
    "qa:evaluation_delete": FORM,
    "qa:evaluation_feedback": FORM,
    "qa:sample_replace": FORM,
    "qa:sampling": OVERVIEW,
    "qa:calibration": OVERVIEW,
    "qa:calibration_reveal": FORM,
    "qa:calibration_benchmark": FORM,
    "feedback:inbox": OVERVIEW,
    "feedback:note_create": FORM,
    "feedback:note_edit": OWN_WRITING,
    "feedback:note_share": FORM,
    "feedback:note_deliver": OWN_WRITING,
    "feedback:note_correct": OWN_WRITING,
    "feedback:note_acknowledge": OWN,
    "feedback:upward_give": OWN,
    "feedback:upward_received": OVERVIEW,
    "feedback:upward_by_lead": OVERVIEW,
    "reviews:team_completion": OVERVIEW,
    "reviews:start": FORM,
    "reviews:share": FORM,
    "reviews:request_self": FORM,
    "reviews:self_assess": OWN,
    "reviews:acknowledge": OWN,
    "reports:exports": NOTHING_PERSONAL,
    "objectives:list": OVERVIEW,
    "objectives:create": NOTHING_PERSONAL,
    "objectives:csv": OVERVIEW,
    "objectives:xlsx": OVERVIEW,
    "objectives:mine": OWN,
    "objectives:detail": OVERVIEW,
    "objectives:edit": NOTHING_PERSONAL,
    "objectives:confirm": OWN,
    "objectives:publish": NOTHING_PERSONAL,
    "objectives:team_create": NOTHING_PERSONAL,
    "objectives:team_objective": OVERVIEW,
    "objectives:team_edit": NOTHING_PERSONAL,
    "objectives:agree": NOTHING_PERSONAL,
    "objectives:report": NOTHING_PERSONAL,
    "objectives:propose": OWN,
    "objectives:answer": FORM,
    "objectives:link_goal": OWN,
    "briefings:list": NOTHING_PERSONAL,
    "briefings:create": NOTHING_PERSONAL,
    "briefings:detail": OVERVIEW,
    "briefings:edit": NOTHING_PERSONAL,
    "briefings:publish": NOTHING_PERSONAL,
    "briefings:attachment": NOTHING_PERSONAL,
    "briefings:acknowledge": OWN,
    "briefings:mark_read": OWN,
    "briefings:ask": OWN,
    "briefings:answer": FORM,
    "briefings:meetings": OVERVIEW,
    "briefings:meeting_create": FORM,
    "audit:list": OVERVIEW,
    "audit:export": OVERVIEW,
    "audit:seen_my_data": OWN,
    "privacy:my_data": OWN,
    "privacy:my_copy_json": OWN,
    "privacy:my_copy_pdf": OWN,
    "privacy:hr_people": OVERVIEW,
    "privacy:hr_person_requests": (
        "shows the status of a person's requests for a copy, never its content; recording one is "
        "audited as 'recorded a request for' (tests/privacy/test_data_export.py)"
    ),
    "privacy:note_statement": OWN,
    "privacy:review_statement": OWN,
    "privacy:works_council": NOTHING_PERSONAL,
    "privacy:register": NOTHING_PERSONAL,
    "privacy:register_md": NOTHING_PERSONAL,
    "privacy:register_pdf": NOTHING_PERSONAL,
    "api:docs": NOTHING_PERSONAL,
    "api:redoc": NOTHING_PERSONAL,
    "api:schema": NOTHING_PERSONAL,
    "api:not_found": NOTHING_PERSONAL,
    "api:tokens": OWN,
    "api:token_revoke": OWN,
    "api:integrations": NOTHING_PERSONAL,
    "api:group_mappings": NOTHING_PERSONAL,
    "api:group_mapping_delete": NOTHING_PERSONAL,
    "api:v1:people-list": DIRECTORY,
    "api:v1:people-detail": DIRECTORY,
    "api:v1:people-upsert": DIRECTORY,
    "api:v1:teams-list": DIRECTORY,
    "api:v1:teams-detail": DIRECTORY,
    "api:v1:teams-upsert": DIRECTORY,
    "api:v1:key-figures-bulk": FORM,
    "api:v1:skills-list": NOTHING_PERSONAL,
    "api:v1:courses-list": NOTHING_PERSONAL,
    "api:v1:briefings-list": NOTHING_PERSONAL,
    "api:v1:briefing-acknowledgements-list": OVERVIEW,
    "api:scim_users": DIRECTORY,
    "api:scim_user": DIRECTORY,
    "api:scim_groups": DIRECTORY,
    "api:scim_group": DIRECTORY,
    "api:scim_service_provider_config": NOTHING_PERSONAL,
    "api:sso_oidc_start": NOTHING_PERSONAL,
    "api:sso_oidc_callback": NOTHING_PERSONAL,
    "one_on_ones:list": SHARED_BY_TWO,
    "one_on_ones:series_create": FORM,
    "one_on_ones:meeting": SHARED_BY_TWO,
    "one_on_ones:point_add": FORM,
    "one_on_ones:template_apply": FORM,
    "one_on_ones:point_done": FORM,
    "one_on_ones:point_edit": FORM,
    "one_on_ones:point_delete": FORM,
    "one_on_ones:note_edit": FORM,
    "one_on_ones:note_delete": FORM,
    "one_on_ones:action_edit": FORM,
    "one_on_ones:action_delete": FORM,
    "one_on_ones:note_add": FORM,
    "one_on_ones:private_note": OWN_WRITING,
    "one_on_ones:action_add": FORM,
    "one_on_ones:action_done": FORM,
    "one_on_ones:move": FORM,
    "one_on_ones:extra": FORM,
    "one_on_ones:finish": FORM,
    "api:sso_saml_login": NOTHING_PERSONAL,
    "api:sso_saml_acs": NOTHING_PERSONAL,
    "api:sso_saml_metadata": NOTHING_PERSONAL,
    "api:sso_saml_logout": NOTHING_PERSONAL,
    "api:sso_saml_ls": NOTHING_PERSONAL,
    # webhooks: subscriptions and their delivery log name events and record ids, never a record
    "api:webhooks": NOTHING_PERSONAL,
    "api:webhook_log": NOTHING_PERSONAL,
    "api:webhook_end": FORM,
    "api:webhook_resend": FORM,
}
# The owner opens these pages about themselves: no event may be written.
OPENED_BY_THE_OWNER = [
    "me",
    "agent_detail",
    "feedback:note_detail",
    "feedback:agent_notes",
    "reviews:detail",
    "plans:plan_history",
    "training:pairing",
    "skills:rate",
    "skills:my_career",
    "privacy:my_data",
    "privacy:my_copy_json",
    "privacy:my_copy_pdf",
    "audit:seen_my_data",
]
# Record kinds of the world that the owner-only pages above are called with.
OWN_RECORD = {
    "feedback:note_detail": "shared_note",
    "reviews:detail": "shared_review",
    "training:pairing": "pairing",
    "privacy:my_copy_json": "data_copy",
    "privacy:my_copy_pdf": "data_copy",
}


def site_urls() -> set[str]:
    return {
        name for name in url_names(get_resolver().url_patterns) if not name.startswith("admin:")
    }


def test_every_url_is_classified():
    classified = set(AUDITED) | set(NOT_ABOUT_SOMEONE_ELSE)
    assert site_urls() - classified == set(), "URLs the audit test does not know: classify them"
    assert classified - site_urls() == set(), "classified URLs that no longer exist"
    assert set(AUDITED) & set(NOT_ABOUT_SOMEONE_ELSE) == set()


def _url(world, name, record) -> str:
    row = next(r for r in ROWS if r.name == name and r.record == record)
    return reverse(name, kwargs={**world.kwargs[record], **row.extra}) + row.query


def _get(world, role, url):
    if url.startswith("/api/v1/"):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {world.tokens[role]}")
    else:
        client = Client()
        client.force_login(world.users[role])
    response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)
    return response


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module inside a transaction that is rolled back at the end; each test rolls
    back its own changes too."""
    with (
        django_db_blocker.unblock(),
        time_machine.travel(NOW, tick=False),
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
        transaction.atomic(),
    ):
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture
def at_now(world, db):
    """The world's clock, and every change a test makes rolled back."""
    with time_machine.travel(NOW, tick=False), transaction.atomic():
        AccessEvent.objects.all().delete()
        yield world
        transaction.set_rollback(True)


@pytest.mark.parametrize("name", sorted(AUDITED))
def test_showing_a_persons_records_to_someone_else_writes_an_access_event(at_now, name):
    world = at_now
    record, role, what, kind = AUDITED[name]
    response = _get(world, role, _url(world, name, record))
    assert response.status_code == 200, response.status_code
    events = AccessEvent.objects.filter(actor=world.users[role])
    assert events.exists(), f"{name} showed records to {role} and wrote no access event"
    assert {(e.record, e.kind) for e in events} == {(what, kind)}
    assert world.users["owner"].pk in {e.subject_id for e in events}


@pytest.mark.parametrize("name", OPENED_BY_THE_OWNER)
def test_opening_ones_own_records_writes_no_access_event(at_now, name):
    world = at_now
    record = OWN_RECORD.get(name, "owner" if name in AUDITED else "none")
    response = _get(world, "owner", _url(world, name, record))
    assert response.status_code == 200, response.status_code
    assert not AccessEvent.objects.exists()


def _admin_client(world) -> Client:
    client = Client()
    client.force_login(world.users["admin"])
    return client


@pytest.mark.parametrize(
    "model,path",
    [(CoachingNote, "agent"), (SkillRating, "agent"), (DevelopmentPlan, "agent")],
    ids=["note", "rating", "plan"],
)
def test_deleting_a_persons_record_in_the_admin_is_audited(at_now, model, path):
    world = at_now
    record = model.objects.filter(**{path: world.users["owner"]}).first()
    assert record is not None, "the world holds such a record about the owner"
    opts = model._meta
    response = _admin_client(world).post(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[record.pk]),
        {"post": "yes"},
    )
    assert response.status_code == 302
    assert not model.objects.filter(pk=record.pk).exists()
    event = AccessEvent.objects.get()
    assert (event.subject_id, event.kind, event.record) == (
        world.users["owner"].pk,
        Kind.DELETE,
        Record.ADMIN,
    )
    assert event.object_id == str(record.pk)
