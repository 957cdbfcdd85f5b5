"""The one-on-one pages: set up, prepare from both sides with the portal's suggestions, finish with
carry-over, action items on the owner's home page until done, and query counts that stay flat."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from feedback import services as feedback_services
from one_on_ones import services
from one_on_ones.models import Meeting, Series, TalkingPoint

from .factories import first_meeting

pytestmark = pytest.mark.django_db
NOW = "2026-12-07 09:00 +01:00"


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@time_machine.travel(NOW, tick=False)
def test_the_lead_sets_up_a_series_and_lands_on_the_first_meeting(lead, agent, login):
    response = login(lead).post(
        "/one-on-ones/new/",
        {
            "agent": agent.pk,
            "every_days": 14,
            "first_at": "2026-12-10T10:00",
            "duration_minutes": 30,
        },
    )
    series = Series.objects.get()
    first = series.meetings.order_by("scheduled_at").first()
    assert response.status_code == 302 and response["Location"] == first.get_absolute_url()
    assert timezone.localtime(first.scheduled_at) == timezone.make_aware(
        datetime.datetime(2026, 12, 10, 10, 0)
    )


@time_machine.travel(NOW, tick=False)
def test_bad_input_on_the_set_up_form_says_what_is_wrong_and_saves_nothing(lead, agent, login):
    client = login(lead)
    past = client.post(
        "/one-on-ones/new/",
        {
            "agent": agent.pk,
            "every_days": 14,
            "first_at": "2026-12-01T10:00",
            "duration_minutes": 30,
        },
    )
    assert "cannot be in the past" in past.content.decode()
    zero = client.post(
        "/one-on-ones/new/",
        {
            "agent": agent.pk,
            "every_days": 0,
            "first_at": "2026-12-10T10:00",
            "duration_minutes": 30,
        },
    )
    assert zero.status_code == 200 and "every_days" in zero.context["form"].errors
    assert not Series.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_an_undelivered_coaching_note_is_suggested_to_the_lead_with_its_source(lead, agent, login):
    feedback_services.note_create(
        author=lead,
        agent=agent,
        observed_at=timezone.now() - datetime.timedelta(hours=3),
        channel="phone",
        kind="improvement",
        situation="Interrupted the customer twice",
    )
    meeting = first_meeting(lead, agent)
    page = login(lead).get(meeting.get_absolute_url())
    suggestions = page.context["page"].suggestions
    assert [(s.source, s.why) for s in suggestions] == [
        ("coaching_note", "Coaching feedback not yet given")
    ]
    assert "Interrupted" not in suggestions[0].text  # the note's wording stays the lead's
    # the agent is not told of a note that was never shared with them
    assert login(agent).get(meeting.get_absolute_url()).context["page"].suggestions == []
    s = suggestions[0]
    login(lead).post(
        f"/one-on-ones/{meeting.pk}/points/",
        {"text": s.text, "source": s.source, "source_id": s.source_id},
    )
    point = TalkingPoint.objects.get()
    assert (point.source, point.source_id) == ("coaching_note", s.source_id)
    assert login(lead).get(meeting.get_absolute_url()).context["page"].suggestions == []


@time_machine.travel(NOW, tick=False)
def test_an_action_item_is_on_the_agents_for_you_until_done(lead, agent, login):
    meeting = first_meeting(lead, agent)
    login(lead).post(
        f"/one-on-ones/{meeting.pk}/actions/",
        {
            "action-text": "Book the chat training",
            "action-owner": agent.pk,
            "action-due_on": "2026-12-20",
        },
    )
    client = login(agent)
    kinds = [item.kind for item in client.get("/me/").context["for_you"]]
    assert kinds == ["one_on_one_action"]
    assert "Book the chat training" in client.get("/me/").content.decode()
    item = meeting.action_items.get()
    client.post(f"/one-on-ones/actions/{item.pk}/done/")
    assert client.get("/me/").context["for_you"] == []


@time_machine.travel(NOW, tick=False)
def test_the_leads_own_action_items_and_missing_one_on_ones_are_on_the_dashboard(
    lead, agent, colleague, login
):
    meeting = first_meeting(lead, agent)
    services.action_item_add(
        meeting=meeting, by=agent, text="Ask about night shifts", owner=lead, due_on=None
    )
    body = login(lead).get("/dashboard/").content.decode()
    assert "Ask about night shifts" in body
    assert "2 agents without a one-on-one in the last 4 weeks" in body  # none is held yet


@time_machine.travel(NOW, tick=False)
def test_the_meeting_page_needs_as_many_queries_for_50_points_as_for_5(lead, agent, login):
    meeting = first_meeting(lead, agent)
    client = login(lead)

    def furnish(count):
        for n in range(count):
            services.point_add(meeting=meeting, by=agent, text=f"Point {n}")
            services.shared_note_add(meeting=meeting, by=lead, text=f"Note {n}")
            services.action_item_add(
                meeting=meeting, by=lead, text=f"Do {n}", owner=agent, due_on=None
            )

    furnish(5)
    few = count_queries(client, meeting.get_absolute_url())
    furnish(45)
    assert count_queries(client, meeting.get_absolute_url()) == few
    assert count_queries(client, "/one-on-ones/") == count_queries(client, "/one-on-ones/")


@time_machine.travel(NOW, tick=False)
def test_me_the_agent_page_and_the_dashboard_need_no_query_for_one_on_ones(
    lead, agent, login, settings
):
    settings.WORKS_COUNCIL_FEATURES = {**settings.WORKS_COUNCIL_FEATURES, "one_on_ones": False}
    without = {
        "me": count_queries(login(agent), "/me/"),
        "agent": count_queries(login(lead), f"/agents/{agent.pk}/"),
        "dashboard": count_queries(login(lead), "/dashboard/"),
    }
    settings.WORKS_COUNCIL_FEATURES = {**settings.WORKS_COUNCIL_FEATURES, "one_on_ones": True}
    meeting = first_meeting(lead, agent)
    for n in range(6):
        services.action_item_add(meeting=meeting, by=lead, text=f"Do {n}", owner=agent, due_on=None)
        services.action_item_add(meeting=meeting, by=agent, text=f"Me {n}", owner=lead, due_on=None)
    assert count_queries(login(agent), "/me/") == without["me"]
    assert count_queries(login(lead), f"/agents/{agent.pk}/") == without["agent"]
    assert count_queries(login(lead), "/dashboard/") == without["dashboard"]
    assert "Do 0" in login(agent).get("/me/").content.decode()


@time_machine.travel(NOW, tick=False)
def test_finishing_asks_first_then_carries_the_open_points_over(lead, agent, login):
    meeting = first_meeting(lead, agent)
    services.point_add(meeting=meeting, by=agent, text="Night shifts")
    client = login(lead)
    asked = client.post(f"/one-on-ones/{meeting.pk}/finish/")
    assert asked.templates[0].name == "includes/confirm_page.html"
    assert not Meeting.objects.get(pk=meeting.pk).is_finished
    client.post(f"/one-on-ones/{meeting.pk}/finish/", {"confirmation": "given"})
    following = Meeting.objects.filter(scheduled_at__gt=meeting.scheduled_at).first()
    body = client.get(following.get_absolute_url()).content.decode()
    assert "Night shifts" in body and "carried over once" in body


@time_machine.travel(NOW, tick=False)
def test_hr_sees_how_many_agents_of_a_team_had_a_one_on_one_where_the_switch_allows(
    lead, agent, colleague, hr, login, settings
):
    series = Series.objects.create(lead=lead, agent=agent, every_days=14)
    Meeting.objects.create(series=series, scheduled_at=timezone.now() - datetime.timedelta(days=3))
    settings.MIN_GROUP_SIZE = 2
    response = login(hr).get("/hr/")
    assert "One-on-one in the last 4 weeks" in response.content.decode()
    team = response.context["teams"][0]
    assert (team.one_on_one_held, team.agent_count) == (1, 2)
    settings.MIN_GROUP_SIZE = 3  # too few agents for a count
    assert 'class="text-end one-on-one-count">1<' not in login(hr).get("/hr/").content.decode()
    settings.WORKS_COUNCIL_FEATURES = {
        **settings.WORKS_COUNCIL_FEATURES,
        "one_on_one_cadence_for_hr": False,
    }
    assert "One-on-one in the last" not in login(hr).get("/hr/").content.decode()


@time_machine.travel(NOW, tick=False)
def test_switched_off_by_the_works_agreement_one_on_ones_are_gone_everywhere(
    lead, agent, login, settings
):
    meeting = first_meeting(lead, agent)
    services.action_item_add(meeting=meeting, by=lead, text="Ask", owner=agent, due_on=None)
    settings.WORKS_COUNCIL_FEATURES = {**settings.WORKS_COUNCIL_FEATURES, "one_on_ones": False}
    for url in ("/one-on-ones/", meeting.get_absolute_url(), "/one-on-ones/new/"):
        assert login(lead).get(url).status_code == 404, url
    assert login(agent).get("/me/").context["for_you"] == []
    assert "one-on-ones" not in login(lead).get("/dashboard/").content.decode()
    with pytest.raises(Http404):
        services.point_add(meeting=meeting, by=agent, text="x")
    with pytest.raises(Http404):
        services.series_start(
            lead=lead,
            agent=agent,
            every_days=7,
            first_at=timezone.now() + datetime.timedelta(days=2),
        )


@time_machine.travel(NOW, tick=False)
def test_the_agents_lead_sets_up_one_on_ones_from_the_agent_page_with_the_agent_chosen(
    lead, agent, hr, login
):
    body = login(lead).get(f"/agents/{agent.pk}/").content.decode()
    assert f"/one-on-ones/new/?agent={agent.pk}" in body
    assert (
        f"/one-on-ones/new/?agent={agent.pk}"
        not in login(hr).get(f"/agents/{agent.pk}/").content.decode()
    )
    form = login(lead).get(f"/one-on-ones/new/?agent={agent.pk}").context["form"]
    assert form["agent"].value() == str(agent.pk)
    first_meeting(lead, agent)
    assert "/one-on-ones/new/" not in login(lead).get(f"/agents/{agent.pk}/").content.decode()


@time_machine.travel(NOW, tick=False)
def test_the_dashboard_names_the_agents_without_a_recent_one_on_one_with_links(
    lead, agent, colleague, login
):
    series = Series.objects.create(lead=lead, agent=agent, every_days=14)
    Meeting.objects.create(series=series, scheduled_at=timezone.now() - datetime.timedelta(days=3))
    response = login(lead).get("/dashboard/")
    body = response.content.decode()
    assert "1 agent without a one-on-one in the last 4 weeks" in body
    assert f'<a href="/agents/{colleague.pk}/">{colleague}</a>' in body
    assert f'href="/agents/{agent.pk}/">{agent}</a>' not in body.split("one-on-one-missing")[1]


@time_machine.travel(NOW, tick=False)
def test_the_dashboard_needs_as_many_queries_for_20_agents_without_a_one_on_one_as_for_2(
    lead, agent, colleague, team, login
):
    from ..factories import make_agent

    client = login(lead)
    few = count_queries(client, "/dashboard/")
    for _ in range(18):
        make_agent(team)
    assert count_queries(client, "/dashboard/") == few
    body = client.get("/dashboard/").content.decode()
    assert "20 agents without a one-on-one in the last 4 weeks" in body
    assert body.count('<li class="list-inline-item"><a href="/agents/') == 12
    assert "and 8 more" in body


@time_machine.travel(NOW, tick=False)
def test_for_you_lists_each_open_action_item_up_to_five_nearest_due_and_links_to_the_rest(
    lead, agent, login
):
    meeting = first_meeting(lead, agent)
    start = timezone.localdate()
    for n in range(7):
        services.action_item_add(
            meeting=meeting,
            by=lead,
            text=f"Task {n}",
            owner=agent,
            due_on=start + datetime.timedelta(days=20 - n),
        )
    services.action_item_add(meeting=meeting, by=agent, text="Lead's task", owner=lead, due_on=None)
    client = login(agent)
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/me/")
    items = [i for i in response.context["for_you"] if i.kind == "one_on_one_action"]
    titles = [i.title for i in items]
    # the five due first (Task 6 … Task 2), each with its own link, then one line for the rest
    assert sorted(titles[:-1]) == sorted(
        f"Task {n} (due {(start + datetime.timedelta(days=20 - n)).strftime('%d %b %Y')})"
        for n in range(2, 7)
    )
    assert titles[-1] == "2 more open action items" and items[-1].url == "/one-on-ones/"
    assert all(i.url == meeting.get_absolute_url() for i in items[:-1])
    assert "Lead's task" not in " ".join(titles)
    for item in meeting.action_items.filter(owner=agent)[:6]:
        services.action_item_complete(item=item, by=agent)
    with CaptureQueriesContext(connection) as again:
        response = client.get("/me/")
    assert len(again) == len(captured)
    assert [i.title for i in response.context["for_you"] if i.kind == "one_on_one_action"] == [
        "Task 0 (due 27 Dec 2026)"
    ]


@time_machine.travel(NOW, tick=False)
def test_the_writer_changes_and_deletes_their_own_point_note_and_action_item_after_confirming(
    lead, agent, login
):
    from one_on_ones.models import ActionItem, SharedNote

    meeting = first_meeting(lead, agent)
    point = services.point_add(meeting=meeting, by=agent, text="Night shifts")
    note = services.shared_note_add(meeting=meeting, by=lead, text="We agreed")
    item = services.action_item_add(
        meeting=meeting, by=lead, text="Book the training", owner=agent, due_on=None
    )
    agent_client = login(agent)
    page = agent_client.get(meeting.get_absolute_url())
    assert page.context["page"].own_points == {point.pk}
    assert page.context["page"].own_notes == set() == page.context["page"].own_actions
    assert point.edit_url in page.content.decode() and note.edit_url not in page.content.decode()
    agent_client.post(point.edit_url, {"text": "Night and weekend shifts"})
    assert TalkingPoint.objects.get(pk=point.pk).text == "Night and weekend shifts"
    # the other participant may read the entry, never change it
    assert agent_client.get(note.edit_url).status_code == 404
    assert agent_client.post(item.delete_url, {"confirmation": "given"}).status_code == 404
    lead_client = login(lead)
    assert lead_client.post(point.edit_url, {"text": "Mine now"}).status_code == 404
    lead_client.post(note.edit_url, {"note-text": "We agreed on the chat training"})
    assert SharedNote.objects.get(pk=note.pk).text == "We agreed on the chat training"
    lead_client.post(
        item.edit_url,
        {"action-text": "Book it in January", "action-owner": lead.pk, "action-due_on": ""},
    )
    item.refresh_from_db()
    assert (item.text, item.owner) == ("Book it in January", lead)
    asked = lead_client.post(item.delete_url)
    assert asked.templates[0].name == "includes/confirm_page.html"
    assert ActionItem.objects.filter(pk=item.pk).exists()
    lead_client.post(item.delete_url, {"confirmation": "given"})
    lead_client.post(note.delete_url, {"confirmation": "given"})
    login(agent).post(point.delete_url, {"confirmation": "given"})  # one client: signed in again
    assert not ActionItem.objects.exists() and not SharedNote.objects.exists()
    assert not TalkingPoint.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_bad_changes_say_what_is_wrong_and_a_finished_agenda_or_a_done_item_stays(
    lead, agent, colleague, login
):
    meeting = first_meeting(lead, agent)
    point = services.point_add(meeting=meeting, by=agent, text="Night shifts")
    item = services.action_item_add(meeting=meeting, by=lead, text="Ask", owner=agent, due_on=None)
    client = login(lead)
    third = client.post(
        item.edit_url, {"action-text": "Ask", "action-owner": colleague.pk, "action-due_on": ""}
    )
    assert third.status_code == 200 and "owner" in third.context["form"].errors
    empty = login(agent).post(point.edit_url, {"text": " "})
    assert empty.status_code == 200 and empty.context["form"].errors
    with pytest.raises(Exception, match="third person"):
        services.action_item_edit(item=item, by=lead, text="Ask", owner=colleague, due_on=None)
    services.meeting_finish(meeting=meeting, by=lead)
    with pytest.raises(Exception, match="finished"):
        services.point_edit(point=point, by=agent, text="Later")
    assert TalkingPoint.objects.get(pk=point.pk).text == "Night shifts"
    assert point.pk not in login(agent).get(meeting.get_absolute_url()).context["page"].own_points
    services.action_item_complete(item=item, by=agent)
    assert client.get(item.edit_url).status_code == 404
    with pytest.raises(Exception, match="done"):
        services.action_item_delete(item=item, by=lead)
