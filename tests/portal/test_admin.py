"""Admins manage the catalogue, courses, teams and people in the Django admin."""

import pytest

pytestmark = pytest.mark.django_db

ADMIN_PAGES = [
    "people/user",
    "people/team",
    "people/teammembership",
    "people/agentprofile",
    "people/mentorpairing",
    "skills/skill",
    "skills/skillcategory",
    "skills/skillrating",
    "skills/careerwish",
    "plans/developmentplan",
    "training/course",
    "training/session",
    "training/enrollment",
    "training/onboardingprogram",
    "feedback/coachingnote",
    "reviews/review",
    "kpis/kpirecord",
    "kpis/kpiimport",
    "reports/exportlog",
    "briefings/briefing",
    "briefings/teammeeting",
    "notifications/reminderledger",
    "notifications/notification",
]


@pytest.mark.parametrize("page", ADMIN_PAGES)
def test_admins_can_open_each_admin_list_and_add_page(cast, login, page):
    client = login(cast["admin"])
    assert client.get(f"/admin/{page}/").status_code == 200
    add = client.get(f"/admin/{page}/add/")
    assert add.status_code in (200, 403)  # the export log and ledger are read-only


def test_the_skill_admin_edits_the_level_descriptions_inline(cast, login):
    body = login(cast["admin"]).get("/admin/skills/skill/add/").content.decode()
    assert "levels-TOTAL_FORMS" in body


def test_agents_and_leads_have_no_admin(cast, login):
    for role in ("agent", "lead", "hr"):
        assert login(cast[role]).get("/admin/").status_code == 302
