"""The authorization matrix: every URL, every role, GET and POST, against a table of expected answers.

The test walks Django's URL resolver, so a new URL without a row here fails
`test_every_url_has_a_row`. To add a URL, add one row to ROWS:

    R("app:name", "record kind", get=..., post=...)

- the record kind names the object the URL is called with (see `tests/authorization_world.py`;
  "none" for URLs without arguments); a URL may have several rows, one per record kind;
- `get` and `post` map every role to the expected answer; build them with the helpers below,
  e.g. `only("owner", "lead")` (200 for those two, 404 for every other signed-in user, the sign-in
  page for anonymous visitors) or `answers(NOT_ALLOWED)`; override single roles with `| {"hr": OK}`;
- a POST-only action (a button) is one line: `action("app:name", "record kind", "owner", "lead")`
  (405 on GET; a redirect after the POST for the roles named, 404 for every other signed-in user);
- `data` (a function of the world) is what a POST sends besides the confirmation that the confirm step
  asks for (so a POST is the confirmed action itself); `query` is appended to the URL.

Every request runs in a savepoint that is rolled back, so no answer changes the world of the next.
The Django admin is one group with its own expectations (`test_the_admin_is_for_admins_only`).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
import time_machine
from django.conf import settings
from django.contrib import admin
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from core.confirmation import FIELD as CONFIRMATION_FIELD
from core.confirmation import GIVEN as CONFIRMATION_GIVEN

from .authorization_world import NOW, ROLES, build_world

OK, CREATED, FOUND, BAD, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, NOT_ALLOWED = (
    200,
    201,
    302,
    400,
    401,
    403,
    404,
    405,
)
LOGIN = "sign-in page"  # a redirect to the sign-in page
ADMIN_LOGIN = "admin sign-in page"

AGENTS = ("owner", "teammate", "outsider", "mentor", "former_mentor")
LEADS = ("lead", "other_lead", "former_lead")
HR = ("hr", "admin")
SIGNED_IN = ROLES[1:]
CONFIRMED = {CONFIRMATION_FIELD: CONFIRMATION_GIVEN}


def answers(default, *, anonymous=LOGIN, **by_role) -> dict:
    """`default` for every signed-in role unless named; anonymous visitors go to the sign-in page."""
    unknown = set(by_role) - set(SIGNED_IN)
    assert not unknown, f"unknown roles {unknown}"
    return {"anonymous": anonymous, **dict.fromkeys(SIGNED_IN, default), **by_role}


def only(*roles, status=OK, anonymous=LOGIN) -> dict:
    """`status` for the listed roles; every other signed-in user gets 404, as if the page did not exist."""
    return answers(NOT_FOUND, anonymous=anonymous, **dict.fromkeys(roles, status))


@dataclass(frozen=True)
class Row:
    name: str
    record: str
    get: dict
    post: dict
    data: Callable | None = None
    query: str = ""
    extra: dict = field(default_factory=dict)
    api: dict | None = None  # the third way in: each role's personal API token (a REST endpoint)
    api_method: str = "GET"

    @property
    def id(self) -> str:
        return f"{self.name}[{self.record}]"


def R(name, record="none", *, get, post, data=None, query="", api=None, api_method="GET", **extra):
    return Row(name, record, get, post, data, query, extra, api, api_method)


def action(name, record, *roles, data=None) -> Row:
    """A POST-only action (a button): GET answers 405; a POST by the listed roles does it and is
    redirected (302), every other signed-in user gets 404, anonymous visitors the sign-in page."""
    return R(name, record, get=answers(NOT_ALLOWED), post=only(*roles, status=FOUND), data=data)


# REST endpoints answer only to tokens: a session (the pages' way in) is no credential there.
NO_SESSION = answers(UNAUTHENTICATED, anonymous=UNAUTHENTICATED)


def A(name, record="none", *, api, method="GET", data=None) -> Row:
    """A REST endpoint: `api` maps every role to the answer its personal read-write token gets."""
    return R(name, record, get=NO_SESSION, post=NO_SESSION, api=api, api_method=method, data=data)


def by_token(*roles, status=OK) -> dict:
    """`status` for the listed roles' tokens, 404 for every other token, 401 without one."""
    return answers(NOT_FOUND, anonymous=UNAUTHENTICATED, **dict.fromkeys(roles, status))


def writers(*roles, status=OK) -> dict:
    """A write only the listed roles may make: 403 for every other token, 401 without one."""
    return answers(FORBIDDEN, anonymous=UNAUTHENTICATED, **dict.fromkeys(roles, status))


def confirmed(**fields):
    """POST data for an action behind a confirm step (core/confirmation.py), already confirmed."""
    return lambda world: {**CONFIRMED, **fields}


def _today(world) -> str:
    from django.utils import timezone

    return timezone.localdate().isoformat()


ROWS = [
    # portal
    R("home", get=answers(FOUND), post=answers(FOUND)),
    R("me", get=only(*AGENTS), post=only(*AGENTS)),
    R("agent_detail", "owner", get=only("owner", "lead", *HR), post=only("owner", "lead", *HR)),
    R("lead_dashboard", get=only(*LEADS), post=only(*LEADS)),
    R("hr_overview", get=only(*HR), post=only(*HR)),
    R("healthz", get=answers(OK, anonymous=OK), post=answers(OK, anonymous=OK)),
    R("healthz_live", get=answers(OK, anonymous=OK), post=answers(OK, anonymous=OK)),
    R(
        "metrics",
        get=answers(NOT_FOUND, anonymous=NOT_FOUND),
        post=answers(NOT_FOUND, anonymous=NOT_FOUND),
    ),
    R(
        "set_language",
        get=answers(NOT_ALLOWED, anonymous=NOT_ALLOWED),
        post=answers(FOUND, anonymous=FOUND),
        data=lambda w: {"language": "de", "next": "/"},
    ),
    # sign-in and passwords (Django's views)
    R("login", get=answers(FOUND, anonymous=OK), post=answers(FOUND, anonymous=OK)),
    R(
        "logout",
        get=answers(NOT_ALLOWED, anonymous=NOT_ALLOWED),
        post=answers(LOGIN, anonymous=LOGIN),
    ),
    R("password_change", get=answers(OK), post=answers(OK)),
    R("password_change_done", get=answers(OK), post=answers(NOT_ALLOWED)),
    R("password_reset", get=answers(OK, anonymous=OK), post=answers(OK, anonymous=OK)),
    R(
        "password_reset_done",
        get=answers(OK, anonymous=OK),
        post=answers(NOT_ALLOWED, anonymous=NOT_ALLOWED),
    ),
    R(
        "password_reset_confirm",
        "reset_link",
        get=answers(OK, anonymous=OK),
        post=answers(OK, anonymous=OK),
    ),
    R(
        "password_reset_complete",
        get=answers(OK, anonymous=OK),
        post=answers(NOT_ALLOWED, anonymous=NOT_ALLOWED),
    ),
    # two-factor sign-in: everyone signed in sets up their own authenticator; without one there is nothing to verify
    R("security:setup", get=answers(OK), post=answers(BAD)),
    R("security:setup_qr", get=answers(OK), post=answers(OK)),
    R("security:verify", get=answers(FOUND), post=answers(FOUND)),
    # the idle clock's "stay signed in": activity for the signed-in, 401 for an ended session
    R(
        "security:keepalive",
        get=answers(NOT_ALLOWED, anonymous=NOT_ALLOWED),
        post=answers(OK, anonymous=UNAUTHENTICATED),
    ),
    # people
    R("people:team_detail", "team", get=only("lead", *HR), post=only("lead", *HR)),
    # notifications
    R("notifications:list", get=answers(OK), post=answers(OK)),
    action("notifications:open", "notification", "owner"),
    R("notifications:read_all", get=answers(NOT_ALLOWED), post=answers(FOUND)),
    # skills: ratings, matrix, career wishes
    R("skills:rate", "owner", get=only("owner", "lead"), post=only("owner", "lead", status=FOUND)),
    R("skills:team_matrix", "team", get=only("lead", *HR), post=only("lead", *HR)),
    R("skills:team_matrix_csv", "team", get=only("lead", *HR), post=only("lead", *HR)),
    R("skills:site_matrix", get=only(*LEADS, *HR), post=only(*LEADS, *HR)),
    R("skills:site_mix", get=only(*HR), post=only(*HR)),
    R("skills:site_mix_csv", get=only(*HR), post=only(*HR)),
    R("skills:site_mix_xlsx", get=only(*HR), post=only(*HR)),
    R("skills:my_career", get=only(*AGENTS), post=only(*AGENTS)),
    R(
        "skills:career_wish_delete",
        "career_wish",
        get=only("owner"),
        post=only("owner", status=FOUND),
    ),
    R("skills:career_wishes", get=only(*LEADS, *HR), post=only(*LEADS, *HR)),
    # plans and goals
    R("plans:goal_create", "owner", get=only("owner", "lead"), post=only("owner", "lead")),
    R("plans:action_create", "owner", get=only("owner", "lead"), post=only("owner", "lead")),
    R(
        "plans:plan_history",
        "owner",
        get=only("owner", "lead", *HR),
        post=only("owner", "lead", *HR),
    ),
    action("plans:plan_start", "owner", "lead"),
    R("plans:plan_close", "plan", get=only("lead"), post=only("lead", status=FOUND)),
    R("plans:goal_edit", "goal", get=only("lead"), post=only("lead")),
    action("plans:goal_accept", "goal", "lead"),
    action("plans:goal_status", "goal", "lead"),
    action("plans:goal_progress", "goal", "owner", "lead"),
    action("plans:action_complete", "action", "owner", "lead", data=confirmed()),
    # training, enrollments, mentoring, calendar
    R("training:catalogue", get=answers(OK), post=answers(OK)),
    R("training:session", "session", get=answers(OK), post=answers(OK)),
    action("training:request", "session", *AGENTS),
    R("training:confirm_ratings", "enrollment", get=only("lead"), post=only("lead")),
    R(
        "training:enrollment_action",
        "enrollment",
        get=answers(NOT_ALLOWED),
        post=only("lead", status=FOUND),
        action="cancel",
        data=confirmed(),
    ),
    R("training:needs", get=only(*LEADS, *HR), post=only(*LEADS, *HR)),
    R("training:new_hire", get=only(*LEADS, *HR), post=only(*LEADS, *HR)),
    R(
        "training:mentor_suggestions",
        "owner",
        get=only("lead", *HR),
        post=only("lead", *HR, status=FOUND),
        data=lambda w: {"mentor": w.users["teammate"].pk, "purpose": "skill"},
    ),
    R(
        "training:pairing",
        "pairing",
        get=only("owner", "mentor", "lead", *HR),
        post=only("lead", *HR) | {"owner": FOUND, "mentor": FOUND},
        data=lambda w: {"held_on": _today(w), "note": "We talked"},
    ),
    R(
        "training:pairing",
        "ended_pairing",
        get=only("owner", "lead", *HR),
        post=only("owner", "lead", *HR) | {"owner": FOUND},
        data=lambda w: {"held_on": _today(w), "note": "After the end"},
    ),
    action("training:pairing_end", "pairing", "owner", "lead", data=confirmed(rating="5")),
    action("training:pairing_end", "ended_pairing", "owner", "lead", data=confirmed(rating="1")),
    R("training:calendar", get=answers(OK), post=answers(FOUND), data=confirmed()),
    R(
        "training:feed",
        "calendar_feed",
        get=answers(OK, anonymous=OK),
        post=answers(OK, anonymous=OK),
    ),
    # key figures
    R("kpis:imports", get=only(*HR), post=only(*HR)),
    R("kpis:team", "team", get=only("lead", *HR), post=only("lead", *HR)),
    R("kpis:import_detail", "kpi_import", get=only(*HR), post=only(*HR)),
    R("kpis:import_status", "kpi_import", get=only(*HR), post=only(*HR)),
    action("kpis:import_link", "kpi_import", *HR),
    action("kpis:import_confirm", "kpi_import", *HR),
    action("kpis:import_remap", "kpi_import", *HR),
    R("kpis:import_errors", "kpi_import", get=only(*HR), post=only(*HR)),
    # coaching notes: a private note belongs to its author alone
    R("feedback:inbox", get=only(*LEADS), post=only(*LEADS)),
    R("feedback:note_create", get=only(*LEADS), post=only(*LEADS)),
    R("feedback:note_detail", "private_note", get=only("lead"), post=only("lead")),
    R(
        "feedback:note_detail",
        "shared_note",
        get=only("owner", "lead", *HR),
        post=only("owner", "lead", *HR),
    ),
    R(
        "feedback:note_detail",
        "former_leads_private_note",
        get=only("former_lead"),
        post=only("former_lead"),
    ),
    R("feedback:note_edit", "private_note", get=only("lead"), post=only("lead")),
    R("feedback:note_edit", "shared_note", get=only("lead"), post=only("lead")),
    R("feedback:note_edit", "former_leads_private_note", get=only(), post=only()),
    action("feedback:note_share", "private_note", "lead", data=confirmed()),
    R("feedback:note_share", "former_leads_private_note", get=answers(NOT_ALLOWED), post=only()),
    R("feedback:note_deliver", "private_note", get=only("lead"), post=only("lead")),
    R("feedback:note_deliver", "shared_note", get=only("lead"), post=only("lead")),
    R(
        "feedback:note_correct",
        "shared_note",
        get=only("lead", status=FOUND),
        post=only("lead", status=FOUND),
    ),
    R(
        "feedback:note_correct",
        "private_note",
        get=only("lead", status=FOUND),
        post=only("lead", status=FOUND),
    ),
    R("feedback:note_correct", "former_leads_private_note", get=only(), post=only()),
    action("feedback:note_acknowledge", "shared_note", "owner"),
    R("feedback:note_acknowledge", "private_note", get=answers(NOT_ALLOWED), post=only()),
    R(
        "feedback:agent_notes",
        "owner",
        get=only("owner", "lead", *HR),
        post=only("owner", "lead", *HR),
    ),
    # upward feedback
    R("feedback:upward_give", get=only(*AGENTS), post=only(*AGENTS)),
    R("feedback:upward_received", get=only(*LEADS), post=only(*LEADS)),
    R("feedback:upward_by_lead", get=only(*HR), post=only(*HR)),
    # quality evaluations: a draft is its evaluator's alone; shared ones the agent, their lead and HR see;
    # with arbitration someone other than the evaluator (here HR) decides a dispute
    R("qa:home", get=only(*LEADS, *HR), post=only(*LEADS, *HR)),
    R("qa:evaluation_start", get=only(*LEADS), post=only(*LEADS)),
    R("qa:evaluation", "qa_draft", get=only("lead"), post=only("lead", status=FOUND)),
    R("qa:evaluation", "qa_shared", get=only("owner", "lead", *HR), post=only()),
    action("qa:evaluation_share", "qa_draft", "lead", data=confirmed()),
    action("qa:evaluation_delete", "qa_draft", "lead", data=confirmed()),
    R("qa:evaluation_delete", "qa_shared", get=answers(NOT_ALLOWED), post=only(), data=confirmed()),
    # the feedback on the improvement items: who may evaluate the agent now (their lead)
    action("qa:evaluation_feedback", "qa_shared", "lead", data=lambda w: {"method": "call"}),
    action("qa:evaluation_acknowledge", "qa_shared", "owner"),
    R("qa:dispute_raise", "qa_question", get=only("owner"), post=only("owner")),
    action("qa:goal_from_question", "qa_question", "lead"),
    action(
        "qa:dispute_decide",
        "qa_dispute",
        *HR,
        data=lambda w: {"outcome": "rejected", "reason": "Stays."},
    ),
    R("qa:disputes", get=only(*LEADS, *HR), post=only(*LEADS, *HR)),
    R("qa:hr_figures", get=only(*HR), post=only(*HR)),
    R("qa:export_csv", get=only(*HR), post=only(*HR)),
    R("qa:export_xlsx", get=only(*HR), post=only(*HR)),
    R("qa:calibrations", get=only(*LEADS, *HR), post=only(*LEADS, *HR)),
    R("qa:calibration_create", get=only(*LEADS, *HR), post=only(*LEADS, *HR)),
    R("qa:scorecards", get=only(*LEADS, *HR), post=only(*LEADS, *HR)),
    R(
        "qa:scorecard",
        "qa_scorecard",
        get=only(*LEADS, *HR),
        post=only(*HR, status=FOUND),
        data=lambda w: {"action": "retire"},
    ),
    # the scorecard editor: HR and QA specialists (leads only where QA_LEADS_MANAGE_SCORECARDS allows)
    R("qa:scorecard_create", get=only(*HR), post=only(*HR)),
    R("qa:scorecard_edit", "qa_scorecard", get=only(*HR), post=only(*HR)),
    R("qa:sampling", get=only(*LEADS, *HR), post=only(*LEADS)),
    # only whoever made the draw replaces an interaction of it (HR see the draw, they do not change it)
    R("qa:sample_replace", "qa_sample_item", get=only("lead"), post=only("lead")),
    R("qa:draw", "qa_draw", get=only("lead", *HR), post=only("lead", *HR)),
    R(
        "qa:calibration",
        "qa_calibration",
        get=only("lead", "other_lead", *HR),
        post=only("lead", "other_lead"),
    ),
    action("qa:calibration_reveal", "qa_calibration", "lead", data=confirmed()),
    R("qa:calibration_benchmark", "qa_calibration", get=answers(NOT_ALLOWED), post=only()),
    # quarterly reviews: a draft belongs to its reviewer alone
    R("reviews:team_completion", "team", get=only("lead", *HR), post=only("lead", *HR)),
    action("reviews:start", "owner", "lead"),
    R("reviews:detail", "draft_review", get=only("lead"), post=only("lead")),
    R(
        "reviews:detail",
        "shared_review",
        get=only("owner", "lead", *HR),
        post=only("owner", "lead", *HR),
    ),
    R("reviews:edit", "draft_review", get=only("lead"), post=only("lead")),
    R("reviews:edit", "shared_review", get=only("lead"), post=only("lead")),
    action("reviews:share", "draft_review", "lead", data=confirmed()),
    action("reviews:request_self", "draft_review", "lead", data=confirmed()),
    R(
        "reviews:self_assess",
        "draft_review",
        get=only("owner"),
        post=only("owner", status=FOUND),
        data=lambda w: {"self_assessment": "A calmer quarter"},
    ),
    action("reviews:acknowledge", "shared_review", "owner"),
    # HR exports: shared and acknowledged reviews only
    R("reports:exports", get=only(*HR), post=only(*HR)),
    R("reports:reviews_csv", get=only(*HR), post=only(*HR), query="?quarter=2026-Q1"),
    R("reports:reviews_xlsx", get=only(*HR), post=only(*HR), query="?quarter=2026-Q1"),
    R("reports:reviews_pdf", get=only(*HR), post=only(*HR), query="?quarter=2026-Q1"),
    R("reports:review_pdf", "shared_review", get=only(*HR), post=only(*HR)),
    R("reports:review_pdf", "draft_review", get=only(), post=only()),
    # team briefings
    R("briefings:list", get=answers(OK), post=answers(OK)),
    R("briefings:create", get=only(*HR), post=only(*HR)),
    R(
        "briefings:detail",
        "briefing",
        get=only("owner", "teammate", "lead", *HR),
        post=only("owner", "teammate", "lead", *HR),
    ),
    R("briefings:edit", "briefing", get=only(*HR), post=only(*HR)),
    action("briefings:publish", "briefing", *HR, data=confirmed()),
    action("briefings:acknowledge", "briefing", "owner", "teammate"),
    action("briefings:mark_read", "briefing", "owner", "teammate"),
    action("briefings:ask", "briefing", "owner", "teammate"),
    R(
        "briefings:attachment",
        "attachment",
        get=only("owner", "teammate", "lead", *HR),
        post=only("owner", "teammate", "lead", *HR),
    ),
    action("briefings:answer", "question", "lead"),
    R("briefings:meetings", "team", get=only("lead", *HR), post=only("lead", *HR)),
    R("briefings:meeting_create", "team", get=only("lead"), post=only("lead")),
    # service objectives: HR writes and agrees; the team's lead proposes its part and answers its
    # proposals; the team's agents read the agreed part, propose and link their goals
    R(
        "objectives:list",
        get=only("lead", "other_lead", "former_lead", *HR),
        post=only("lead", "other_lead", "former_lead", *HR),
    ),
    R("objectives:create", get=only(*HR), post=only(*HR)),
    R("objectives:csv", get=only(*HR), post=only(*HR)),
    R("objectives:xlsx", get=only(*HR), post=only(*HR)),
    R("objectives:mine", get=only(*AGENTS), post=only(*AGENTS)),
    R("objectives:detail", "objective", get=answers(OK), post=answers(OK)),
    R("objectives:detail", "objective_draft", get=only(*HR), post=only(*HR)),
    R("objectives:edit", "objective_draft", get=only(*HR), post=only(*HR)),
    action("objectives:publish", "objective_draft", *HR, data=confirmed()),
    # every agent confirms having read a published objective; a draft nobody
    action("objectives:confirm", "objective", *AGENTS, data=confirmed()),
    R(
        "objectives:confirm",
        "objective_draft",
        get=answers(NOT_ALLOWED),
        post=only(),
        data=confirmed(),
    ),
    R("objectives:team_create", "objective", get=only(*LEADS), post=only(*LEADS)),
    R("objectives:team_create", "objective_draft", get=only(), post=only()),
    R(
        "objectives:team_objective",
        "team_objective",
        get=only("owner", "teammate", "lead", *HR),
        post=only("owner", "teammate", "lead", *HR),
    ),
    R("objectives:team_edit", "team_objective", get=only(), post=only()),
    action("objectives:agree", "team_objective", *HR),
    action("objectives:report", "team_objective", "lead"),
    action(
        "objectives:propose",
        "team_objective",
        "owner",
        "teammate",
        data=lambda w: {"text": "Customers often ask about invoices"},
    ),
    action(
        "objectives:answer",
        "proposal",
        "lead",
        data=lambda w: {"answer": "taken_up", "reason": "Good idea"},
    ),
    action("objectives:link_goal", "goal", "owner"),
    # one-on-ones: only their two people; a former lead's meetings stay readable to their two people
    R("one_on_ones:list", get=only(*AGENTS, *LEADS), post=only(*AGENTS, *LEADS)),
    R("one_on_ones:series_create", get=only(*LEADS), post=only(*LEADS)),
    R("one_on_ones:meeting", "one_on_one", get=only("owner", "lead"), post=only("owner", "lead")),
    R(
        "one_on_ones:meeting",
        "former_leads_one_on_one",
        get=only("owner", "former_lead"),
        post=only("owner", "former_lead"),
    ),
    action(
        "one_on_ones:point_add",
        "one_on_one",
        "owner",
        "lead",
        data=lambda w: {"text": "Shift plan"},
    ),
    R(
        "one_on_ones:point_add",
        "former_leads_one_on_one",
        get=answers(NOT_ALLOWED),
        post=only(),
        data=lambda w: {"text": "After the change"},
    ),
    action(
        "one_on_ones:template_apply",
        "one_on_one",
        "owner",
        "lead",
        data=lambda w: {"template": "check_in"},
    ),
    action(
        "one_on_ones:point_done", "one_on_one_point", "owner", "lead", data=lambda w: {"done": "1"}
    ),
    action(
        "one_on_ones:note_add",
        "one_on_one",
        "owner",
        "lead",
        data=lambda w: {"note-text": "We agreed"},
    ),
    action(
        "one_on_ones:private_note",
        "one_on_one",
        "owner",
        "lead",
        data=lambda w: {"private-text": "Mine alone"},
    ),
    action(
        "one_on_ones:action_add",
        "one_on_one",
        "owner",
        "lead",
        data=lambda w: {
            "action-text": "Ask",
            "action-owner": w.users["owner"].pk,
            "action-due_on": "",
        },
    ),
    action("one_on_ones:action_done", "one_on_one_action", "owner", "lead"),
    # one's own talking point, shared note or action item: its writer alone changes or deletes it
    R(
        "one_on_ones:point_edit",
        "one_on_one_point",
        get=only("owner"),
        post=only("owner", status=FOUND),
        data=lambda w: {"text": "Night and weekend shifts"},
    ),
    action("one_on_ones:point_delete", "one_on_one_point", "owner", data=confirmed()),
    R(
        "one_on_ones:note_edit",
        "one_on_one_note",
        get=only("lead"),
        post=only("lead", status=FOUND),
        data=lambda w: {"note-text": "We agreed on the chat training"},
    ),
    action("one_on_ones:note_delete", "one_on_one_note", "lead", data=confirmed()),
    R(
        "one_on_ones:action_edit",
        "one_on_one_action",
        get=only("lead"),
        post=only("lead", status=FOUND),
        data=lambda w: {
            "action-text": "Book the chat training in January",
            "action-owner": w.users["owner"].pk,
            "action-due_on": "",
        },
    ),
    action("one_on_ones:action_delete", "one_on_one_action", "lead", data=confirmed()),
    R("one_on_ones:move", "one_on_one", get=only("owner", "lead"), post=only("owner", "lead")),
    R("one_on_ones:move", "former_leads_one_on_one", get=only(), post=only()),
    R("one_on_ones:extra", "one_on_one", get=only("owner"), post=only("owner")),
    action("one_on_ones:finish", "one_on_one", "owner", "lead", data=confirmed()),
    R(
        "one_on_ones:finish",
        "former_leads_one_on_one",
        get=answers(NOT_ALLOWED),
        post=only(),
        data=confirmed(),
    ),
    # access audit: HR and admins browse it; everyone sees who opened their own records
    R("audit:list", get=only(*HR), post=answers(NOT_ALLOWED)),
    R("audit:export", get=only(*HR), post=answers(NOT_ALLOWED)),
    R("audit:seen_my_data", get=answers(OK), post=answers(NOT_ALLOWED)),
    # data protection: one's own copy, statements on shared records, HR's copies, the register
    # a copy of personal data: everyone asks for their own; HR records a request and follows its
    # status; the copy is its person's alone (what it holds: COPY_CONTENT below)
    R("privacy:my_data", get=answers(OK), post=answers(FOUND)),
    R("privacy:my_copy_json", "data_copy", get=only("owner"), post=answers(NOT_ALLOWED)),
    R("privacy:my_copy_pdf", "data_copy", get=only("owner"), post=answers(NOT_ALLOWED)),
    R("privacy:hr_people", get=only(*HR), post=answers(NOT_ALLOWED)),
    R(
        "privacy:hr_person_requests",
        "owner",
        get=only(*HR),
        post=only(*HR, status=FOUND),
        data=lambda w: {"received_on": _today(w), "channel": "letter", "reference": "Matrix"},
    ),
    R(
        "privacy:note_statement",
        "shared_note",
        get=only("owner"),
        post=only("owner", status=FOUND),
        data=lambda w: {"text": "My view of it"},
    ),
    R(
        "privacy:note_statement",
        "private_note",
        get=only(),
        post=only(),
        data=lambda w: {"text": "My view"},
    ),
    R(
        "privacy:review_statement",
        "shared_review",
        get=only("owner"),
        post=only("owner", status=FOUND),
        data=lambda w: {"text": "My view of it"},
    ),
    R(
        "privacy:review_statement",
        "draft_review",
        get=only(),
        post=only(),
        data=lambda w: {"text": "My view"},
    ),
    R("privacy:works_council", get=only(*HR), post=answers(NOT_ALLOWED)),
    R("privacy:register", get=answers(OK), post=answers(NOT_ALLOWED)),
    R("privacy:register_md", get=answers(OK), post=answers(NOT_ALLOWED)),
    R("privacy:register_pdf", get=answers(OK), post=answers(NOT_ALLOWED)),
    # the REST API: each role's token sees what the pages show it, writes through the same services
    A("api:v1:people-list", api=answers(OK, anonymous=UNAUTHENTICATED)),
    A("api:v1:people-detail", "owner", api=by_token("owner", "lead", *HR)),
    A(
        "api:v1:people-upsert",
        api=writers(*HR, status=CREATED),
        method="POST",
        data=lambda w: {"external_id": "M-1", "email": "new.person@example.test"},
    ),
    A("api:v1:teams-list", api=answers(OK, anonymous=UNAUTHENTICATED)),
    A("api:v1:teams-detail", "team", api=by_token("lead", *HR)),
    A(
        "api:v1:teams-upsert",
        api=writers(*HR, status=CREATED),
        method="POST",
        data=lambda w: {"external_id": "T-M", "name": "Matrix team"},
    ),
    A("api:v1:key-figures-list", api=answers(OK, anonymous=UNAUTHENTICATED)),
    A("api:v1:key-figures-detail", "kpi_record", api=by_token("owner", "lead")),
    A(
        "api:v1:key-figures-bulk",
        api=writers(*HR),
        method="POST",
        data=lambda w: {
            "source": "matrix",
            "records": [
                {
                    "agent": w.users["owner"].email,
                    "period_start": "2026-06-01",
                    "channel": "phone",
                    "contacts": 41,
                }
            ],
        },
    ),
    A("api:v1:coaching-notes-list", api=answers(OK, anonymous=UNAUTHENTICATED)),
    A("api:v1:coaching-notes-detail", "shared_note", api=by_token("owner", "lead", *HR)),
    A("api:v1:coaching-notes-detail", "private_note", api=by_token()),
    A("api:v1:coaching-notes-detail", "former_leads_private_note", api=by_token()),
    A("api:v1:reviews-list", api=answers(OK, anonymous=UNAUTHENTICATED)),
    A("api:v1:reviews-detail", "shared_review", api=by_token("owner", "lead", *HR)),
    A("api:v1:reviews-detail", "draft_review", api=by_token()),
    A("api:v1:skills-list", api=answers(OK, anonymous=UNAUTHENTICATED)),
    A("api:v1:skill-ratings-list", api=answers(OK, anonymous=UNAUTHENTICATED)),
    A("api:v1:skill-targets-list", api=answers(OK, anonymous=UNAUTHENTICATED)),
    A("api:v1:goals-list", api=answers(OK, anonymous=UNAUTHENTICATED)),
    A("api:v1:courses-list", api=answers(OK, anonymous=UNAUTHENTICATED)),
    A("api:v1:enrollments-list", api=answers(OK, anonymous=UNAUTHENTICATED)),
    A("api:v1:briefings-list", api=answers(OK, anonymous=UNAUTHENTICATED)),
    A("api:v1:briefing-acknowledgements-list", api=answers(OK, anonymous=UNAUTHENTICATED)),
    # provisioning (SCIM) is for integration tokens only: every personal token is refused
    A("api:scim_users", api=writers()),
    A("api:scim_user", "owner", api=writers()),
    A("api:scim_groups", api=writers()),
    A("api:scim_group", "directory_group", api=writers()),
    A("api:scim_service_provider_config", api=writers()),
    # single sign-on: without a configured identity provider its addresses do not exist
    R(
        "api:sso_oidc_start",
        get=answers(NOT_FOUND, anonymous=NOT_FOUND),
        post=answers(NOT_FOUND, anonymous=NOT_FOUND),
    ),
    R(
        "api:sso_oidc_callback",
        get=answers(NOT_FOUND, anonymous=NOT_FOUND),
        post=answers(NOT_FOUND, anonymous=NOT_FOUND),
    ),
    # SAML 2.0: no identity provider configured here, so the addresses do not exist
    R(
        "api:sso_saml_login",
        get=answers(NOT_FOUND, anonymous=NOT_FOUND),
        post=answers(NOT_FOUND, anonymous=NOT_FOUND),
    ),
    R(
        "api:sso_saml_acs",
        get=answers(NOT_FOUND, anonymous=NOT_FOUND),
        post=answers(NOT_FOUND, anonymous=NOT_FOUND),
    ),
    R(
        "api:sso_saml_metadata",
        get=answers(NOT_FOUND, anonymous=NOT_FOUND),
        post=answers(NOT_FOUND, anonymous=NOT_FOUND),
    ),
    R(
        "api:sso_saml_logout",
        get=answers(NOT_FOUND, anonymous=NOT_FOUND),
        post=answers(NOT_FOUND, anonymous=NOT_FOUND),
    ),
    R(
        "api:sso_saml_ls",
        get=answers(NOT_FOUND, anonymous=NOT_FOUND),
        post=answers(NOT_FOUND, anonymous=NOT_FOUND),
    ),
    R(
        "api:not_found",
        "api_path",
        get=answers(NOT_FOUND, anonymous=NOT_FOUND),
        post=answers(NOT_FOUND, anonymous=NOT_FOUND),
    ),
    # the schema and its documentation pages: public, served from vendored files
    R(
        "api:schema",
        get=answers(OK, anonymous=OK),
        post=answers(NOT_ALLOWED, anonymous=NOT_ALLOWED),
    ),
    R("api:docs", get=answers(OK, anonymous=OK), post=answers(NOT_ALLOWED, anonymous=NOT_ALLOWED)),
    R("api:redoc", get=answers(OK, anonymous=OK), post=answers(NOT_ALLOWED, anonymous=NOT_ALLOWED)),
    # token management, integrations (admins) and the single sign-on group mapping (HR)
    R("api:tokens", get=answers(OK), post=answers(OK)),
    action("api:token_revoke", "api_token", "owner", "admin"),
    R("api:integrations", get=only("admin"), post=only("admin")),
    R("api:group_mappings", get=only(*HR), post=only(*HR)),
    # webhooks (admins): subscriptions, the delivery log, ending one, sending a delivery again
    R("api:webhooks", get=only("admin"), post=only("admin")),
    R(
        "api:webhook_log",
        "webhook_subscription",
        get=only("admin"),
        post=answers(NOT_ALLOWED, anonymous=LOGIN),
    ),
    action("api:webhook_end", "webhook_subscription", "admin"),
    action("api:webhook_resend", "webhook_delivery", "admin"),
    action("api:group_mapping_delete", "group_mapping", *HR),
]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for the module inside a transaction that is rolled back at the end."""
    media = tmp_path_factory.mktemp("media")
    with (
        django_db_blocker.unblock(),
        time_machine.travel(NOW, tick=False),
        override_settings(
            MEDIA_ROOT=str(media),
            LANGUAGE_CODE="en",
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        ),
        transaction.atomic(),
    ):
        built = build_world()
        for role in SIGNED_IN:
            _signed_in_client(built, role)  # one session per role for the whole module
        yield built
        transaction.set_rollback(True)


def _answer(response) -> int | str:
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith(reverse("admin:login")):
            return ADMIN_LOGIN
        if location.startswith(reverse("login")):
            return LOGIN
    return response.status_code


def _signed_in_client(world, role: str) -> Client:
    """A client with the role's session: signed in once per role, the session reused while it exists."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.sessions.backends.base import SessionBase

    store: type[SessionBase] = import_module(settings.SESSION_ENGINE).SessionStore
    client = Client()
    key = world.sessions.get(role)
    if key is None or not store().exists(key):
        client.force_login(world.users[role])
        world.sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    else:
        client.cookies[settings.SESSION_COOKIE_NAME] = key
    return client


def ask_api(world, role: str, method: str, url: str, data=None) -> int:
    """One cell of the third way in: the role's personal API token, every change rolled back."""
    from rest_framework.test import APIClient

    client = APIClient()
    if role != "anonymous":
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {world.tokens[role]}")
    with transaction.atomic():
        if method == "GET":
            response = client.get(url)
        else:
            response = client.post(url, data or {}, format="json")
        transaction.set_rollback(True)
    return response.status_code


def ask(world, role: str, method: str, url: str, data=None) -> int | str:
    """One cell: the answer to `role` for `method url`, with every change it makes rolled back."""
    client = Client() if role == "anonymous" else _signed_in_client(world, role)
    with transaction.atomic():
        response = (
            client.get(url) if method == "GET" else client.post(url, {**CONFIRMED, **(data or {})})
        )
        if response.streaming:
            b"".join(response.streaming_content)
        transaction.set_rollback(True)
    return _answer(response)


@pytest.mark.django_db
@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.id)
def test_every_role_gets_the_expected_answer(world, row):
    unexpected = _unexpected_answers(world, row)
    assert not unexpected, "\n".join(unexpected)


def _unexpected_answers(world, row) -> list[str]:
    url = reverse(row.name, kwargs={**world.kwargs[row.record], **row.extra}) + row.query
    unexpected = []
    with time_machine.travel(NOW, tick=False):
        for method, expected in (("GET", row.get), ("POST", row.post)):
            assert set(expected) == set(ROLES), (
                f"{row.id} {method}: every role needs an expectation"
            )
            data = row.data(world) if row.data and method == "POST" else None
            for role in ROLES:
                got = ask(world, role, method, url, data)
                if got != expected[role]:
                    unexpected.append(
                        f"{method} {url} as {role}: expected {expected[role]}, got {got}"
                    )
        if row.api is not None:
            assert set(row.api) == set(ROLES), f"{row.id} API: every role needs an expectation"
            data = row.data(world) if row.data else None
            for role in ROLES:
                got = ask_api(world, role, row.api_method, url, data)
                if got != row.api[role]:
                    unexpected.append(
                        f"API {row.api_method} {url} as {role}: expected {row.api[role]}, got {got}"
                    )
    return unexpected


def url_names(patterns, namespace="") -> set[str]:
    """Every named URL the resolver knows, with its namespace (e.g. "feedback:note_detail")."""
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = (
                f"{namespace}:{pattern.namespace}"
                if namespace and pattern.namespace
                else (pattern.namespace or namespace)
            )
            names |= url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            name = (
                pattern.name or f"<unnamed {pattern.pattern}>"
            )  # unnamed URLs cannot get a row: name them
            names.add(f"{namespace}:{name}" if namespace else name)
    return names


def test_every_url_has_a_row():
    names = {
        name for name in url_names(get_resolver().url_patterns) if not name.startswith("admin:")
    }
    covered = {row.name for row in ROWS}
    assert names - covered == set(), "URLs without a row in the authorization matrix"
    assert covered - names == set(), "rows for URLs that no longer exist"


@pytest.mark.django_db
def test_every_row_names_a_record_of_the_world(world):
    assert {row.record for row in ROWS} <= set(world.kwargs)


# The admin, as one group: configuration for admins; everyone else is sent to the admin's sign-in page.
# Read-only models (nothing to add) answer 403 on their add page; upward feedback is not in the admin at all.
ADMIN_ADD_FORBIDDEN = {
    "feedback.coachingnote",
    "reports.exportlog",
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
    "audit.accessevent",
    "privacy.statement",
    "privacy.retentionrun",
    "notifications.reminderledger",
    "skills.currentlevel",
    "one_on_ones.series",
    "one_on_ones.meeting",
}
NOT_IN_ADMIN = {
    "feedback.upwardfeedback",
    "feedback.upwardfeedbackparticipation",
    "one_on_ones.privatenote",
    "one_on_ones.sharednote",
    "one_on_ones.talkingpoint",
    "one_on_ones.actionitem",
}


def admin_pages() -> list[tuple[str, int, int]]:
    """(URL, the admin's answer to GET, to an empty POST) for the admin index and every model's list and add page.

    An empty POST to a list runs no action (the list again); to an add page it is a form with errors.
    """
    pages = [(reverse("admin:index"), OK, OK)]
    for model in admin.site._registry:
        label = model._meta.label_lower
        app, name = model._meta.app_label, model._meta.model_name
        pages.append((reverse(f"admin:{app}_{name}_changelist"), OK, OK))
        add = FORBIDDEN if label in ADMIN_ADD_FORBIDDEN else OK
        pages.append((reverse(f"admin:{app}_{name}_add"), add, add))
    return pages


ADMIN_PAGES = admin_pages()


# One test per admin page, so that parallel workers share them out.
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "admins_get", "admins_post"), ADMIN_PAGES, ids=[url for url, *_ in ADMIN_PAGES]
)
def test_the_admin_is_for_admins_only(world, url, admins_get, admins_post):
    unexpected = []
    with time_machine.travel(NOW, tick=False):
        for method, admins_answer in (("GET", admins_get), ("POST", admins_post)):
            for role in ROLES:
                expected = admins_answer if role == "admin" else ADMIN_LOGIN
                got = ask(world, role, method, url)
                if got != expected:
                    unexpected.append(f"{method} {url} as {role}: expected {expected}, got {got}")
    assert not unexpected, "\n".join(unexpected)


def test_no_private_record_is_in_the_admin():
    assert {model._meta.label_lower for model in admin.site._registry} & NOT_IN_ADMIN == set()


# The content rows: whose copy of personal data holds which record's words, in both copies (JSON and
# PDF). A copy holds what the policy lets its person see now: never another person's working draft, and
# what the person wrote only as far as they may still see it. HR and administrators record requests and
# follow their status, never content, so no row names them (and their pages show none of these words).
COPY_CONTENT = {
    "Private working note": ("lead",),  # the lead's private note about the owner
    "The former lead's private note": ("former_lead",),
    "Shared feedback": ("owner", "lead"),
    "Draft thoughts": ("lead",),  # the lead's review draft
    "A good first quarter": ("owner", "lead"),  # the shared review
}


def test_no_content_row_names_hr_or_an_administrator():
    assert [words for words, roles in COPY_CONTENT.items() if set(roles) & set(HR)] == []


def _copy_texts(world, role) -> tuple[str, str]:
    """(JSON, PDF text) of the role's own copy, produced as the background task does, rolled back."""
    import json

    from privacy import services as privacy_services

    from .pdf import pdf_text

    user = world.users[role]
    with transaction.atomic():
        data_request = privacy_services.copy_request(actor=user, person=user)
        produced = privacy_services.copy_produce(data_request.pk)
        texts = (
            json.dumps(json.loads(bytes(produced.json_copy)), ensure_ascii=False),
            pdf_text(bytes(produced.pdf_copy)),
        )
        transaction.set_rollback(True)
    return texts


@pytest.mark.django_db
@pytest.mark.parametrize("role", SIGNED_IN)
def test_each_copy_holds_what_the_policy_lets_its_person_see(world, role):
    expected = {words for words, roles in COPY_CONTENT.items() if role in roles}
    with time_machine.travel(NOW, tick=False):
        json_text, pdf_text = _copy_texts(world, role)
        pages = ""
        if role in HR:  # what HR sees of a request: its status, never its content
            for name in ("privacy:hr_person_requests", "privacy:hr_people"):
                url = reverse(name, kwargs=world.kwargs["owner"] if "requests" in name else {})
                response = _signed_in_client(world, role).get(url)
                assert response.status_code == OK
                pages += response.content.decode()
    found_json = {words for words in COPY_CONTENT if words in json_text}
    found_pdf = {words for words in COPY_CONTENT if words in " ".join(pdf_text.split())}
    assert (found_json, found_pdf) == (expected, expected)
    assert {words for words in COPY_CONTENT if words in pages} == set()


# The second world: every works-council switch off (settings.WORKS_COUNCIL_FEATURES), the same people
# and records. A switched-off feature is off everywhere, not only hidden: these rows say what each role
# gets then, by switch; a new switch needs rows here (`test_every_works_council_switch_has_rows`).
EVERY_SWITCH_OFF = dict.fromkeys(settings.WORKS_COUNCIL_FEATURES, False)
SWITCHED_OFF_ROWS = {
    "upward_feedback": [
        R("feedback:upward_give", get=only(), post=only()),
        R("feedback:upward_received", get=only(), post=only()),
        R("feedback:upward_by_lead", get=only(), post=only()),
    ],
    "individual_kpis": [
        # nobody sees one agent's key figures, not even the agent or their lead
        A("api:v1:key-figures-detail", "kpi_record", api=by_token()),
    ],
    "qa": [
        R("qa:home", get=only(), post=only()),
        R("qa:evaluation", "qa_shared", get=only(), post=only()),
    ],
    "one_on_ones": [
        R("one_on_ones:list", get=only(), post=only()),
        R("one_on_ones:meeting", "one_on_one", get=only(), post=only()),
    ],
    "objective_proposals": [
        R(
            "objectives:propose",
            "team_objective",
            get=answers(NOT_ALLOWED),
            post=only(),
            data=lambda w: {"text": "Customers often ask about invoices"},
        ),
        R("objectives:answer", "proposal", get=answers(NOT_ALLOWED), post=only()),
    ],
}


@dataclass(frozen=True)
class Shown:
    """What one role's page shows with the switches on, and with them off (the pages' answers stay)."""

    switch: str
    name: str
    record: str
    role: str
    what: str
    shows: Callable  # response -> bool
    when_on: bool = True
    when_off: bool = False

    @property
    def id(self) -> str:
        return f"{self.switch}: {self.what} ({self.role})"


def _templates(response) -> set[str]:
    return {template.name for template in response.templates}


SWITCHED_OFF_CONTENT = [
    Shown(
        "individual_kpis",
        "agent_detail",
        "owner",
        "lead",
        "the agent's key figures on their page",
        lambda r: "kpis/_agent_kpis.html" in _templates(r),
    ),
    Shown(
        "individual_kpis",
        "agent_detail",
        "owner",
        "owner",
        "one's own key figures on one's page",
        lambda r: "kpis/_agent_kpis.html" in _templates(r),
    ),
    Shown(
        "lead_skill_ratings",
        "skills:rate",
        "owner",
        "lead",
        "levels the lead rates (targets stay)",
        lambda r: any(name.startswith("level_") for name in r.context["form"].fields),
    ),
    Shown(
        "lead_skill_ratings",
        "skills:rate",
        "owner",
        "owner",
        "levels the agent rates themselves",
        lambda r: any(name.startswith("level_") for name in r.context["form"].fields),
        when_off=True,
    ),
    Shown(
        "lead_timeliness",
        "feedback:inbox",
        "none",
        "lead",
        "the lead's own timeliness in the inbox",
        lambda r: r.context["show_timeliness"],
    ),
    Shown(
        "lead_timeliness",
        "hr_overview",
        "none",
        "hr",
        "the feedback timeliness per lead on the HR overview",
        lambda r: any(
            section.context.get("timeliness") is not None for section in r.context["sections"]
        ),
    ),
    Shown(
        "one_on_one_cadence_for_hr",
        "hr_overview",
        "none",
        "hr",
        "how many agents of each team had a one-on-one lately (a count per team)",
        lambda r: r.context["one_on_one_weeks"] is not None,
    ),
    Shown(
        "objective_proposals",
        "hr_overview",
        "none",
        "hr",
        "how many improvement proposals each team made (a count per team)",
        lambda r: r.context["proposal_counts"],
    ),
    Shown(
        "upward_feedback",
        "me",
        "none",
        "owner",
        "the way to give upward feedback in the navigation",
        lambda r: reverse("feedback:upward_give") in r.content.decode(),
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "row",
    [row for rows in SWITCHED_OFF_ROWS.values() for row in rows],
    ids=lambda row: row.id,
)
def test_with_every_switch_off_every_role_gets_the_expected_answer(world, row):
    with override_settings(WORKS_COUNCIL_FEATURES=EVERY_SWITCH_OFF):
        unexpected = _unexpected_answers(world, row)
    assert not unexpected, "\n".join(unexpected)


@pytest.mark.django_db
@pytest.mark.parametrize("shown", SWITCHED_OFF_CONTENT, ids=lambda shown: shown.id)
def test_a_switch_decides_what_a_page_shows(world, shown):
    """Only the row's switch is turned off, so a rule that ignores it is caught even where another
    switch (say, the whole app's) would hide the same thing."""
    url = reverse(shown.name, kwargs=world.kwargs[shown.record])
    only_this_off = {**settings.WORKS_COUNCIL_FEATURES, shown.switch: False}
    seen = {}
    for switches, label in ((settings.WORKS_COUNCIL_FEATURES, "on"), (only_this_off, "off")):
        with (
            override_settings(WORKS_COUNCIL_FEATURES=switches),
            time_machine.travel(NOW, tick=False),
        ):
            client = _signed_in_client(world, shown.role)
            with transaction.atomic():
                response = client.get(url)
                transaction.set_rollback(True)
            assert response.status_code == OK, (label, response.status_code)
            seen[label] = bool(shown.shows(response))
    assert seen == {"on": shown.when_on, "off": shown.when_off}


def test_every_works_council_switch_has_rows():
    switched = set(SWITCHED_OFF_ROWS) | {shown.switch for shown in SWITCHED_OFF_CONTENT}
    assert set(settings.WORKS_COUNCIL_FEATURES) <= switched
