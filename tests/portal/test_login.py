import pytest
from django.core import mail

from ..factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "secret-pass-123"


def post_login(client, email, password):
    return client.post("/accounts/login/", {"username": email, "password": password})


def test_signing_in_with_email_and_password_lands_on_the_home_page(client, cast):
    response = post_login(client, "agent@example.test", PASSWORD)
    assert response.status_code == 302
    assert response.url == "/"


def test_a_wrong_password_gives_a_clear_message(client, cast):
    response = post_login(client, "agent@example.test", "wrong")
    assert response.status_code == 200
    assert "The e-mail address or the password is not correct" in response.content.decode()


def test_sign_in_is_throttled_after_repeated_failures(client, cast, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_login(client, "agent@example.test", "wrong")
    response = post_login(client, "agent@example.test", PASSWORD)
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()


def test_throttling_one_account_leaves_others_alone(client, cast, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_login(client, "agent@example.test", "wrong")
    assert post_login(client, "lead@example.test", PASSWORD).status_code == 302


def test_signing_out_needs_a_post_and_ends_the_session(client, cast, login):
    login(cast["agent"])
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/me/").status_code == 302


def test_a_password_reset_sends_an_email_with_a_working_link(client, cast):
    response = client.post("/accounts/password_reset/", {"email": "agent@example.test"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["agent@example.test"]
    link = next(line for line in message.body.splitlines() if "/accounts/reset/" in line).strip()
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_url, {"new_password1": "A-new-pass-456", "new_password2": "A-new-pass-456"}
    )
    assert done.status_code == 302
    cast["agent"].refresh_from_db()
    assert cast["agent"].check_password("A-new-pass-456")


def test_a_password_reset_for_an_unknown_address_reveals_nothing(client, db):
    response = client.post("/accounts/password_reset/", {"email": "nobody@example.test"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_a_user_can_change_their_password(cast, login):
    client = login(cast["agent"])
    response = client.post(
        "/accounts/password_change/",
        {
            "old_password": PASSWORD,
            "new_password1": "Brand-new-789",
            "new_password2": "Brand-new-789",
        },
    )
    assert response.status_code == 302
    cast["agent"].refresh_from_db()
    assert cast["agent"].check_password("Brand-new-789")


def test_the_login_page_renders_for_anonymous_visitors(client, db):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert 'name="username"' in response.content.decode()


def test_inactive_users_cannot_sign_in(client, db):
    UserFactory(email="gone@example.test", is_active=False)
    response = post_login(client, "gone@example.test", PASSWORD)
    assert response.status_code == 200
