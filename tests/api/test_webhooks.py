"""Webhooks against a real HTTP receiver the test starts on 127.0.0.1: signed, recorded once per change,
delivered once, retried with the reminder e-mails' backoff, given up after the budget, never resent by
themselves when their outcome is unknown."""

import datetime
import hashlib
import hmac
import json
import threading
import time
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from api import services, webhooks
from api.models import ExternalKey, WebhookDelivery
from core import events
from feedback import services as feedback_services
from feedback.models import CoachingNote
from people.periods import Quarter
from reviews import services as review_services
from training import services as training_services
from training.models import Course

from ..feedback.factories import NoteFactory
from ..qa.factories import make_scorecard, shared_evaluation
from ..skills.factories import SkillFactory
from ..training.test_training import session_of

State = WebhookDelivery.State


class Receiver:
    """An HTTP server on 127.0.0.1 that records every request and answers from a queue (default 204)."""

    def __init__(self):
        self.requests: list[dict] = []
        self.answers: deque = deque()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                receiver.requests.append(
                    {"path": self.path, "headers": dict(self.headers), "body": body}
                )
                status, location = receiver.answers.popleft() if receiver.answers else (204, "")
                self.send_response(status)
                if location:
                    self.send_header("Location", location)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver(settings):
    settings.WEBHOOK_ALLOW_HTTP = True
    settings.WEBHOOK_TIMEOUT_SECONDS = 5
    server = Receiver()
    yield server
    server.close()


@pytest.fixture
def subscribe(admin_user, receiver):
    def make(*kinds, url=None):
        return services.webhook_subscription_create(
            actor=admin_user, name="HR suite", url=url or receiver.url, event_kinds=list(kinds)
        )

    return make


def share_review(lead, agent):
    review = review_services.review_start(reviewer=lead, agent=agent, quarter=Quarter.current())
    review_services.review_update(
        review=review,
        by=lead,
        summary="Good quarter.",
        strengths="Calm.",
        held_on=timezone.localdate(),
    )
    return review_services.review_share(review=review, by=lead, confirmed=True)


def deliver_feedback(lead, agent):
    note = NoteFactory(agent=agent, author=lead)
    return feedback_services.note_deliver(note=note, by=lead, method=CoachingNote.Method.IN_PERSON)


def test_a_shared_review_reaches_the_subscriber_once_signed_as_documented(
    subscribe, receiver, lead, agent, django_capture_on_commit_callbacks
):
    made = subscribe(events.REVIEW_SHARED)
    ExternalKey.objects.create(
        kind=ExternalKey.Kind.PERSON, external_id="HR-77", object_id=agent.pk
    )
    with django_capture_on_commit_callbacks(execute=True):  # the commit queues the worker (eager)
        review = share_review(lead, agent)
    assert len(receiver.requests) == 1
    request = receiver.requests[0]
    headers, body = request["headers"], request["body"]
    assert webhooks.verify(made.secret, headers[webhooks.SIGNATURE_HEADER], body)
    assert not webhooks.verify("whsec_other", headers[webhooks.SIGNATURE_HEADER], body)
    assert not webhooks.verify(made.secret, headers[webhooks.SIGNATURE_HEADER], body + b" ")
    payload = json.loads(body)
    assert payload["type"] == "review.shared" == headers[webhooks.EVENT_HEADER]
    assert payload["id"] == headers[webhooks.ID_HEADER]
    assert payload["data"]["review"] == review.pk
    assert payload["data"]["agent"] == {"id": agent.pk, "external_id": "HR-77"}
    assert "summary" not in json.dumps(payload)  # ids and dates only, never a record's text
    # The README's verification, written out by hand: HMAC-SHA256 over "<t>.<body>".
    parts = dict(p.split("=", 1) for p in headers[webhooks.SIGNATURE_HEADER].split(","))
    mac = hmac.new(made.secret.encode(), parts["t"].encode() + b"." + body, hashlib.sha256)
    assert hmac.compare_digest(mac.hexdigest(), parts["v1"])
    assert abs(int(parts["t"]) - time.time()) < 60
    # Another run of the worker, and the same event published again, send nothing more.
    assert webhooks.deliver().delivered == 0
    events.publish(events.REVIEW_SHARED, subject=("review", review.pk), agent_id=agent.pk)
    assert webhooks.deliver().delivered == 0
    assert len(receiver.requests) == 1
    row = WebhookDelivery.objects.get()
    assert (row.state, row.attempts, row.last_status) == (State.DELIVERED, 1, 204)


def test_each_subscriber_gets_only_the_events_it_chose(subscribe, receiver, cast, course, lead):
    subscribe(events.FEEDBACK_DELIVERED)
    subscribe(events.TRAINING_COMPLETED, url=receiver.url.replace("/hooks", "/training"))
    note = deliver_feedback(lead, cast["agent"])
    enrollment = training_services.enroll(
        lead=lead, agent=cast["agent"], session=session_of(course)
    )
    with time_machine.travel(enrollment.session.starts_at + datetime.timedelta(hours=8)):
        training_services.mark_attended(enrollment=enrollment, by=lead)
        training_services.complete(enrollment=enrollment, by=lead)
        share_review(lead, cast["colleague"])  # nobody subscribed to reviews
        report = webhooks.deliver()
    assert report.delivered == 2
    got = {r["path"]: json.loads(r["body"]) for r in receiver.requests}
    assert got["/hooks"]["type"] == "feedback.delivered"
    assert got["/hooks"]["data"]["coaching_note"] == note.pk
    assert got["/training"]["type"] == "training.completed"
    assert got["/training"]["data"]["enrollment"] == enrollment.pk
    assert got["/training"]["data"]["course"] == course.pk


@pytest.fixture
def course(db):
    return Course.objects.create(title_en="De-escalation on the phone", duration_hours=8)


def test_a_failing_receiver_is_tried_again_with_backoff_then_delivered(
    subscribe, receiver, lead, agent
):
    subscribe(events.FEEDBACK_DELIVERED)
    receiver.answers.extend([(500, ""), (503, "")])
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        deliver_feedback(lead, agent)
        assert webhooks.deliver().failed == 1
        row = WebhookDelivery.objects.get()
        assert row.state == State.PENDING and row.attempts == 1 and row.last_status == 500
        assert row.next_attempt_at == start + datetime.timedelta(minutes=5)
        assert webhooks.deliver().failed == 0  # not due yet
    with time_machine.travel(start + datetime.timedelta(minutes=5), tick=False):
        assert webhooks.deliver().failed == 1
    row.refresh_from_db()
    assert row.next_attempt_at == start + datetime.timedelta(minutes=5 + 15)
    with time_machine.travel(start + datetime.timedelta(minutes=20), tick=False):
        assert webhooks.deliver().delivered == 1
    row.refresh_from_db()
    assert (row.state, row.attempts, row.last_error) == (State.DELIVERED, 3, "")
    ids = {r["headers"][webhooks.ID_HEADER] for r in receiver.requests}
    assert len(receiver.requests) == 3 and ids == {str(row.delivery_id)}  # one id, three attempts


def test_a_receiver_failing_past_the_time_budget_is_given_up(subscribe, receiver, lead, agent):
    subscribe(events.FEEDBACK_DELIVERED)
    receiver.answers.extend([(500, "")] * 20)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        deliver_feedback(lead, agent)
    for hours in range(0, 30):
        with time_machine.travel(start + datetime.timedelta(hours=hours), tick=False):
            webhooks.deliver()
    row = WebhookDelivery.objects.get()
    assert row.state == State.GIVEN_UP and row.next_attempt_at is None
    # The worker runs on the hour: attempts at 0, 1, 2, 3, 7 and 23 h (waits of 5, 15, 60, 240 and 960
    # minutes, the reminder e-mails' schedule); the next wait would pass the 24-hour budget.
    assert row.attempts == 6 == len(receiver.requests)


def test_a_redirect_is_not_followed(subscribe, receiver, lead, agent):
    subscribe(events.FEEDBACK_DELIVERED)
    receiver.answers.append((307, receiver.url.replace("/hooks", "/elsewhere")))
    deliver_feedback(lead, agent)
    assert webhooks.deliver().failed == 1
    assert [r["path"] for r in receiver.requests] == ["/hooks"]
    assert WebhookDelivery.objects.get().last_status == 307


def test_a_second_worker_running_during_a_request_sends_nothing(subscribe, receiver, lead, agent):
    subscribe(events.FEEDBACK_DELIVERED)
    deliver_feedback(lead, agent)
    inner = []

    def sender_that_lets_another_worker_run(url, **kwargs):
        inner.append(webhooks.deliver())  # a concurrent run while the first request is out
        return webhooks.post(url, **kwargs)

    assert webhooks.deliver(sender=sender_that_lets_another_worker_run).delivered == 1
    assert inner[0].delivered == 0 and inner[0].unconfirmed == 0
    assert len(receiver.requests) == 1


def test_a_worker_that_died_mid_request_leaves_it_unconfirmed_until_an_admin_sends_it_again(
    subscribe, receiver, lead, agent, admin_user, login
):
    made = subscribe(events.FEEDBACK_DELIVERED)
    deliver_feedback(lead, agent)
    row = WebhookDelivery.objects.get()
    # A worker claimed the row and handed it over, then died: its lease runs out.
    assert webhooks.claim(token="dead", now=timezone.now(), limit=10, lease_seconds=60) == [row.pk]
    assert webhooks.hand_over(token="dead", pk=row.pk, now=timezone.now())
    WebhookDelivery.objects.filter(pk=row.pk).update(
        claimed_until=timezone.now() - datetime.timedelta(seconds=1)
    )
    report = webhooks.deliver()
    assert report.unconfirmed == 1 and report.delivered == 0
    row.refresh_from_db()
    assert row.state == State.UNCONFIRMED and not receiver.requests
    assert webhooks.deliver().delivered == 0  # never resent by itself
    client = login(admin_user)
    log = client.get(reverse("api:webhook_log", args=[made.subscription.pk])).content.decode()
    assert str(row.delivery_id) in log and "Send again" in log
    client.post(reverse("api:webhook_resend", args=[row.pk]))
    assert webhooks.deliver().delivered == 1
    assert receiver.requests[0]["headers"][webhooks.ID_HEADER] == str(row.delivery_id)


def test_an_error_while_sending_leaves_that_delivery_unconfirmed_and_releases_the_rest(
    subscribe, receiver, lead, agent, colleague
):
    subscribe(events.FEEDBACK_DELIVERED)
    deliver_feedback(lead, agent)
    deliver_feedback(lead, colleague)

    def crashing_sender(url, **kwargs):
        raise RuntimeError("worker killed")

    with pytest.raises(RuntimeError):
        webhooks.deliver(sender=crashing_sender)
    states = sorted(WebhookDelivery.objects.values_list("state", "claimed_by"))
    assert states == [(State.PENDING, ""), (State.UNCONFIRMED, "")]
    assert webhooks.deliver().delivered == 1 and len(receiver.requests) == 1


def test_the_signature_is_refused_when_stale(receiver):
    body = b'{"id":"x"}'
    header = webhooks.sign("whsec_a", int(time.time()) - webhooks.TOLERANCE_SECONDS - 5, body)
    assert not webhooks.verify("whsec_a", header, body)
    assert not webhooks.verify("whsec_a", "garbage", body)
    assert webhooks.verify("whsec_a", webhooks.sign("whsec_a", int(time.time()), body), body)


def test_an_admin_subscribes_and_sees_the_secret_once(login, admin_user, receiver):
    client = login(admin_user)
    response = client.post(
        reverse("api:webhooks"),
        {
            "name": "HR suite",
            "url": receiver.url,
            "events": ["review.shared", "feedback.delivered"],
        },
        follow=True,
    )
    secret = response.context["made"]["secret"]
    assert secret.startswith("whsec_") and secret in response.content.decode()
    assert secret not in client.get(reverse("api:webhooks")).content.decode()
    subscription = response.context["subscriptions"][0]
    assert subscription.events == ["review.shared", "feedback.delivered"]


def test_only_https_receivers_unless_allowed(login, admin_user, settings):
    settings.WEBHOOK_ALLOW_HTTP = False
    response = login(admin_user).post(
        reverse("api:webhooks"),
        {"name": "HR suite", "url": "http://hr.example.test/hook", "events": ["review.shared"]},
    )
    assert "https:// addresses only" in response.content.decode()
    assert not response.context["subscriptions"]


def test_ending_a_subscription_cancels_what_waits_and_stops_new_events(
    subscribe, receiver, login, admin_user, lead, agent, colleague
):
    made = subscribe(events.FEEDBACK_DELIVERED)
    deliver_feedback(lead, agent)
    client = login(admin_user)
    url = reverse("api:webhook_end", args=[made.subscription.pk])
    assert "cannot be undone" in client.post(url).content.decode()  # asks first
    client.post(url, {"confirmation": "given"})
    deliver_feedback(lead, colleague)
    assert list(WebhookDelivery.objects.values_list("state", flat=True)) == [State.CANCELLED]
    assert webhooks.deliver().delivered == 0 and not receiver.requests


def test_the_webhook_pages_speak_german(login, admin_user, subscribe):
    subscribe(events.REVIEW_SHARED)
    admin_user.preferred_language = "de"
    admin_user.save(update_fields=["preferred_language"])
    client = login(admin_user)
    page = client.get(reverse("api:webhooks"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Neues Abonnement" in page and "Zugestellt" in page


@pytest.fixture
def chat_card(hr):
    return make_scorecard(hr, skill=SkillFactory(name_en="Explaining", name_de="Erklären"))


def test_a_shared_quality_evaluation_reaches_its_subscribers(
    subscribe, receiver, lead, agent, chat_card
):
    subscribe(events.EVALUATION_SHARED)
    evaluation = shared_evaluation(lead, agent, chat_card)
    assert webhooks.deliver().delivered == 1
    payload = json.loads(receiver.requests[0]["body"])
    assert payload["type"] == "evaluation.shared"
    assert payload["data"]["evaluation"] == evaluation.pk
    assert payload["data"]["agent"]["id"] == agent.pk
