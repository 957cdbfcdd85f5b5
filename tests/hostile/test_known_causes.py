"""The hostile inputs an outside test found, each answered clearly instead of with a 500."""

import io
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from core.text import strip_control_characters
from feedback.models import CoachingNote
from people.periods import Quarter
from reports import exports
from reports.models import ExportLog
from reviews import services as review_services
from reviews.models import Review

pytestmark = pytest.mark.django_db

Q3 = Quarter(2026, 3)
HELD_ON = date(2026, 9, 20)
CONTROL_COMMENT = "Agreed\x00 with\x07 the \x1b[31mreview\x0c\x0b and\x1f more\x7f\x9b"


def acknowledged_review(lead, agent, comment):
    review = review_services.review_start(reviewer=lead, agent=agent, quarter=Q3)
    review_services.review_update(
        review=review, by=review.reviewer, summary="Good quarter", strengths="Calm", held_on=HELD_ON
    )
    review_services.review_share(review=review, by=review.reviewer, confirmed=True)
    return review_services.review_acknowledge(review=review, by=review.agent, comment=comment)


def xlsx_cells(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell]


def test_control_characters_typed_in_a_comment_are_dropped_on_input(login, lead, agent):
    review = review_services.review_start(reviewer=lead, agent=agent, quarter=Q3)
    review_services.review_update(
        review=review, by=review.reviewer, summary="Good quarter", strengths="Calm", held_on=HELD_ON
    )
    review_services.review_share(review=review, by=review.reviewer, confirmed=True)
    login(agent).post(
        f"/reviews/{review.pk}/acknowledge/", {"comment": CONTROL_COMMENT, "confirmation": "given"}
    )
    review.refresh_from_db()
    assert review.status == Review.Status.ACKNOWLEDGED
    assert review.agent_comment == "Agreed with the [31mreview and more"


def test_tabs_and_line_breaks_are_kept(login, lead, agent):
    review = review_services.review_start(reviewer=lead, agent=agent, quarter=Q3)
    login(lead).post(
        f"/reviews/{review.pk}/edit/",
        {
            "summary": "Line one\r\nLine two\twith a tab",
            "strengths": "Calm",
            "held_on": "",
            "areas-TOTAL_FORMS": "0",
            "areas-INITIAL_FORMS": "0",
        },
    )
    review.refresh_from_db()
    assert review.summary == "Line one\r\nLine two\twith a tab"


def test_the_quarters_xlsx_export_survives_control_characters_already_stored(
    login, lead, agent, hr
):
    # Stored by a service, not through a form (PostgreSQL cannot store NUL at all, so that one is left out).
    acknowledged_review(lead, agent, CONTROL_COMMENT.replace("\x00", ""))
    response = login(hr).get("/hr/exports/reviews.xlsx", {"quarter": "2026-Q3"})
    assert response.status_code == 200
    assert "Agreed with the [31mreview and more" in xlsx_cells(response)
    csv_text = b"".join(
        login(hr).get("/hr/exports/reviews.csv", {"quarter": "2026-Q3"}).streaming_content
    )
    assert b"\x00" not in csv_text and b"\x1b" not in csv_text
    assert login(hr).get("/hr/exports/reviews.pdf", {"quarter": "2026-Q3"}).status_code == 200


@given(st.text(max_size=200))
def test_any_text_makes_a_readable_xlsx(text):
    columns = [("text", "Text")]
    workbook = load_workbook(io.BytesIO(exports.xlsx_bytes(columns, [{"text": text}])))
    assert workbook.active.cell(2, 1).value in (
        strip_control_characters(text) or None,
        strip_control_characters(text),
    )


@pytest.mark.parametrize(
    "observed_at", ["0001-01-01T00:00", "9999-12-31T23:59", "1899-12-31T10:00"]
)
def test_a_note_dated_year_1_or_9999_is_refused_with_a_message(login, lead, agent, observed_at):
    response = login(lead).post(
        "/feedback/new/",
        {
            "agent": agent.pk,
            "observed_at": observed_at,
            "channel": "phone",
            "kind": "praise",
            "situation": "Calm.",
        },
    )
    assert response.status_code == 200
    assert "Please enter a date between 1900 and 2199." in response.content.decode()
    assert not CoachingNote.objects.exists()


@pytest.mark.parametrize(
    "bad_id", ["abc", "99999999999999999999", "9223372036854775808", "-1", "²"]
)
def test_a_non_numeric_or_huge_id_in_a_select_is_refused(login, lead, agent, bad_id):
    client = login(lead)
    response = client.post(
        "/feedback/new/",
        {
            "agent": bad_id,
            "observed_at": "2026-03-10T09:30",
            "channel": "phone",
            "kind": "praise",
            "situation": "x",
            "skills": [bad_id],
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not CoachingNote.objects.exists()
    assert client.get("/feedback/new/", {"agent": bad_id}).status_code == 200
    assert (
        client.get(f"/agents/{agent.pk}/goals/new/", {"skill": bad_id, "level": bad_id}).status_code
        == 200
    )


@pytest.mark.parametrize("bad_id", ["abc", "99999999999999999999", "²"])
def test_a_huge_or_odd_mentor_id_is_not_found(login, lead, agent, bad_id):
    assert login(lead).post(f"/agents/{agent.pk}/mentors/", {"mentor": bad_id}).status_code == 404


@pytest.mark.parametrize("kind", ["csv", "xlsx", "pdf"])
@pytest.mark.parametrize("quarter", ["9999-Q4", "0000-Q1", "0001-Q1", "2026-Q5", "٢٠٢٦-Q4"])
def test_an_impossible_quarter_is_refused_and_leaves_no_export_log(login, hr, quarter, kind):
    response = login(hr).get(f"/hr/exports/reviews.{kind}", {"quarter": quarter})
    assert response.status_code == 400
    assert "Unknown quarter" in response.content.decode()
    assert not ExportLog.objects.exists()


@pytest.mark.parametrize("team", ["²", "99999999999999999999", "abc"])
def test_an_odd_team_in_an_export_is_refused_and_leaves_no_export_log(login, hr, team):
    response = login(hr).get("/hr/exports/reviews.xlsx", {"quarter": "2026-Q3", "team": team})
    assert response.status_code == 400
    assert not ExportLog.objects.exists()


def test_a_successful_export_is_logged_once_it_is_complete(login, hr):
    response = login(hr).get("/hr/exports/reviews.csv", {"quarter": "2026-Q3"})
    assert not ExportLog.objects.exists()
    b"".join(response.streaming_content)
    assert ExportLog.objects.count() == 1


def test_a_team_completion_page_for_an_impossible_quarter_answers_400(login, lead, team):
    assert login(lead).get(f"/teams/{team.pk}/reviews/", {"quarter": "9999-Q4"}).status_code == 400


@pytest.mark.parametrize("teams", ["99999999999999999999", "abc"])
def test_a_briefing_for_a_huge_team_id_is_refused(login, hr, teams):
    from briefings.models import Briefing

    response = login(hr).post(
        "/briefings/new/",
        {
            "title_en": "T",
            "title_de": "T",
            "teams": teams,
            "points-TOTAL_FORMS": "0",
            "points-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert not Briefing.objects.exists()
