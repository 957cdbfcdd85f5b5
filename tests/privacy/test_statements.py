import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from notifications.models import Notification
from people.periods import Quarter
from privacy.models import Statement
from reviews import services as review_services
from tests.feedback.factories import NoteFactory

from ..pdf import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_note(lead, agent):
    return NoteFactory(
        agent=agent, author=lead, situation="Talked over the customer.", shared_at=timezone.now()
    )


@pytest.fixture
def shared_review(lead, agent):
    review = review_services.review_start(reviewer=lead, agent=agent, quarter=Quarter.current())
    review.summary = "A steady quarter."
    review.save()
    return review_services.review_share(review=review, by=review.reviewer, confirmed=True)


def test_an_agent_adds_a_statement_that_shows_with_the_note_for_agent_and_lead(
    login, lead, agent, shared_note, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = login(agent).post(
            reverse("privacy:note_statement", args=[shared_note.pk]),
            {"text": "The customer interrupted me first.", "confirmation": "given"},
        )
    assert response.status_code == 302
    statement = Statement.objects.get()
    assert (statement.author, statement.note) == (agent, shared_note)
    for viewer in (agent, lead):
        page = (
            login(viewer)
            .get(reverse("feedback:note_detail", args=[shared_note.pk]))
            .content.decode()
        )
        assert "The customer interrupted me first." in page


def test_the_lead_is_notified_once_per_statement(
    login, lead, agent, shared_note, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        login(agent).post(
            reverse("privacy:note_statement", args=[shared_note.pk]),
            {"text": "My view.", "confirmation": "given"},
        )
    assert Notification.objects.filter(recipient=lead, kind="statement_added").count() == 1
    assert [m.to for m in mail.outbox] == [[lead.email]]


def test_no_statement_on_a_private_note_or_on_someone_elses_record(login, lead, agent, colleague):
    private = NoteFactory(agent=agent, author=lead)
    about_colleague = NoteFactory(agent=colleague, author=lead, shared_at=timezone.now())
    client = login(agent)
    assert (
        client.post(reverse("privacy:note_statement", args=[private.pk]), {"text": "x"}).status_code
        == 404
    )
    assert (
        client.post(
            reverse("privacy:note_statement", args=[about_colleague.pk]), {"text": "x"}
        ).status_code
        == 404
    )
    assert (
        login(lead)
        .post(reverse("privacy:note_statement", args=[about_colleague.pk]), {"text": "x"})
        .status_code
        == 404
    )
    assert not Statement.objects.exists()


@pytest.mark.parametrize("text", ["", "   ", "x" * 5001])
def test_an_empty_or_overlong_statement_is_refused_with_a_message(login, agent, shared_note, text):
    response = login(agent).post(
        reverse("privacy:note_statement", args=[shared_note.pk]), {"text": text}
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Statement.objects.exists()


def test_a_statement_on_a_review_travels_into_hrs_exports(login, hr, agent, shared_review):
    login(agent).post(
        reverse("privacy:review_statement", args=[shared_review.pk]),
        {"text": "I see it differently.", "confirmation": "given"},
    )
    assert (
        "I see it differently."
        in login(agent).get(reverse("reviews:detail", args=[shared_review.pk])).content.decode()
    )
    csv = login(hr).get(reverse("reports:reviews_csv"), {"quarter": shared_review.cycle.label})
    assert "I see it differently." in b"".join(csv.streaming_content).decode("utf-8-sig")


def test_a_statement_is_in_the_single_review_pdf(login, hr, agent, shared_review):
    login(agent).post(
        reverse("privacy:review_statement", args=[shared_review.pk]),
        {"text": "Noted in the PDF.", "confirmation": "given"},
    )
    response = login(hr).get(reverse("reports:review_pdf", args=[shared_review.pk]))
    text = pdf_text(response.content)
    assert "Noted in the PDF." in text


def test_nobody_changes_or_deletes_a_statement_in_the_admin(login, admin_user, agent, shared_note):
    login(agent).post(
        reverse("privacy:note_statement", args=[shared_note.pk]),
        {"text": "Mine.", "confirmation": "given"},
    )
    statement = Statement.objects.get()
    client = login(admin_user)
    assert (
        client.post(
            reverse("admin:privacy_statement_delete", args=[statement.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    client.post(reverse("admin:privacy_statement_change", args=[statement.pk]), {"text": "Changed"})
    statement.refresh_from_db()
    assert statement.text == "Mine."


def test_the_agent_is_offered_to_add_a_statement_only_on_shared_records(
    login, lead, agent, shared_note
):
    private = NoteFactory(agent=agent, author=lead)
    url = reverse("privacy:note_statement", args=[shared_note.pk])
    assert (
        url
        in login(agent).get(reverse("feedback:note_detail", args=[shared_note.pk])).content.decode()
    )
    assert (
        url
        not in login(lead)
        .get(reverse("feedback:note_detail", args=[shared_note.pk]))
        .content.decode()
    )
    assert (
        "statement/"
        not in login(lead).get(reverse("feedback:note_detail", args=[private.pk])).content.decode()
    )


def _state(client, note, text):
    return client.post(
        reverse("privacy:note_statement", args=[note.pk]), {"text": text, "confirmation": "given"}
    )


def test_at_most_three_statements_per_record_and_person(login, lead, agent, shared_note):
    client = login(agent)
    for n in range(3):
        assert _state(client, shared_note, f"Point {n}.").status_code == 302
    response = _state(client, shared_note, "Point 4.")
    assert response.status_code == 200
    assert "already added 3 statements to this record" in response.content.decode()
    assert Statement.objects.count() == 3
    assert Notification.objects.filter(recipient=lead, kind="statement_added").count() <= 3


def test_at_most_ten_statements_a_day(login, lead, agent, settings):
    settings.STATEMENT_LIMIT_PER_DAY = 2
    notes = [
        NoteFactory(agent=agent, author=lead, situation=f"Case {n}", shared_at=timezone.now())
        for n in range(3)
    ]
    client = login(agent)
    assert _state(client, notes[0], "A.").status_code == 302
    assert _state(client, notes[1], "B.").status_code == 302
    response = _state(client, notes[2], "C.")
    assert "You have added 2 statements today" in response.content.decode()
    assert Statement.objects.count() == 2


def test_the_limit_speaks_german(login, lead, agent, shared_note):
    agent.preferred_language = "de"
    agent.save()
    client = login(agent)
    for n in range(3):
        _state(client, shared_note, f"Punkt {n}.")
    response = _state(client, shared_note, "Punkt 4.")
    assert "bereits 3 Stellungnahmen abgegeben" in response.content.decode()
