import csv
import io

import pytest
from openpyxl import load_workbook

from people.periods import Quarter
from reports.models import ExportLog
from reviews import services as review_services

from ..factories import make_agent
from ..skills.factories import SkillFactory

pytestmark = pytest.mark.django_db
Q3 = Quarter(2026, 3)


def held_review(lead, agent, **text):
    review = review_services.review_start(reviewer=lead, agent=agent, quarter=Q3)
    review_services.review_update(
        review=review,
        by=review.reviewer,
        summary=text.get("summary", "Good quarter"),
        strengths=text.get("strengths", "Calm"),
        areas=[("Shorter calls", SkillFactory(name_en="Call structure"))],
        held_on=Q3.first_day,
    )
    review_services.review_self_assess(
        review=review, by=review.agent, text=text.get("self", "Went well")
    )
    review_services.review_share(review=review, by=review.reviewer, confirmed=True)
    review_services.review_acknowledge(review=review, by=review.agent, comment="Agreed")
    return review


def read_csv(response):
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


@pytest.mark.parametrize(
    "role,status",
    [
        ("agent", 404),
        ("lead", 404),
        ("other_lead", 404),
        ("hr", 200),
        ("admin", 200),
    ],
)
def test_only_hr_and_admins_export(cast, login, role, status):
    for url in (
        "/hr/exports/",
        "/hr/exports/reviews.csv?quarter=2026-Q3",
        "/hr/exports/reviews.xlsx?quarter=2026-Q3",
    ):
        assert login(cast[role]).get(url).status_code == status, url


@pytest.mark.parametrize("quarter", ["", "2026-Q5", "Q3-2026", "next"])
def test_an_unknown_quarter_answers_400_with_a_message(cast, login, quarter):
    response = login(cast["hr"]).get(f"/hr/exports/reviews.csv?quarter={quarter}")
    assert response.status_code == 400
    assert "Unknown quarter" in response.content.decode()


def test_the_csv_has_one_row_per_review_cell_by_cell(cast, login):
    held_review(cast["lead"], cast["agent"])
    response = login(cast["hr"]).get("/hr/exports/reviews.csv?quarter=2026-Q3")
    assert response["Content-Disposition"] == 'attachment; filename="reviews-2026-Q3.csv"'
    header, row = read_csv(response)
    assert header[:5] == ["Agent", "E-mail", "Team", "Reviewer", "Quarter"]
    record = dict(zip(header, row, strict=False))
    assert record["Agent"] == "Jonas Agent"
    assert record["Team"] == "Phone Team"
    assert record["Reviewer"] == "Lena Lead"
    assert record["Status"] == "Acknowledged"
    assert record["Summary"] == "Good quarter"
    assert record["Areas to improve"] == "Shorter calls (Call structure)"
    assert record["Self-assessment"] == "Went well"
    assert record["Agent's comment"] == "Agreed"
    assert record["Acknowledged at"] and record["Meeting date"]


def test_formulas_are_neutralised_in_csv_and_xlsx(cast, login):
    held_review(
        cast["lead"],
        cast["agent"],
        summary='=HYPERLINK("http://evil")',
        strengths="+1",
        self="@SUM(A1)",
    )
    header, row = read_csv(login(cast["hr"]).get("/hr/exports/reviews.csv?quarter=2026-Q3"))
    record = dict(zip(header, row, strict=False))
    assert record["Summary"] == '\'=HYPERLINK("http://evil")'
    assert record["Strengths"] == "'+1" and record["Self-assessment"] == "'@SUM(A1)"
    response = login(cast["hr"]).get("/hr/exports/reviews.xlsx?quarter=2026-Q3")
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = {sheet.cell(1, c).value: sheet.cell(2, c) for c in range(1, sheet.max_column + 1)}
    assert (
        cells["Summary"].data_type == "s" and cells["Summary"].value == '=HYPERLINK("http://evil")'
    )
    assert cells["Strengths"].data_type == "s"


def test_the_xlsx_reads_back_with_the_same_cells(cast, login):
    held_review(cast["lead"], cast["agent"])
    held_review(cast["lead"], cast["colleague"], summary="Steady")
    response = login(cast["hr"]).get("/hr/exports/reviews.xlsx?quarter=2026-Q3")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Agent" and sheet.title == "2026-Q3"
    assert [(r[0], r[8]) for r in rows[1:]] == [
        ("Jonas Agent", "Good quarter"),
        ("Clara Colleague", "Steady"),
    ]


def test_filters_by_team_and_status(cast, login, team):
    held_review(cast["lead"], cast["agent"])
    held_review(cast["other_lead"], cast["other_agent"])
    review_services.review_start(reviewer=cast["lead"], agent=cast["colleague"], quarter=Q3)
    client = login(cast["hr"])
    held_review(cast["lead"], make_agent(team, first_name="Bea", last_name="Before"))
    rows = read_csv(client.get(f"/hr/exports/reviews.csv?quarter=2026-Q3&team={team.pk}"))
    assert [r[0] for r in rows[1:]] == [
        "Jonas Agent",
        "Bea Before",
    ]  # by last name; the draft never
    rows = read_csv(
        client.get(f"/hr/exports/reviews.csv?quarter=2026-Q3&team={team.pk}&status=acknowledged")
    )
    assert [r[0] for r in rows[1:]] == ["Jonas Agent", "Bea Before"]
    assert len(read_csv(client.get("/hr/exports/reviews.csv?quarter=2026-Q3&status=shared"))) == 1
    assert client.get("/hr/exports/reviews.csv?quarter=2026-Q3&status=bogus").status_code == 400
    assert client.get("/hr/exports/reviews.csv?quarter=2026-Q3&team=999999").status_code == 400


def test_every_export_is_recorded(cast, login, team):
    client = login(cast["hr"])
    b"".join(
        client.get(f"/hr/exports/reviews.csv?quarter=2026-Q3&team={team.pk}").streaming_content
    )
    client.get("/hr/exports/reviews.xlsx?quarter=2026-Q2&status=shared")
    logs = list(
        ExportLog.objects.order_by("created_at").values_list("user__email", "kind", "parameters")
    )
    assert logs == [
        ("hr@example.test", "reviews.csv", {"quarter": "2026-Q3", "team": team.pk, "status": None}),
        (
            "hr@example.test",
            "reviews.xlsx",
            {"quarter": "2026-Q2", "team": None, "status": "shared"},
        ),
    ]


def test_a_review_pdf_and_a_team_bundle_are_pdfs(cast, login, team):
    review = held_review(cast["lead"], cast["agent"])
    held_review(cast["lead"], cast["colleague"])
    client = login(cast["hr"])
    single = client.get(f"/hr/exports/reviews/{review.pk}.pdf")
    bundle = client.get(f"/hr/exports/reviews.pdf?quarter=2026-Q3&team={team.pk}")
    for response in (single, bundle):
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
    assert login(cast["lead"]).get(f"/hr/exports/reviews/{review.pk}.pdf").status_code == 404


def test_the_csv_export_needs_as_many_queries_for_50_reviews_as_for_5(cast, login, team):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(cast["hr"])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            b"".join(client.get("/hr/exports/reviews.csv?quarter=2026-Q3").streaming_content)
        return len(ctx.captured_queries)

    for _ in range(5):
        held_review(cast["lead"], make_agent(team))
    few = count()
    for _ in range(45):
        held_review(cast["lead"], make_agent(team))
    assert count() == few
