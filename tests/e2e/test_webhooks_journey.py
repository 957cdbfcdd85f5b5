"""An admin subscribes a system to webhooks, copies the signing secret shown once, and after a lead shares a
review the delivery log shows the signed message delivered: in German and English.

The receiving system is an HTTP server the test starts on 127.0.0.1 (tests/api/test_webhooks.py); the
share's commit queues the task api.deliver_webhooks, which the tests run at once (Celery's eager mode).
"""

import json

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from api import webhooks
from reviews import services as review_services
from reviews.models import Review

from ..api.test_webhooks import Receiver

pytestmark = pytest.mark.e2e


@pytest.fixture
def receiver(settings):
    settings.WEBHOOK_ALLOW_HTTP = True  # the test's receiver speaks plain HTTP on 127.0.0.1
    server = Receiver()
    yield server
    server.close()


def lead_shares_a_review() -> Review:
    """The demo lead shares one of their drafts, as the reviews journey does through the pages."""
    from people.models import User

    lead = User.objects.get(email="lead@demo.example")
    draft = Review.objects.filter(reviewer=lead, status=Review.Status.DRAFT).order_by("pk").first()
    review_services.review_update(
        review=draft,
        by=lead,
        summary="A calm and reliable quarter.",
        strengths="Listens well.",
        held_on=timezone.localdate(),
    )
    return review_services.review_share(review=draft, by=lead, confirmed=True)


def test_an_admin_subscribes_sees_the_secret_once_and_a_shared_review_is_delivered(
    demo, sign_in, page, live_server, t, receiver
):
    sign_in("admin@demo.example")
    page.goto(f"{live_server.url}/settings/webhooks/")
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Webhooks"))
    expect(page.get_by_text(t("No system is subscribed yet."))).to_be_visible()
    page.get_by_label(t("Name")).fill("HR suite")
    page.get_by_label(t("Address")).fill(receiver.url)
    page.get_by_label(t("A review was shared with the agent")).check()
    page.get_by_role("button", name=t("Subscribe")).click()

    secret = page.get_by_test_id("new-secret").inner_text().strip()
    assert secret.startswith("whsec_")
    page.reload()
    expect(page.get_by_test_id("new-secret")).to_have_count(0)  # shown once
    assert secret not in page.content()
    row = page.get_by_role("row").filter(has_text="HR suite")
    expect(row).to_contain_text("review.shared")

    review = lead_shares_a_review()  # its commit hands the delivery to the worker (eager here)
    assert webhooks.deliver().delivered == 0  # the next scheduled run finds nothing left to send
    [request] = receiver.requests
    headers, body = request["headers"], request["body"]
    assert webhooks.verify(secret, headers[webhooks.SIGNATURE_HEADER], body)  # the copied secret
    assert json.loads(body)["data"]["review"] == review.pk

    page.reload()
    page.get_by_role("link", name="HR suite").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        t("Deliveries to “%(name)s”", name="HR suite")
    )
    delivery = page.get_by_role("row").filter(has_text=headers[webhooks.ID_HEADER])
    expect(delivery).to_contain_text("review.shared")
    expect(delivery).to_contain_text(f"review:{review.pk}")
    expect(delivery).to_contain_text(t("delivered"))
    expect(delivery).to_contain_text("HTTP 204")
