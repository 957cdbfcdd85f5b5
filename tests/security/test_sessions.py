"""Idle and absolute session timeouts; deactivating a user ends all their sessions."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from people.services import agent_leave, user_deactivate

from ..factories import personnel_admin

START = "2026-03-02 09:00 +01:00"


def signed_in_client(user):
    client = Client()
    client.force_login(user)
    return client


def test_a_session_ends_after_30_idle_minutes(agent):
    with time_machine.travel(START, tick=False) as clock:
        client = signed_in_client(agent)
        clock.shift(timedelta(minutes=29))
        assert client.get("/me/").status_code == 200
        clock.shift(timedelta(minutes=29))
        assert client.get("/me/").status_code == 200  # activity keeps it alive
        clock.shift(timedelta(minutes=31))
        response = client.get("/me/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/me/")
    assert not Session.objects.exists()


def test_the_sign_in_page_says_why_the_session_ended(agent):
    with time_machine.travel(START, tick=False) as clock:
        client = signed_in_client(agent)
        clock.shift(timedelta(minutes=31))
        page = client.get("/me/", follow=True).content.decode()
    assert "signed out after 30 minutes without activity" in page


def test_the_idle_timeout_is_a_setting(agent, settings):
    settings.SESSION_IDLE_TIMEOUT_MINUTES = 5
    with time_machine.travel(START, tick=False) as clock:
        client = signed_in_client(agent)
        clock.shift(timedelta(minutes=6))
        assert client.get("/me/").status_code == 302


def test_an_active_session_still_ends_at_the_absolute_timeout(agent, settings):
    settings.SESSION_ABSOLUTE_TIMEOUT_HOURS = 2
    with time_machine.travel(START, tick=False) as clock:
        client = signed_in_client(agent)
        for _ in range(7):
            clock.shift(timedelta(minutes=15))
            assert client.get("/me/").status_code == 200
        clock.shift(timedelta(minutes=16))
        assert client.get("/me/").status_code == 302


def test_active_use_does_not_write_the_session_on_every_request(agent):
    with time_machine.travel(START, tick=False) as clock:
        client = signed_in_client(agent)
        client.get("/me/")
        clock.shift(timedelta(seconds=10))
        before = Session.objects.get().session_data
        client.get("/me/")
        assert Session.objects.get().session_data == before


def test_the_session_cookie_lives_no_longer_than_the_absolute_timeout(settings):
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_ABSOLUTE_TIMEOUT_HOURS * 3600


def test_deactivating_a_user_ends_all_their_sessions_at_once(agent, colleague):
    phone, laptop, other = (
        signed_in_client(agent),
        signed_in_client(agent),
        signed_in_client(colleague),
    )
    assert Session.objects.count() == 3
    user_deactivate(user=agent, by=personnel_admin())
    assert Session.objects.count() == 1
    assert phone.get("/me/").status_code == 302
    assert laptop.get("/me/").status_code == 302
    assert other.get("/me/").status_code == 200


def test_an_agent_who_leaves_is_signed_out_everywhere(agent):
    client = signed_in_client(agent)
    agent_leave(agent=agent, by=personnel_admin())
    assert not Session.objects.exists()
    assert client.get("/me/").status_code == 302


def test_deactivating_in_the_admin_ends_the_sessions(agent, admin_user):
    signed_in_client(agent)
    admin = signed_in_client(admin_user)
    page = admin.get(f"/admin/people/user/{agent.pk}/change/")
    form = page.context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list)
    }
    data.update(
        {
            "email": agent.email,
            "role": agent.role,
            "preferred_language": agent.preferred_language,
            "date_joined_0": timezone.localtime(agent.date_joined).strftime("%Y-%m-%d"),
            "date_joined_1": timezone.localtime(agent.date_joined).strftime("%H:%M:%S"),
        }
    )
    data.pop("is_active", None)
    data.pop("password", None)
    for prefix in ("profile", "memberships"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    response = admin.post(f"/admin/people/user/{agent.pk}/change/", data)
    assert response.status_code == 302, (
        response.context["adminform"].form.errors if response.context else ""
    )
    agent.refresh_from_db()
    assert not agent.is_active
    assert Session.objects.count() == 1  # only the admin's own


def test_the_admin_action_deactivates_and_signs_out(agent, colleague, admin_user):
    signed_in_client(agent)
    signed_in_client(colleague)
    admin = signed_in_client(admin_user)
    response = admin.post(
        "/admin/people/user/",
        {"action": "deactivate", "_selected_action": [agent.pk, colleague.pk]},
    )
    assert response.status_code == 302
    assert Session.objects.count() == 1


def test_a_session_of_a_user_deactivated_behind_our_back_is_dropped(agent):
    from people.models import User

    client = signed_in_client(agent)
    User.objects.filter(pk=agent.pk).update(is_active=False)
    assert client.get("/me/").status_code == 302
    assert not Session.objects.exists()


pytestmark = pytest.mark.django_db


def test_one_idle_minute_is_said_in_the_singular_in_german(agent, settings):
    settings.SESSION_IDLE_TIMEOUT_MINUTES = 1
    type(agent).objects.filter(pk=agent.pk).update(preferred_language="de")
    with time_machine.travel(START, tick=False) as clock:
        client = signed_in_client(agent)
        clock.shift(timedelta(minutes=2))
        page = client.get("/me/", follow=True).content.decode()
    assert "Sie wurden nach 1 Minute ohne Aktivität abgemeldet." in page


def test_the_sign_in_page_after_a_timeout_speaks_the_users_language_not_the_browsers(agent):
    type(agent).objects.filter(pk=agent.pk).update(preferred_language="en")
    with time_machine.travel(START, tick=False) as clock:
        client = signed_in_client(agent)
        client.cookies["django_language"] = "de"
        client.get("/me/", HTTP_ACCEPT_LANGUAGE="de")
        clock.shift(timedelta(minutes=31))
        page = client.get("/me/", follow=True, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert '<html lang="en">' in page
    assert "You were signed out after 30 minutes without activity." in page


def test_typing_in_a_form_keeps_the_session_through_the_keepalive(agent):
    with time_machine.travel(START, tick=False) as clock:
        client = signed_in_client(agent)
        client.get("/me/")
        for _ in range(3):  # an hour and a half of typing, without a page load
            clock.shift(timedelta(minutes=29))
            assert client.post("/accounts/session/keepalive/").json() == {"signed_in": True}
        clock.shift(timedelta(minutes=29))
        assert client.get("/me/").status_code == 200


def test_the_keepalive_of_an_ended_session_says_so_and_does_not_revive_it(agent):
    with time_machine.travel(START, tick=False) as clock:
        client = signed_in_client(agent)
        clock.shift(timedelta(minutes=31))
        answer = client.post("/accounts/session/keepalive/")
        assert answer.status_code == 401
        assert client.get("/me/").status_code == 302


def test_every_signed_in_page_carries_the_idle_clock_and_the_sign_in_page_does_not(agent, client):
    client.force_login(agent)
    page = client.get("/me/").content.decode()
    assert 'data-session-idle="1800"' in page
    assert 'data-session-warning="300"' in page
    assert 'src="/static/js/session.js"' in page
    client.logout()
    sign_in_page = client.get("/accounts/login/").content.decode()
    assert "data-session-idle" not in sign_in_page
    assert 'src="/static/js/session.js"' in sign_in_page  # it keeps the drafts of an ended session


@pytest.mark.parametrize(
    "template",
    [
        "feedback/note_form.html",
        "feedback/note_correct.html",
        "reviews/review_edit.html",
        "reviews/self_assessment.html",
        "privacy/statement_form.html",
    ],
)
def test_notes_reviews_and_statements_keep_drafts_while_typing(template):
    from django.template.loader import get_template

    source = open(get_template(template).origin.name).read()
    assert "data-draft=" in source
