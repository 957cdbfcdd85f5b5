"""Optional TOTP two-factor sign-in, required for HR and administrators when the setting is on."""

import re
import time

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from security.models import RecoveryCode

pytestmark = pytest.mark.django_db

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


def enrol(client, with_codes=False):
    assert client.get(SETUP).status_code == 200
    device = TOTPDevice.objects.get(confirmed=False)
    response = client.post(SETUP, {"token": code_for(device)})
    assert response.status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    return (device, shown_codes(response)) if with_codes else device


def shown_codes(response):
    page = response.content.decode()
    assert 'id="recovery-codes"' in page
    return re.findall(r"<li>([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})</li>", page)


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
    response = client.post(SETUP, {"action": "remove", "remove-token": code_for(device, offset=30)})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=agent).exists()
    assert not RecoveryCode.objects.exists()


def test_someone_who_must_use_it_cannot_turn_it_off(client, hr, settings):
    settings.REQUIRE_2FA_FOR_STAFF = True
    sign_in(client, hr)
    device = enrol(client)
    response = client.post(SETUP, {"action": "remove", "remove-token": code_for(device, offset=30)})
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


def verified_client(user, recovery_code=None):
    """Another browser of the same user, signed in (past the second factor with a recovery code)."""
    other = Client()  # the password is set already (a new one would end the other sessions)
    other.post(LOGIN, {"username": user.email, "password": "password"})
    if recovery_code:
        assert other.post(VERIFY, {"token": recovery_code}).status_code == 302
    assert other.get("/me/").status_code == 200
    return other


def test_setting_up_an_authenticator_ends_the_users_other_sessions(client, agent):
    sign_in(client, agent)
    elsewhere = verified_client(agent)  # a browser that signed in before there was an authenticator
    enrol(client)
    response = elsewhere.get("/me/")
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    assert elsewhere.get("/me/").status_code == 302  # signed out, not merely asked once
    assert "_auth_user_id" not in elsewhere.session
    assert client.get("/me/").status_code == 200  # the session that set it up goes on


def test_an_authenticator_added_by_an_administrator_ends_sessions_without_one(client, agent):
    sign_in(client, agent)
    assert client.get("/me/").status_code == 200
    TOTPDevice.objects.create(user=agent, name="phone", confirmed=True)
    response = client.get("/me/")
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_removing_the_authenticator_ends_the_users_other_sessions(client, agent):
    sign_in(client, agent)
    device, codes = enrol(client, with_codes=True)
    elsewhere = verified_client(agent, recovery_code=codes[0])
    response = client.post(SETUP, {"action": "remove", "remove-token": code_for(device, offset=30)})
    assert response.status_code == 302
    response = elsewhere.get("/me/")
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    assert client.get("/me/").status_code == 200


def test_ten_recovery_codes_are_shown_once_and_only_their_hashes_kept(client, agent):
    sign_in(client, agent)
    device, codes = enrol(client, with_codes=True)
    assert len(codes) == len(set(codes)) == 10
    stored = list(RecoveryCode.objects.filter(device=device).values_list("digest", flat=True))
    assert len(stored) == 10
    assert not set(stored) & ({c.replace("-", "") for c in codes} | set(codes))
    page = client.get(SETUP).content.decode()
    assert "10 unused recovery codes left" in page
    assert not any(code in page for code in codes)


def test_a_recovery_code_signs_in_once(client, agent):
    sign_in(client, agent)
    device, codes = enrol(client, with_codes=True)
    client.post("/accounts/logout/")
    sign_in(client, agent)
    typed = codes[3].upper().replace("-", " ")  # as someone types it from paper
    response = client.post(VERIFY, {"token": typed, "next": "/me/"})
    assert response.status_code == 302 and response["Location"] == "/me/"
    assert client.get("/me/").status_code == 200
    client.post("/accounts/logout/")
    sign_in(client, agent)
    response = client.post(VERIFY, {"token": codes[3], "next": "/me/"})
    assert response.status_code == 400
    assert client.get("/me/").status_code == 302
    assert RecoveryCode.objects.filter(device=device, used_at__isnull=True).count() == 9


def test_new_recovery_codes_replace_the_old_ones(client, agent):
    sign_in(client, agent)
    device, old = enrol(client, with_codes=True)
    response = client.post(
        SETUP, {"action": "regenerate", "regenerate-token": code_for(device, offset=30)}
    )
    assert response.status_code == 200
    new = shown_codes(response)
    assert len(new) == 10 and not set(new) & set(old)
    client.post("/accounts/logout/")
    sign_in(client, agent)
    assert client.post(VERIFY, {"token": old[0]}).status_code == 400
    device.refresh_from_db()
    device.throttle_reset()  # the wrong code slowed further attempts down
    assert client.post(VERIFY, {"token": new[0]}).status_code == 302


def test_recovery_codes_are_not_made_without_a_current_code(client, agent):
    sign_in(client, agent)
    device, codes = enrol(client, with_codes=True)
    response = client.post(SETUP, {"action": "regenerate", "regenerate-token": "000000"})
    assert response.status_code == 400
    assert 'id="recovery-codes"' not in response.content.decode()
    digests = set(RecoveryCode.objects.values_list("digest", flat=True))
    response = client.post(SETUP, {"action": "regenerate", "regenerate-token": codes[0]})
    assert response.status_code == 400
    assert set(RecoveryCode.objects.values_list("digest", flat=True)) == digests


def test_the_recovery_codes_speak_german(client, agent):
    agent.preferred_language = "de"
    sign_in(client, agent)
    client.get(SETUP)
    device = TOTPDevice.objects.get(confirmed=False)
    page = client.post(
        SETUP, {"token": code_for(device)}, HTTP_ACCEPT_LANGUAGE="de"
    ).content.decode()
    assert "Ihre Wiederherstellungscodes" in page
    assert "Jeder Code funktioniert nur einmal" in page


def test_the_code_page_shows_no_navigation_and_no_names(client, agent):
    sign_in(client, agent)
    enrol(client)
    client.post("/accounts/logout/")
    sign_in(client, agent)
    page = client.get(VERIFY).content.decode()
    assert "nav-link" not in page
    assert agent.get_full_name() not in page and str(agent) not in page
    assert 'href="/me/"' not in page and "/admin/" not in page
    assert "Sign out" in page


def test_the_setup_page_before_a_required_authenticator_shows_no_navigation(client, hr, settings):
    settings.REQUIRE_2FA_FOR_STAFF = True
    sign_in(client, hr)
    page = client.get(SETUP).content.decode()
    assert "nav-link" not in page and str(hr) not in page
    enrol(client)
    assert "nav-link" in client.get(SETUP).content.decode()


def test_the_production_manifests_and_compose_require_two_factor_for_staff():
    from pathlib import Path

    from ruamel.yaml import YAML

    root = Path(__file__).resolve().parents[2]
    configmap = YAML(typ="safe").load((root / "deploy/k8s/base/configmap.yaml").read_text())
    assert configmap["data"]["REQUIRE_2FA_FOR_STAFF"] == "true"
    compose = YAML(typ="safe").load((root / "docker-compose.yml").read_text())
    assert compose["services"]["web"]["environment"]["REQUIRE_2FA_FOR_STAFF"].endswith(":-true}")
    readme = (root / "README.md").read_text()
    assert "**The first administrator**" in readme
