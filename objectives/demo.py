"""Demo data of the objectives app: the service's satisfaction objective for the current quarter, each
team's part in it (agreed), and one proposal of the demo agent that their lead has answered.

The journey (tests/e2e/test_objectives_journey.py) writes a first-contact-resolution objective itself."""

from django.utils import timezone

from people.models import TeamMembership
from people.periods import Quarter

from .models import (
    Direction,
    Measure,
    PeriodKind,
    Proposal,
    ServiceObjective,
    TeamObjective,
    period_bounds,
)


def seed(*, demo, rng, today):
    quarter = Quarter.containing(today)
    starts_on, ends_on = period_bounds(PeriodKind.QUARTER, quarter.year, quarter.number)
    now = timezone.now()
    objective = ServiceObjective.objects.create(
        period_kind=PeriodKind.QUARTER,
        year=quarter.year,
        number=quarter.number,
        starts_on=starts_on,
        ends_on=ends_on,
        title_en="Customers leave satisfied",
        title_de="Kund*innen gehen zufrieden aus dem Kontakt",
        text_en="Customer satisfaction of at least 4.3 in every team.",
        text_de="Kundenzufriedenheit von mindestens 4,3 in jedem Team.",
        why_en="Satisfied customers stay, and recommend us; the company's growth target depends on it.",
        why_de="Zufriedene Kund*innen bleiben und empfehlen uns weiter; das Wachstumsziel des "
        "Unternehmens hängt daran.",
        measure=Measure.CSAT,
        direction=Direction.AT_LEAST,
        baseline=4.1,
        target=4.3,
        boundaries_en="We do not give legal or tax advice, and we do not sell on complaint calls.",
        boundaries_de="Wir beraten nicht rechtlich oder steuerlich und verkaufen nicht in "
        "Beschwerdegesprächen.",
        leeway_en="Goodwill up to 25 euros without asking; no handling-time pressure on complex cases.",
        leeway_de="Kulanz bis 25 Euro ohne Rückfrage; kein Zeitdruck bei komplexen Anliegen.",
        status=ServiceObjective.Status.PUBLISHED,
        author=demo.hr,
        published_at=now,
    )
    TeamObjective.objects.bulk_create(
        TeamObjective(
            service_objective=objective,
            team=team,
            title="Wir klären Anliegen im ersten Kontakt, freundlich und vollständig",
            how="Rückfragen vermeiden: am Ende jedes Gesprächs fragen, ob alles geklärt ist.",
            status=TeamObjective.Status.AGREED,
            proposed_by=lead,
            agreed_by=demo.hr,
            agreed_at=now,
        )
        for team, lead in zip(demo.teams, demo.leads, strict=False)
    )
    own = TeamObjective.objects.filter(
        service_objective=objective,
        team__in=TeamMembership.objects.current(today)
        .members()
        .filter(user=demo.agent)
        .values("team_id"),
    ).first()
    if own is not None:
        Proposal.objects.create(
            team_objective=own,
            agent=demo.agent,
            text="Kund*innen fragen oft nach dem Stand ihrer Rücksendung; ein Textbaustein mit dem "
            "Link zur Sendungsverfolgung würde Rückrufe sparen.",
            answer=Proposal.Answer.TAKEN_UP,
            reason="Gute Idee: Der Baustein kommt nächste Woche in die Wissensdatenbank.",
            answered_by=own.proposed_by,
            answered_at=now,
        )
