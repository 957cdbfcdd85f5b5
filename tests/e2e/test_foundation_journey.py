import pytest
from playwright.sync_api import expect

from people.models import User

pytestmark = pytest.mark.e2e


def test_the_demo_lead_signs_in_and_sees_the_team(demo, sign_in, live_server):
    page = sign_in("lead@demo.example")
    expect(page).to_have_url(f"{live_server.url}/dashboard/")
    page.get_by_role("heading", name="Privatkunden Telefon").get_by_role("link").click()
    expect(page.get_by_role("heading", name="Privatkunden Telefon")).to_be_visible()
    expect(page.get_by_role("link", name="Jonas Weber")).to_be_visible()


def test_the_demo_agent_sees_their_page_and_gets_404_on_a_colleague(demo, sign_in, live_server):
    page = sign_in("agent@demo.example", language=None)
    expect(page).to_have_url(f"{live_server.url}/me/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Jonas")
    colleague = (
        User.objects.filter(role="agent", memberships__team__name="Privatkunden Telefon")
        .exclude(email="agent@demo.example")
        .first()
    )
    response = page.goto(f"{live_server.url}/agents/{colleague.pk}/")
    assert response.status == 404
    # The demo agent works in German, as most agents of the demo do.
    expect(page.get_by_role("heading", name="Seite nicht gefunden")).to_be_visible()


def test_a_wrong_password_shows_a_clear_message(demo, sign_in):
    page = sign_in("agent@demo.example", password="not-the-password")
    expect(page.get_by_text("The e-mail address or the password is not correct")).to_be_visible()


def test_the_language_switcher_changes_the_interface_language(demo, sign_in):
    page = sign_in("agent@demo.example", language=None)
    expect(page.get_by_role("link", name="Mein Entwicklungsplan")).to_be_visible()
    page.get_by_label("Sprache").select_option("en")
    expect(page.get_by_role("link", name="My growth plan")).to_be_visible()
    page.get_by_label("Language").select_option("de")
    expect(page.get_by_role("link", name="Mein Entwicklungsplan")).to_be_visible()


def test_on_a_smaller_screen_the_navigation_folds_into_the_menu_button(demo, sign_in, page):
    page.set_viewport_size({"width": 1024, "height": 768})
    sign_in("hr@demo.example")
    exports = page.get_by_role("link", name="Exports")
    expect(exports).to_be_hidden()
    page.get_by_role("button", name="Toggle navigation").click()
    expect(exports).to_be_visible()
