import pytest

from notifications.models import Notification

pytestmark = pytest.mark.django_db


def make(user, n=1, url="/me/"):
    return [
        Notification.objects.create(recipient=user, kind="test", title=f"Hello {i}", url=url)
        for i in range(n)
    ]


@pytest.mark.parametrize("role", ["agent", "lead", "hr", "admin"])
def test_everyone_has_a_notification_list_with_an_unread_count(cast, login, role):
    make(cast[role], 2)
    response = login(cast[role]).get("/notifications/")
    assert response.status_code == 200
    assert response.context["unread_notifications"] == 2
    assert "Hello 1" in response.content.decode()


def test_opening_a_notification_marks_it_read_and_follows_its_link(cast, login):
    [note] = make(cast["agent"])
    response = login(cast["agent"]).post(f"/notifications/{note.pk}/open/")
    assert response.status_code == 302 and response.url == "/me/"
    note.refresh_from_db()
    assert note.read_at is not None


def test_nobody_opens_someone_elses_notification(cast, login):
    [note] = make(cast["agent"])
    assert login(cast["colleague"]).post(f"/notifications/{note.pk}/open/").status_code == 404
    assert login(cast["agent"]).get(f"/notifications/{note.pk}/open/").status_code == 405


def test_an_external_link_is_not_followed(cast, login):
    [note] = make(cast["agent"], url="https://evil.example/")
    assert login(cast["agent"]).post(f"/notifications/{note.pk}/open/").url == "/notifications/"


def test_mark_all_as_read(cast, login):
    make(cast["agent"], 3)
    make(cast["colleague"], 1)
    login(cast["agent"]).post("/notifications/read-all/")
    assert Notification.objects.unread().count() == 1


def test_the_list_needs_as_many_queries_for_50_as_for_5(cast, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(cast["agent"])
    make(cast["agent"], 5)
    with CaptureQueriesContext(connection) as few:
        client.get("/notifications/")
    make(cast["agent"], 45)
    with CaptureQueriesContext(connection) as many:
        client.get("/notifications/")
    assert len(many.captured_queries) == len(few.captured_queries)


def test_an_empty_list_says_what_will_appear(cast, login):
    assert "No notifications" in login(cast["agent"]).get("/notifications/").content.decode()
