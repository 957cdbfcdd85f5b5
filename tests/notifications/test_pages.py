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


def test_the_bell_shows_a_short_title_and_one_link_per_notification_not_the_email_body(cast, login):
    import re

    Notification.objects.create(
        recipient=cast["agent"],
        kind="test",
        title="Feedback for Jonas Weber due on 09.12.2026",
        body="Hallo Lena,\n\nbitte geben Sie Feedback.\n\nhttps://portal.example/feedback/notes/7/",
        url="/feedback/notes/7/",
    )
    [read] = make(cast["agent"])
    Notification.objects.filter(pk=read.pk).update(
        created_at="2020-01-01T00:00Z", read_at="2020-01-01T00:00Z"
    )
    page = login(cast["agent"]).get("/notifications/").content.decode()
    assert "Hallo Lena" not in page
    assert "https://portal.example/feedback/notes/7/" not in page
    items = re.findall(r'<li class="list-group-item.*?</li>', page, re.S)
    assert len(items) == 2
    for item in items:
        assert item.count("<button") + item.count("<a ") == 1
    assert "Feedback for Jonas Weber due on 09.12.2026" in items[0]
    assert "notification-unread" in items[0] and "notification-unread" not in items[1]


def test_marking_all_as_read_counts_in_the_singular_and_the_plural(cast, login):
    make(cast["agent"], 1)
    page = login(cast["agent"]).post("/notifications/read-all/", follow=True).content.decode()
    assert "1 notification marked as read." in page
    make(cast["agent"], 2)
    page = login(cast["agent"]).post("/notifications/read-all/", follow=True).content.decode()
    assert "2 notifications marked as read." in page
