import datetime
from unittest import mock

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.models import AccessEvent
from tests.feedback.factories import NoteFactory

pytestmark = pytest.mark.django_db


def test_a_lead_opening_an_agents_page_is_recorded(login, lead, agent):
    login(lead).get(reverse("agent_detail", args=[agent.pk]))
    event = AccessEvent.objects.get()
    assert (event.actor, event.subject, event.kind, event.record) == (
        lead,
        agent,
        AccessEvent.Kind.VIEW,
        AccessEvent.Record.AGENT_PAGE,
    )
    assert event.actor_role == "lead"


def test_what_people_open_about_themselves_is_not_recorded(login, agent):
    login(agent).get(reverse("me"))
    assert not AccessEvent.objects.exists()


def test_a_refused_request_records_nothing(login, other_lead, agent):
    response = login(other_lead).get(reverse("agent_detail", args=[agent.pk]))
    assert response.status_code == 404
    assert not AccessEvent.objects.exists()


def test_a_request_writes_its_events_with_one_insert(login, lead, agent):
    note = NoteFactory(agent=agent, author=lead, shared_at=timezone.now())
    with CaptureQueriesContext(connection) as queries:
        login(lead).get(reverse("feedback:note_detail", args=[note.pk]))
    inserts = [
        q
        for q in queries.captured_queries
        if q["sql"].startswith("INSERT") and "audit_accessevent" in q["sql"]
    ]
    assert len(inserts) == 1
    assert AccessEvent.objects.get().object_id == str(note.pk)


def test_a_failing_audit_write_never_breaks_the_page(login, lead, agent):
    with mock.patch(
        "audit.models.AccessEvent.objects.bulk_create", side_effect=RuntimeError("disk full")
    ):
        response = login(lead).get(reverse("agent_detail", args=[agent.pk]))
    assert response.status_code == 200


def test_an_agent_sees_who_opened_their_records_and_nothing_about_others(
    login, lead, agent, colleague
):
    login(lead).get(reverse("agent_detail", args=[agent.pk]))
    login(lead).get(reverse("agent_detail", args=[colleague.pk]))
    response = login(agent).get(reverse("audit:seen_my_data"))
    assert response.status_code == 200
    events = list(response.context["page_obj"])
    assert [e.subject for e in events] == [agent]
    assert str(lead) in response.content.decode()


def test_the_seen_page_has_an_empty_state(login, agent):
    response = login(agent).get(reverse("audit:seen_my_data"))
    assert "Nobody else has opened your records yet." in response.content.decode()


def test_hr_filters_the_audit_by_person_actor_kind_and_period(
    login, hr, lead, other_lead, agent, other_agent
):
    login(lead).get(reverse("agent_detail", args=[agent.pk]))
    login(other_lead).get(reverse("agent_detail", args=[other_agent.pk]))
    AccessEvent.objects.filter(subject=other_agent).update(
        at=timezone.now() - datetime.timedelta(days=40)
    )
    client = login(hr)

    def subjects(**params):
        return [e.subject for e in client.get(reverse("audit:list"), params).context["page_obj"]]

    assert subjects(person="Jonas") == [agent]
    assert subjects(actor=other_lead.email) == [other_agent]
    assert subjects(kind="export") == []
    since = (timezone.localdate() - datetime.timedelta(days=7)).isoformat()
    assert subjects(date_from=since) == [agent]


def test_bad_filters_answer_with_the_form_not_an_error(login, hr):
    response = login(hr).get(reverse("audit:list"), {"date_from": "0000-13-45", "kind": "nonsense"})
    assert response.status_code == 200
    assert response.context["form"].errors


def test_hr_exports_the_audit_as_csv(login, hr, lead, agent):
    login(lead).get(reverse("agent_detail", args=[agent.pk]))
    response = login(hr).get(reverse("audit:export"))
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert str(agent) in content and str(lead) in content


def test_nobody_changes_or_deletes_audit_rows_in_the_admin(login, admin_user, lead, agent):
    login(lead).get(reverse("agent_detail", args=[agent.pk]))
    event = AccessEvent.objects.get()
    client = login(admin_user)
    assert client.get(reverse("admin:audit_accessevent_changelist")).status_code == 200
    assert (
        client.post(
            reverse("admin:audit_accessevent_delete", args=[event.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert client.get(reverse("admin:audit_accessevent_add")).status_code == 403
    client.post(reverse("admin:audit_accessevent_change", args=[event.pk]), {"object_id": "x"})
    event.refresh_from_db()
    assert event.object_id == ""
    assert AccessEvent.objects.count() == 1


def test_changes_in_the_admin_are_audited(admin_user, agent):
    LogEntry.objects.log_actions(
        user_id=admin_user.pk, queryset=[agent], action_flag=CHANGE, change_message="Changed e-mail"
    )
    event = AccessEvent.objects.get()
    assert (event.actor, event.subject, event.kind, event.record) == (
        admin_user,
        agent,
        AccessEvent.Kind.CHANGE,
        AccessEvent.Record.ADMIN,
    )


def test_the_audit_holds_what_and_whose_never_the_content():
    columns = {f.name for f in AccessEvent._meta.concrete_fields}
    # actor_name: the name of a deleted account, so the audit still says who acted
    assert columns == {
        "id",
        "at",
        "actor",
        "actor_role",
        "actor_name",
        "subject",
        "kind",
        "record",
        "object_id",
    }


def test_hr_review_exports_are_audited_per_agent(login, hr, lead, agent, colleague):
    from people.periods import Quarter
    from reviews import services as review_services

    quarter = Quarter.current()
    for person in (agent, colleague):
        review = review_services.review_start(reviewer=lead, agent=person, quarter=quarter)
        review.summary = "Good quarter."
        review.save()
        review_services.review_share(review=review, by=review.reviewer, confirmed=True)
    response = login(hr).get(reverse("reports:reviews_csv"), {"quarter": quarter.label})
    assert response.status_code == 200
    b"".join(response.streaming_content)  # the export is audited once it has been produced in full
    exported = set(AccessEvent.objects.filter(kind="export").values_list("subject", flat=True))
    assert exported == {agent.pk, colleague.pk}


def test_repeated_views_within_a_minute_are_one_line_for_the_agent(login, lead, agent):
    import time_machine

    with time_machine.travel("2026-12-07 10:00 +01:00", tick=False) as clock:
        client = login(lead)
        for _ in range(3):
            client.get(reverse("agent_detail", args=[agent.pk]))
            clock.shift(20)
        clock.shift(300)
        client.get(reverse("agent_detail", args=[agent.pk]))
    response = login(agent).get(reverse("audit:seen_my_data"))
    assert [e.repeats for e in response.context["events"]] == [1, 3]
    assert "3 times within a few minutes" in response.content.decode()


def test_repeated_views_of_one_record_within_a_few_minutes_are_one_line_even_with_others_between(
    login, lead, hr, agent
):
    import time_machine

    with time_machine.travel("2026-12-07 10:00 +01:00", tick=False) as clock:
        for who in (lead, hr, lead, hr, lead):
            login(who).get(reverse("agent_detail", args=[agent.pk]))
            clock.shift(50)
    events = login(agent).get(reverse("audit:seen_my_data")).context["events"]
    assert sorted((e.actor.pk, e.repeats) for e in events) == sorted([(lead.pk, 3), (hr.pk, 2)])


@pytest.mark.parametrize(
    "language,review_name,note_name",
    [
        ("en", "Quarterly review Q4 2026", "Coaching note of {day}"),
        ("de", "Quartalsgespräch Q4 2026", "Coaching-Notiz vom {day}"),
    ],
)
def test_the_agent_reads_which_record_was_seen_by_its_name_not_its_number(
    login, lead, agent, language, review_name, note_name
):
    import time_machine

    from people.periods import Quarter
    from reviews import services as review_services

    with time_machine.travel("2026-12-07 10:00 +01:00", tick=False):
        review = review_services.review_start(reviewer=lead, agent=agent, quarter=Quarter(2026, 4))
        review_services.review_update(
            review=review, by=lead, summary="Fine", strengths="", held_on=timezone.localdate()
        )
        review_services.review_share(review=review, by=lead, confirmed=True)
        note = NoteFactory(
            agent=agent,
            author=lead,
            observed_at=datetime.datetime(2026, 12, 3, 10, tzinfo=datetime.UTC),
            shared_at=timezone.now(),
        )
        private = NoteFactory(
            agent=agent, author=lead
        )  # never shared: the agent learns nothing of it
        for kind, pk in (("review", review.pk), ("note", note.pk), ("note", private.pk)):
            AccessEvent.objects.create(
                actor=lead, subject=agent, kind="view", record=kind, object_id=pk
            )
    from django.utils import translation

    from core.i18n import local_date

    with translation.override(language):
        note_name = note_name.format(day=local_date(datetime.date(2026, 12, 3)))
    assert language == "en" or note_name == "Coaching-Notiz vom 03.12.2026"
    agent.preferred_language = language
    agent.save(update_fields=["preferred_language"])
    page = login(agent).get(reverse("audit:seen_my_data"))
    html = page.content.decode()
    assert review_name in html and note_name in html
    assert (
        f"#{review.pk}" not in html and f"#{note.pk}" not in html and f"#{private.pk}" not in html
    )
    names = sorted(e.record_name for e in page.context["events"])
    assert names == sorted(["", review_name, note_name])
