"""Anonymous upward feedback that holds.

One answer per agent, lead and quarter (recorded apart from the answer); figures only per
closed quarter and from three anonymous answers on; no time finer than the day; comments to
the lead without names, in random order; the admin shows no single answer.
"""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from feedback import selectors, services
from feedback.models import ANSWER_ID_FLOOR, UpwardFeedback, UpwardFeedbackParticipation
from people.periods import Quarter

from ..factories import make_agent

pytestmark = pytest.mark.django_db
IN_Q2 = "2026-05-12 14:37:21.123456 +02:00"
IN_Q3 = "2026-07-02 09:00 +02:00"
Q2 = Quarter(2026, 2)


def give(agent, lead, *, anonymous=True, scores=(4, 5, 3), comment=""):
    clarity, support, fairness = scores
    return services.upward_feedback_give(
        author=agent,
        lead=lead,
        anonymous=anonymous,
        clarity=clarity,
        support=support,
        fairness=fairness,
        comment=comment,
    )


def post(client, lead, *, anonymous=True, comment="More 1:1s please"):
    return client.post(
        "/feedback/upward/new/",
        {
            "lead": lead.pk,
            "clarity": "4",
            "support": "5",
            "fairness": "3",
            "comment": comment,
            **({"anonymous": "on"} if anonymous else {}),
        },
    )


@pytest.fixture
def three_more_agents(team, lead):
    return [make_agent(team, first_name=f"Agent{n}", last_name=f"Number{n}") for n in range(3)]


@time_machine.travel(IN_Q2, tick=False)
def test_an_agent_answers_once_per_lead_and_quarter(cast, login):
    client = login(cast["agent"])
    assert post(client, cast["lead"]).status_code == 302
    second = post(client, cast["lead"], anonymous=False)
    assert second.status_code == 200
    assert UpwardFeedback.objects.count() == 1
    with pytest.raises(ValidationError):
        give(cast["agent"], cast["lead"])
    assert UpwardFeedback.objects.count() == 1
    assert "already given feedback" in client.get("/feedback/upward/new/").content.decode()


def test_the_agent_answers_again_in_the_next_quarter(cast):
    with time_machine.travel(IN_Q2, tick=False):
        give(cast["agent"], cast["lead"])
    with time_machine.travel(IN_Q3, tick=False):
        give(cast["agent"], cast["lead"])
    assert sorted(UpwardFeedback.objects.values_list("quarter", flat=True)) == [
        "2026-Q2",
        "2026-Q3",
    ]


@time_machine.travel(IN_Q2, tick=False)
def test_participation_is_recorded_apart_from_the_answer(cast):
    answer = give(cast["agent"], cast["lead"], comment="Honest words")
    participation = UpwardFeedbackParticipation.objects.get()
    assert (participation.agent, participation.lead, participation.quarter) == (
        cast["agent"],
        cast["lead"],
        "2026-Q2",
    )
    assert answer.author is None
    relations = {
        f.related_model for f in UpwardFeedbackParticipation._meta.get_fields() if f.is_relation
    }
    assert UpwardFeedback not in relations
    assert {f.name for f in UpwardFeedbackParticipation._meta.get_fields()} == {
        "id",
        "agent",
        "lead",
        "quarter",
    }
    assert not isinstance(
        participation.pk, int
    )  # a random key: its order says nothing about the answers'


@time_machine.travel(IN_Q2, tick=False)
def test_an_answer_keeps_the_day_and_no_time(cast):
    answer = give(cast["agent"], cast["lead"])
    answer.refresh_from_db()
    assert answer.given_on == datetime.date(2026, 5, 12)
    time_fields = [
        f.name
        for f in UpwardFeedback._meta.get_fields()
        if f.get_internal_type() == "DateTimeField"
    ]
    assert time_fields == []


def test_a_refused_answer_saves_nothing(cast):
    with pytest.raises(ValidationError):
        give(cast["agent"], cast["other_lead"])
    assert not UpwardFeedback.objects.exists() and not UpwardFeedbackParticipation.objects.exists()


def test_figures_appear_only_for_a_closed_quarter_with_three_answers(
    cast, three_more_agents, login
):
    with time_machine.travel(IN_Q2, tick=False):
        for agent in [cast["agent"], cast["colleague"], three_more_agents[0]]:
            give(agent, cast["lead"])
        assert selectors.upward_figures(cast["lead"], Q2) is None  # the quarter is still open
        body = login(cast["lead"]).get("/feedback/upward/").content.decode()
        assert "4.0 / 5" not in body
    with time_machine.travel(IN_Q3, tick=False):
        figures = selectors.upward_figures(cast["lead"], Q2)
        assert (figures.count, figures.clarity, figures.support, figures.fairness) == (
            3,
            4.0,
            5.0,
            3.0,
        )
        assert "4.0 / 5" in login(cast["lead"]).get("/feedback/upward/").content.decode()


def test_a_closed_quarter_with_two_answers_shows_no_figures(cast, login):
    with time_machine.travel(IN_Q2, tick=False):
        give(cast["agent"], cast["lead"])
        give(cast["colleague"], cast["lead"])
    with time_machine.travel(IN_Q3, tick=False):
        assert selectors.upward_figures(cast["lead"], Q2) is None
        body = login(cast["lead"]).get("/feedback/upward/").content.decode()
        assert "Fewer than 3 anonymous answers" in body and "4.0 / 5" not in body


def test_a_new_answer_never_changes_a_figure_already_shown(cast, three_more_agents):
    """Answers of the running quarter count for it alone, once it ends: the fourth cannot be isolated."""
    with time_machine.travel(IN_Q2, tick=False):
        for agent in [cast["agent"], cast["colleague"], three_more_agents[0]]:
            give(agent, cast["lead"], scores=(3, 3, 3))
    with time_machine.travel(IN_Q3, tick=False):
        before = selectors.upward_figures(cast["lead"], Q2)
        give(three_more_agents[1], cast["lead"], scores=(1, 1, 1))
        assert selectors.upward_figures(cast["lead"], Q2) == before
        assert selectors.upward_figures(cast["lead"], Quarter(2026, 3)) is None


def test_named_answers_do_not_enter_the_anonymous_figures(cast, three_more_agents):
    with time_machine.travel(IN_Q2, tick=False):
        for agent in [cast["agent"], cast["colleague"], three_more_agents[0]]:
            give(agent, cast["lead"], scores=(3, 3, 3))
        give(three_more_agents[1], cast["lead"], anonymous=False, scores=(1, 1, 1))
    with time_machine.travel(IN_Q3, tick=False):
        assert selectors.upward_figures(cast["lead"], Q2).count == 3
        assert selectors.upward_figures(cast["lead"], Q2).clarity == 3.0


def test_the_lead_reads_anonymous_comments_without_names_in_random_order(
    cast, three_more_agents, login, monkeypatch
):
    comments = ["First comment", "Second comment", "Third comment"]
    with time_machine.travel(IN_Q2, tick=False):
        for agent, comment in zip(
            [cast["agent"], cast["colleague"], three_more_agents[0]], comments, strict=False
        ):
            give(agent, cast["lead"], comment=comment)
        assert "First comment" not in login(cast["lead"]).get("/feedback/upward/").content.decode()
    shuffled = []
    monkeypatch.setattr(
        selectors.secrets.SystemRandom,
        "shuffle",
        lambda self, items: (items.reverse(), shuffled.append(list(items))),
    )
    with time_machine.travel(IN_Q3, tick=False):
        body = login(cast["lead"]).get("/feedback/upward/").content.decode()
    assert all(comment in body for comment in comments)
    assert shuffled and sorted(shuffled[0]) == sorted(comments)
    assert body.index("Third comment") < body.index("Second comment") < body.index("First comment")
    for agent in (cast["agent"], cast["colleague"], three_more_agents[0]):
        assert agent.get_full_name() not in body


def test_hr_sees_figures_per_closed_quarter_from_three_answers(cast, three_more_agents, login):
    with time_machine.travel(IN_Q2, tick=False):
        for agent in [cast["agent"], cast["colleague"], three_more_agents[0]]:
            give(agent, cast["lead"])
        give(cast["other_agent"], cast["other_lead"])
        assert login(cast["hr"]).get("/hr/upward/?quarter=2026-Q2").status_code == 400
    with time_machine.travel(IN_Q3, tick=False):
        response = login(cast["hr"]).get("/hr/upward/")
        rows = {lead: (count, clarity) for lead, count, clarity, _s, _f in response.context["rows"]}
        assert rows[cast["lead"]] == (3, 4.0)
        assert rows[cast["other_lead"]] == (None, None)
        assert "More 1:1s please" not in response.content.decode()
        assert login(cast["hr"]).get("/hr/upward/?quarter=2026-Q3").status_code == 400
        assert login(cast["hr"]).get("/hr/upward/?quarter=2026-Q1").context["rows"]


def test_the_form_tells_the_agent_exactly_what_happens(cast, login):
    body = login(cast["agent"]).get("/feedback/upward/new/").content.decode()
    for promise in (
        "once per lead and quarter",
        "your name is not stored with your answer",
        "only after the quarter has ended",
        "at least 3 colleagues answered anonymously",
        "without names and in random order",
        "only the day of your answer",
    ):
        assert promise in body, promise


def test_the_admin_has_no_upward_feedback_and_no_participation(cast, login):
    give(cast["agent"], cast["lead"], comment="Secret comment")
    client = login(cast["admin"])
    assert client.get("/admin/feedback/upwardfeedback/").status_code == 404
    assert client.get("/admin/feedback/upwardfeedbackparticipation/").status_code == 404
    assert "Secret comment" not in client.get("/admin/").content.decode()


def _migrate(connection, targets):
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    return executor


@pytest.mark.django_db(transaction=True)
def test_the_data_migration_truncates_timestamps_to_the_local_day_and_records_participation(cast):
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    before = [("feedback", "0001_initial")]
    try:
        old_apps = _migrate(connection, before).loader.project_state(before).apps
        OldAnswer = old_apps.get_model("feedback", "UpwardFeedback")
        late_evening_utc = datetime.datetime(
            2026, 6, 30, 22, 30, 12, 345678, tzinfo=datetime.UTC
        )  # 1 July, Berlin
        for author in (cast["agent"], None, cast["agent"]):
            answer = OldAnswer.objects.create(
                lead_id=cast["lead"].pk,
                author_id=author.pk if author else None,
                clarity=3,
                support=3,
                fairness=3,
            )
            OldAnswer.objects.filter(pk=answer.pk).update(created_at=late_evening_utc)
    finally:
        _migrate(
            connection, None
        )  # forward to the latest state, whatever happened, for the tests after this one
        ContentType.objects.clear_cache()

    assert set(UpwardFeedback.objects.values_list("given_on", "quarter")) == {
        (datetime.date(2026, 7, 1), "2026-Q3")
    }
    assert list(UpwardFeedbackParticipation.objects.values_list("agent", "lead", "quarter")) == [
        (cast["agent"].pk, cast["lead"].pk, "2026-Q3")
    ]


def test_the_form_offers_the_agents_lead_preselected_and_reads_the_leads_once(cast, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(cast["agent"])
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/feedback/upward/new/")
    body = response.content.decode()
    assert f'<option value="{cast["lead"].pk}" selected>{cast["lead"]}</option>' in body
    assert cast["other_lead"].get_full_name() not in body
    assert sum('"people_teammembership"' in q["sql"] for q in ctx.captured_queries) == 1


def test_the_form_says_so_when_the_agent_has_no_lead(cast, login):
    from people.models import TeamMembership

    TeamMembership.objects.filter(user=cast["lead"]).delete()
    body = login(cast["agent"]).get("/feedback/upward/new/").content.decode()
    assert "You have no team lead at the moment." in body


@time_machine.travel(IN_Q2, tick=False)
def test_answers_and_participations_keep_no_order_of_answering(cast, three_more_agents):
    for agent in [cast["agent"], *three_more_agents]:
        give(agent, cast["lead"])
    answers = list(UpwardFeedback.objects.values_list("pk", flat=True))
    assert len(answers) == 4
    # keys drawn at random from 2**40..2**62, never the sequence 1, 2, 3, ...
    assert all(pk >= ANSWER_ID_FLOOR for pk in answers)
    assert UpwardFeedback._meta.ordering == ["-given_on", "id"]  # within a day: by the random key
    # participations list by their random key, not in the order they were saved
    assert UpwardFeedbackParticipation._meta.ordering == ["id"]
    listed = list(UpwardFeedbackParticipation.objects.values_list("pk", flat=True))
    assert listed == sorted(listed)


@pytest.mark.django_db(transaction=True)
def test_answers_saved_before_get_random_keys_too(cast):
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    before = [("feedback", "0006_alter_coachingnote_agent_comment_and_more")]
    try:
        old_apps = _migrate(connection, before).loader.project_state(before).apps
        OldAnswer = old_apps.get_model("feedback", "UpwardFeedback")
        for _ in range(3):
            OldAnswer.objects.create(
                lead_id=cast["lead"].pk, quarter="2026-Q2", clarity=4, support=4, fairness=4
            )
    finally:
        _migrate(connection, None)
        ContentType.objects.clear_cache()
    keys = list(UpwardFeedback.objects.values_list("pk", flat=True))
    assert len(keys) == 3 and all(pk >= ANSWER_ID_FLOOR for pk in keys)
