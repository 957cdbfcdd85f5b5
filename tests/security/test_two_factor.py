"""Optional TOTP two-factor sign-in, required for HR and administrators when the setting is on."""

import time

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

LOGIN = "/accounts/login/"
SETUP = "/accounts/two-factor/"
VERIFY = "/accounts/two-factor/verify/"


def code_for(device, offset=0):
    """The authenticator's code `offset` seconds from now, with the drift the server has learnt so far
    (a code typed just across a 30-second boundary teaches the server a drift of one step)."""
    if device.pk:
        device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + offset
    return f"{totp.token():06d}"


def sign_in(client, user, password="password", **extra):
    user.set_password(password)
    user.save()
    return client.post(LOGIN, {"username": user.email, "password": password}, **extra)


def enrol(client):
    assert client.get(SETUP).status_code == 200
    device = TOTPDevice.objects.get(confirmed=False)
    response = client.post(SETUP, {"token": code_for(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    return device


def test_anyone_can_turn_on_two_factor_sign_in_with_a_qr_code(client, agent):
    sign_in(client, agent)
    page = client.get(SETUP).content.decode()
    assert 'src="/accounts/two-factor/qr.svg"' in page
    qr = client.get("/accounts/two-factor/qr.svg")
    assert qr["Content-Type"] == "image/svg+xml"
    assert qr.content.startswith(b"<svg")
    device = TOTPDevice.objects.get(user=agent)
    assert "".join(page.split('id="totp-secret">')[1].split("<")[0].split()) in device.config_url
    enrol(client)
    assert client.get("/me/").status_code == 200


def test_a_wrong_code_does_not_turn_it_on(client, agent):
    sign_in(client, agent)
    client.get(SETUP)
    response = client.post(SETUP, {"token": "000000"})
    assert response.status_code == 400
    assert "This code is not correct" in response.content.decode()
    assert not TOTPDevice.objects.filter(confirmed=True).exists()


def test_after_the_password_a_user_with_an_authenticator_must_enter_a_code(client, agent):
    sign_in(client, agent)
    device = enrol(client)
    client.post("/accounts/logout/")
    response = sign_in(client, agent)
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)
    assert client.get("/me/").status_code == 302
    assert client.post(VERIFY, {"token": "123456", "next": "/me/"}).status_code == 400
    device.refresh_from_db()
    device.throttle_reset()
    response = client.post(VERIFY, {"token": code_for(device, offset=30), "next": "/me/"})
    assert response.status_code == 302 and response["Location"] == "/me/"
    assert client.get("/me/").status_code == 200


def test_wrong_codes_are_throttled(client, agent):
    sign_in(client, agent)
    device = enrol(client)
    client.post("/accounts/logout/")
    sign_in(client, agent)
    client.post(VERIFY, {"token": "000000"})
    response = client.post(VERIFY, {"token": code_for(device, offset=30)})
    assert response.status_code == 400
    assert "Too many wrong codes" in response.content.decode()


def test_the_verify_step_never_redirects_elsewhere(client, agent):
    sign_in(client, agent)
    device = enrol(client)
    client.post("/accounts/logout/")
    sign_in(client, agent)
    response = client.post(
        VERIFY, {"token": code_for(device, offset=30), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_without_the_setting_hr_may_work_without_a_second_factor(client, hr, settings):
    settings.REQUIRE_2FA_FOR_STAFF = False
    sign_in(client, hr)
    assert client.get("/hr/").status_code == 200


@pytest.mark.parametrize("role", ["hr", "admin_user"])
def test_with_the_setting_hr_and_admins_must_set_up_a_second_factor_first(
    client, role, request, settings
):
    settings.REQUIRE_2FA_FOR_STAFF = True
    user = request.getfixturevalue(role)
    sign_in(client, user)
    for path in ("/hr/", "/hr/exports/", "/admin/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith(SETUP)
    assert "your organisation asks you" in client.get(SETUP).content.decode()
    enrol(client)
    assert client.get("/hr/").status_code == 200


def test_with_the_setting_agents_and_leads_stay_free_to_choose(client, agent, lead, settings):
    settings.REQUIRE_2FA_FOR_STAFF = True
    sign_in(client, agent)
    assert client.get("/me/").status_code == 200


def test_a_user_may_turn_it_off_with_a_current_code(client, agent):
    sign_in(client, agent)
    device = enrol(client)
    assert client.post(SETUP, {"token": code_for(device, offset=30)}).status_code == 302
    assert not TOTPDevice.objects.filter(user=agent).exists()


def test_someone_who_must_use_it_cannot_turn_it_off(client, hr, settings):
    settings.REQUIRE_2FA_FOR_STAFF = True
    sign_in(client, hr)
    device = enrol(client)
    response = client.post(SETUP, {"token": code_for(device, offset=30)})
    assert response.status_code == 200
    assert TOTPDevice.objects.filter(user=hr, confirmed=True).exists()


def test_the_sign_out_and_language_switch_work_before_the_code(client, agent):
    sign_in(client, agent)
    enrol(client)
    client.post("/accounts/logout/")
    sign_in(client, agent)
    assert client.post("/i18n/setlang/", {"language": "de", "next": VERIFY}).status_code == 302
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/me/").status_code == 302


pytestmark = pytest.mark.django_db
