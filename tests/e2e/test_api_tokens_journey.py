"""An agent makes a personal API token, sees it once, uses it, and revokes it: in German and English."""

import pytest
import requests
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_a_personal_token_is_made_used_and_revoked(demo, sign_in, page, live_server, t):
    sign_in("agent@demo.example")
    page.goto(f"{live_server.url}/settings/tokens/")
    expect(page.get_by_role("heading", level=1)).to_have_text(t("API tokens"))
    page.get_by_label(t("Name")).fill("Reporting script")
    page.get_by_label(t("Access")).select_option("read")
    page.get_by_role("button", name=t("Create token")).click()

    secret = page.get_by_test_id("new-token").inner_text().strip()
    assert secret.startswith("tp_")
    api = f"{live_server.url}/api/v1/people/"
    answer = requests.get(api, headers={"Authorization": f"Bearer {secret}"}, timeout=10)
    assert answer.status_code == 200 and len(answer.json()["results"]) == 1

    page.reload()
    expect(page.get_by_test_id("new-token")).to_have_count(0)  # shown once
    page.get_by_role("button", name=t("Revoke")).click()
    page.get_by_role("dialog").get_by_role("button", name=t("Revoke")).click()
    expect(page.get_by_text(t("revoked"), exact=True)).to_be_visible()
    assert (
        requests.get(api, headers={"Authorization": f"Bearer {secret}"}, timeout=10).status_code
        == 401
    )
