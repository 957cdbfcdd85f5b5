import pytest
from django.urls import reverse

from ..pdf import pdf_text

pytestmark = pytest.mark.django_db


def test_the_register_names_each_activity_with_purpose_recipients_and_retention(login, hr):
    response = login(hr).get(reverse("privacy:register"))
    page = response.content.decode()
    assert response.status_code == 200
    for title in (
        "Coaching notes and upward feedback",
        "Quarterly reviews",
        "Key figures",
        "Access audit",
    ):
        assert title in page
    assert "24 months" in page


def test_the_register_follows_the_settings(login, hr, settings):
    settings.RETENTION_MONTHS = {**settings.RETENTION_MONTHS, "kpis": 13}
    settings.WORKS_COUNCIL_FEATURES = {**settings.WORKS_COUNCIL_FEATURES, "upward_feedback": False}
    markdown = login(hr).get(reverse("privacy:register_md")).content.decode()
    assert "Key figures: 13 months" in markdown
    assert "Upward feedback from agents on their lead: off" in markdown


def test_the_register_names_the_fields_stored(login, hr):
    markdown = login(hr).get(reverse("privacy:register_md")).content.decode()
    assert "what happened" in markdown  # a coaching note's text field
    assert "password" not in markdown


def test_the_register_downloads_as_pdf(login, agent):
    response = login(agent).get(reverse("privacy:register_pdf"))
    text = pdf_text(response.content)
    assert "Register of processing" in text


def test_the_register_needs_a_sign_in(client):
    assert client.get(reverse("privacy:register")).status_code == 302


def test_the_works_council_page_shows_each_switch_and_its_state(login, hr, settings):
    settings.WORKS_COUNCIL_FEATURES = {**settings.WORKS_COUNCIL_FEATURES, "individual_kpis": False}
    response = login(hr).get(reverse("privacy:works_council"))
    states = {key: on for key, _label, on in response.context["features"]}
    assert states == {
        "individual_kpis": False,
        "upward_feedback": True,
        "lead_skill_ratings": True,
        "lead_timeliness": True,
        "qa": True,  # issue 26: quality evaluations have their own switch
        "objective_proposals": True,  # issue 29: improvement proposals on the team objectives
        "one_on_ones": True,  # issue 27: one-on-ones at all
        "one_on_one_cadence_for_hr": True,  # issue 27: HR's count per team
    }
    assert "FEATURE_INDIVIDUAL_KPIS" in response.content.decode()
