"""After a failed submit: one error summary at the top of the form, and a page title that says so."""

import re
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def _german(user):
    user.preferred_language = "de"
    user.save()
    return user


def test_a_failed_submit_lists_every_problem_with_a_link_to_its_field(cast, login):
    body = login(cast["lead"]).post("/feedback/new/", {"agent": cast["agent"].pk}).content.decode()
    summary = re.search(
        r'<div class="alert alert-danger error-summary" tabindex="-1" data-error-summary.*?</div>',
        body,
        re.S,
    ).group(0)
    assert "Please check your entries: 4 problems" in summary
    for field in ("id_observed_at", "id_channel", "id_kind_0", "id_situation"):
        assert f'href="#{field}"' in summary
        assert f'id="{field}"' in body
    assert re.search(r"<title>Error: ", body)


def test_the_title_and_summary_are_german_for_german_users(cast, login):
    body = (
        login(_german(cast["lead"]))
        .post("/feedback/new/", {"agent": cast["agent"].pk})
        .content.decode()
    )
    assert re.search(r"<title>Fehler: ", body)
    assert "Bitte prüfen Sie Ihre Eingaben: 4 Probleme" in body


def test_a_page_without_errors_keeps_its_plain_title(cast, login):
    body = login(cast["lead"]).get("/feedback/new/").content.decode()
    assert "<title>Error:" not in body and "data-error-summary" not in body


def test_errors_of_the_whole_form_are_listed_once(client, cast):
    body = client.post(
        "/accounts/login/", {"username": cast["agent"].email, "password": "wrong"}
    ).content.decode()
    assert body.count("The e-mail address or the password is not correct.") == 1
    assert "data-error-summary" in body


def test_errors_in_a_formset_are_listed_too(cast, login):
    from reviews.models import Review

    client = login(cast["lead"])
    client.post(f"/agents/{cast['agent'].pk}/reviews/start/")
    review = Review.objects.get()
    body = client.post(
        f"/reviews/{review.pk}/edit/",
        {
            "summary": "Fine",
            "areas-TOTAL_FORMS": "1",
            "areas-INITIAL_FORMS": "0",
            "areas-0-text": "x" * 5000,
            "areas-0-skill": "",
        },
    ).content.decode()
    assert "data-error-summary" in body and 'href="#id_areas-0-text"' in body


def test_every_template_with_form_fields_uses_the_shared_error_summary():
    """One summary for every form: a template that renders fields includes includes/form_errors.html."""
    roots = [Path(settings.BASE_DIR) / "templates", *Path(settings.BASE_DIR).glob("*/templates")]
    missing = []
    for root in roots:
        for template in root.rglob("*.html"):
            text = template.read_text()
            renders_fields = re.search(r"\|crispy\b|\|as_crispy_field\b", text)
            if renders_fields and "<form" in text and "includes/form_errors.html" not in text:
                missing.append(str(template.relative_to(settings.BASE_DIR)))
    assert missing == []
