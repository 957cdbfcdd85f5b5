"""Shared means shared: a draft review never leaves its author, not even to HR."""

import csv
import io

import pytest
from openpyxl import load_workbook

from people.periods import Quarter
from reports.models import ExportLog
from reviews import services as review_services

from .test_exports import Q3, held_review

pytestmark = pytest.mark.django_db
DRAFT_TEXT = "Draft: thinking about a warning"


@pytest.fixture
def draft(cast):
    review = review_services.review_start(
        reviewer=cast["lead"], agent=cast["colleague"], quarter=Q3
    )
    review_services.review_update(
        review=review, by=review.reviewer, summary=DRAFT_TEXT, strengths="", areas=[]
    )
    return review


@pytest.fixture
def held(cast):
    return held_review(cast["lead"], cast["agent"])


def _csv_agents(response):
    text = b"".join(response.streaming_content).decode("utf-8")[1:]
    return [row[0] for row in list(csv.reader(io.StringIO(text), delimiter=";"))[1:]]


@pytest.mark.parametrize("role", ["hr", "admin"])
def test_the_quarters_csv_holds_no_draft(cast, login, draft, held, role):
    response = login(cast[role]).get("/hr/exports/reviews.csv?quarter=2026-Q3")
    assert _csv_agents(response) == ["Jonas Agent"]


def test_the_quarters_xlsx_holds_no_draft(cast, login, draft, held):
    response = login(cast["hr"]).get("/hr/exports/reviews.xlsx?quarter=2026-Q3")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert [row[0] for row in rows[1:]] == ["Jonas Agent"]
    assert DRAFT_TEXT not in str(rows)


def test_the_quarters_pdf_holds_no_draft(cast, login, draft, held, monkeypatch):
    from reports import exports

    seen = {}

    def capture(template, context, base_url):
        seen.update(context)
        return b"%PDF-1.7 captured"

    monkeypatch.setattr(exports, "pdf_bytes", capture)
    response = login(cast["hr"]).get("/hr/exports/reviews.pdf?quarter=2026-Q3")
    assert response.status_code == 200
    assert [row["agent"] for row in seen["reviews"]] == ["Jonas Agent"]


def test_asking_for_drafts_is_refused_and_leaves_no_log(cast, login, draft):
    response = login(cast["hr"]).get("/hr/exports/reviews.csv?quarter=2026-Q3&status=draft")
    assert response.status_code == 400
    assert not ExportLog.objects.exists()


@pytest.mark.parametrize("role", ["hr", "admin"])
def test_the_single_review_pdf_of_a_draft_answers_404(cast, login, draft, role):
    assert login(cast[role]).get(f"/hr/exports/reviews/{draft.pk}.pdf").status_code == 404
    assert not ExportLog.objects.exists()


def test_the_single_review_pdf_of_a_shared_review_is_a_pdf(cast, login, held):
    response = login(cast["hr"]).get(f"/hr/exports/reviews/{held.pk}.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_the_export_form_says_drafts_are_never_exported_and_offers_no_draft_status(cast, login):
    body = login(cast["hr"]).get("/hr/exports/").content.decode()
    assert "Exports contain shared and acknowledged reviews only" in body
    assert 'value="draft"' not in body


def test_hr_pages_show_no_draft(cast, login, team, draft, held):
    client = login(cast["hr"])
    completion = client.get(f"/teams/{team.pk}/reviews/?quarter=2026-Q3")
    assert completion.status_code == 200
    assert f"/reviews/{draft.pk}/" not in completion.content.decode()
    assert ">Draft<" not in completion.content.decode()
    assert client.get(f"/reviews/{draft.pk}/").status_code == 404
    agent_page = client.get(f"/agents/{cast['colleague'].pk}/").content.decode()
    assert f"/reviews/{draft.pk}/" not in agent_page and DRAFT_TEXT not in agent_page


def test_a_draft_is_seen_by_its_reviewer_alone(cast, login, team, draft):
    from ..factories import make_lead

    co_lead = make_lead(team, email="co.lead@example.test")
    assert login(cast["lead"]).get(f"/reviews/{draft.pk}/").status_code == 200
    for user in (
        co_lead,
        cast["colleague"],
        cast["agent"],
        cast["other_lead"],
        cast["hr"],
        cast["admin"],
    ):
        assert login(user).get(f"/reviews/{draft.pk}/").status_code == 404, user
    assert login(co_lead).post(f"/reviews/{draft.pk}/share/").status_code == 404
    body = (
        login(co_lead)
        .get(f"/teams/{team.pk}/reviews/?quarter={Quarter(2026, 3).label}")
        .content.decode()
    )
    assert DRAFT_TEXT not in body and f"/reviews/{draft.pk}/" not in body


def test_the_export_rows_go_through_the_access_policy(cast, draft, held):
    from reports.selectors import review_export_queryset

    other = held_review(cast["other_lead"], cast["other_agent"])
    assert set(review_export_queryset(cast["hr"], Q3)) == {held, other}
    assert set(review_export_queryset(cast["lead"], Q3)) == {
        held
    }  # never the draft, not even to its author
    assert set(review_export_queryset(cast["agent"], Q3)) == {held}
    assert set(review_export_queryset(cast["colleague"], Q3)) == set()
