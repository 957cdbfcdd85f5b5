import datetime

import pytest
from django.core.management import call_command

from feedback.demo import OBSERVATIONS
from people.models import Role, Team, TeamMembership, User
from people.selectors import current_leads_of_agent
from plans.demo import GOALS

pytestmark = pytest.mark.django_db(transaction=False)
GERMAN_SITUATIONS = {german[0] for *_rest, german in OBSERVATIONS}
GERMAN_GOALS = {goal[1] for goal in GOALS}


def seed(*args):
    from io import StringIO

    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def test_the_demo_has_the_four_logins_with_the_demo_password():
    output = seed()
    for email in [
        "lead@demo.example",
        "agent@demo.example",
        "hr@demo.example",
        "admin@demo.example",
    ]:
        assert email in output
        assert User.objects.get(email=email).check_password("demo1234")
    assert User.objects.get(email="admin@demo.example").is_superuser


def test_the_demo_agent_is_in_the_demo_leads_team():
    seed()
    agent = User.objects.get(email="agent@demo.example")
    assert list(current_leads_of_agent(agent)) == [User.objects.get(email="lead@demo.example")]


def test_the_demo_is_a_believable_service_center():
    seed()
    assert User.objects.filter(role=Role.AGENT).count() == 40
    assert Team.objects.count() >= 4
    assert len(set(Team.objects.values_list("primary_channel", flat=True))) >= 3
    assert TeamMembership.objects.leads().count() == Team.objects.count()
    names = set(User.objects.values_list("last_name", flat=True))
    assert {"Müller", "Nguyen"} & names or len(names) > 20
    with_interests = (
        User.objects.filter(role=Role.AGENT).exclude(profile__career_interests="").count()
    )
    assert with_interests > 20


def test_running_the_seed_twice_creates_no_duplicates():
    seed()
    counts = (User.objects.count(), Team.objects.count(), TeamMembership.objects.count())
    output = seed()
    assert "already present" in output
    assert (User.objects.count(), Team.objects.count(), TeamMembership.objects.count()) == counts


def test_the_seed_is_deterministic():
    seed()
    first = list(User.objects.order_by("email").values_list("email", "first_name", "last_name"))
    User.objects.all().delete()
    Team.objects.all().delete()
    seed()
    assert (
        list(User.objects.order_by("email").values_list("email", "first_name", "last_name"))
        == first
    )


def _per_agent(model, **filters):
    from django.db.models import Count

    return sorted(
        model.objects.filter(**filters)
        .values("agent")
        .annotate(n=Count("id"))
        .values_list("n", flat=True)
    )


def test_the_history_grows_with_the_years():
    from feedback.models import CoachingNote
    from kpis.models import KpiRecord
    from reviews.models import Review
    from skills.models import SkillRating

    seed("--agents", "24", "--years", "1")
    one_year = {
        model: model.objects.count() for model in (CoachingNote, KpiRecord, Review, SkillRating)
    }
    for model in (User, Team):
        model.objects.all().delete()
    seed("--agents", "24", "--years", "3")
    for model, count in one_year.items():
        assert model.objects.count() > 2 * count, model


def test_a_long_serving_agent_has_notes_reviews_and_weekly_figures_for_every_year():
    from feedback.models import CoachingNote
    from kpis.models import KpiRecord
    from reviews.models import Review
    from skills.models import SkillRating

    seed("--agents", "24", "--years", "2")
    veteran = (
        User.objects.filter(
            role=Role.AGENT,
            profile__hire_date__lte=datetime.date.today(),  # noqa: DTZ011  # the seed uses the machine's day too - datetime.timedelta(days=3 * 365),
        )
        .order_by("pk")
        .first()
    )
    notes = CoachingNote.objects.filter(agent=veteran).count()
    assert 24 * 2 * 0.6 <= notes <= 24 * 2 * 1.4  # about two a month
    assert Review.objects.filter(agent=veteran).count() >= 7  # one a quarter
    weeks = KpiRecord.objects.filter(agent=veteran).values("period_start").distinct().count()
    assert weeks >= 100
    assert (
        KpiRecord.objects.filter(agent=veteran).count() == weeks * veteran.profile.channels.count()
    )
    history = SkillRating.objects.filter(agent=veteran).values("skill").distinct().count()
    assert history == 20 and SkillRating.objects.filter(agent=veteran).count() > 3 * history


def test_german_speaking_demo_people_read_german_demo_content():
    from feedback.models import CoachingNote
    from plans.models import Goal

    seed()
    agent = User.objects.get(email="agent@demo.example")
    assert agent.preferred_language == "de"
    situations = CoachingNote.objects.filter(agent=agent).values_list("situation", flat=True)
    assert situations and all(s in GERMAN_SITUATIONS for s in situations)
    english = User.objects.filter(role=Role.AGENT, preferred_language="en").first()
    assert all(
        s not in GERMAN_SITUATIONS
        for s in CoachingNote.objects.filter(agent=english).values_list("situation", flat=True)
    )
    goals = Goal.objects.filter(plan__agent=agent).values_list("title", flat=True)
    assert goals and all(title in GERMAN_GOALS for title in goals)


def test_the_demo_agent_starts_this_quarters_review_and_has_gaps_to_turn_into_goals():
    from people.periods import Quarter
    from reviews.models import Review
    from skills.selectors import current_levels, targets

    seed()
    agent = User.objects.get(email="agent@demo.example")
    assert not Review.objects.filter(agent=agent, cycle__label=Quarter.current().label).exists()
    assert not Review.objects.filter(agent=agent, status=Review.Status.SHARED).exists()
    levels, goals = current_levels([agent.pk])[agent.pk], targets([agent.pk])[agent.pk]
    gaps = [skill for skill, target in goals.items() if levels.get(skill, 0) < target]
    assert len(gaps) >= 2


def test_the_seed_analyses_the_portals_tables_and_locks_no_catalog_other_databases_share():
    """Seeded inside a test's transaction, a bare ANALYZE held a lock on the catalogs every database
    of the server shares until that transaction ended, stalling a parallel test run's other databases."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        seed()
    analyses = [q["sql"] for q in queries if q["sql"].upper().startswith("ANALYZE")]
    if connection.vendor != "postgresql":
        assert analyses == []
        return
    assert len(analyses) == 1 and '"feedback_coachingnote"' in analyses[0]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
            "WHERE l.pid = pg_backend_pid() AND c.relisshared"
        )
        assert cursor.fetchall() == []
