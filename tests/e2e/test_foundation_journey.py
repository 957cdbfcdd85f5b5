import pytest
from playwright.sync_api import expect

from people.models import User

pytestmark = pytest.mark.e2e


def test_the_demo_lead_signs_in_and_sees_the_team(demo, sign_in, live_server, lang):
    page = sign_in("lead@demo.example")
    expect(page).to_have_url(f"{live_server.url}/dashboard/")
    page.get_by_role("heading", name="Privatkunden Telefon").get_by_role("link").click()
    expect(page.get_by_role("heading", name="Privatkunden Telefon")).to_be_visible()
    expect(page.get_by_role("link", name="Jonas Weber")).to_be_visible()


def test_the_demo_agent_sees_their_page_and_gets_404_on_a_colleague(demo, sign_in, live_server, t):
    page = sign_in("agent@demo.example")
    expect(page).to_have_url(f"{live_server.url}/me/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Jonas")
    colleague = (
        User.objects.filter(role="agent", memberships__team__name="Privatkunden Telefon")
        .exclude(email="agent@demo.example")
        .first()
    )
    response = page.goto(f"{live_server.url}/agents/{colleague.pk}/")
    assert response.status == 404
    expect(page.get_by_role("heading", name=t("Page not found"))).to_be_visible()


def test_the_demo_agent_works_in_german_from_the_first_sign_in(demo, sign_in, live_server):
    page = sign_in("agent@demo.example", language=None)
    expect(page.get_by_role("link", name="Mein Entwicklungsplan")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "de")


def test_a_wrong_password_shows_a_clear_message(demo, sign_in, t):
    page = sign_in("agent@demo.example", password="not-the-password")
    expect(
        page.get_by_text(t("The e-mail address or the password is not correct. Please try again."))
    ).to_be_visible()
