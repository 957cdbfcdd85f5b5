"""Demo data of the briefings app: one briefing fully covered, one partly, one fresh."""

from datetime import timedelta

from django.utils import timezone

from .models import Acknowledgement, Briefing, TalkingPoint, TeamMeeting

BRIEFINGS = [
    {
        "title_en": "New tariff structure from 1 January", "title_de": "Neue Tarifstruktur ab 1. Januar",
        "context_en": "We simplify from nine tariffs to four.", "context_de": "Wir vereinfachen von neun auf vier Tarife.",
        "changes_en": "Old tariffs stay bookable until 31 December; after that, offer the new ones only.",
        "changes_de": "Alte Tarife bleiben bis 31. Dezember buchbar; danach bieten Sie nur die neuen an.",
        "points": [("Why: customers found nine tariffs confusing.", "Warum: Kund*innen fanden neun Tarife verwirrend."),
                   ("What: four tariffs, no minimum term.", "Was: vier Tarife, keine Mindestlaufzeit."),
                   ("For you: new sales script in the knowledge base.", "Für Sie: neuer Gesprächsleitfaden in der Wissensdatenbank.")],
        "days_ago": 30, "coverage": "all",
    },
    {
        "title_en": "Longer opening hours on Saturdays", "title_de": "Längere Öffnungszeiten samstags",
        "context_en": "From February we are reachable on Saturdays until 18:00.",
        "context_de": "Ab Februar sind wir samstags bis 18 Uhr erreichbar.",
        "changes_en": "Saturday shifts are planned with the works council; volunteers first.",
        "changes_de": "Samstagsschichten werden mit dem Betriebsrat geplant; Freiwillige zuerst.",
        "points": [("Where we stand: Saturday demand has doubled.", "Wo wir stehen: Die Nachfrage samstags hat sich verdoppelt."),
                   ("Where we are going: better reachability, no forced overtime.", "Wohin wir gehen: bessere Erreichbarkeit, keine erzwungenen Überstunden.")],
        "days_ago": 12, "coverage": "some",
    },
    {
        "title_en": "New ticket system in spring", "title_de": "Neues Ticketsystem im Frühjahr",
        "context_en": "We replace the ticket system; training starts in March.",
        "context_de": "Wir lösen das Ticketsystem ab; Schulungen beginnen im März.",
        "changes_en": "Everyone gets two half-day trainings during working time.",
        "changes_de": "Alle bekommen zwei halbtägige Schulungen in der Arbeitszeit.",
        "points": [("What changes: one inbox for e-mail, chat and social.", "Was sich ändert: ein Eingang für E-Mail, Chat und Social Media."),
                   ("When: pilot team in March, everyone by May.", "Wann: Pilotteam im März, alle bis Mai.")],
        "days_ago": 2, "coverage": "none",
    },
]


def seed(*, demo, rng, today):
    now = timezone.now()
    members = {}
    for i, agent in enumerate(demo.agents):
        members.setdefault(demo.teams[i % len(demo.teams)].pk, []).append(agent)
    teams = demo.teams[:5]
    lead_of_team = dict(zip([t.pk for t in demo.teams], demo.leads))
    for spec in BRIEFINGS:
        briefing = Briefing.objects.create(
            **{k: spec[k] for k in ("title_en", "title_de", "context_en", "context_de", "changes_en", "changes_de")},
            applies_from=today + timedelta(days=20), status=Briefing.Status.PUBLISHED, author=demo.hr,
            published_at=now - timedelta(days=spec["days_ago"]),
        )
        briefing.teams.set(teams)
        TalkingPoint.objects.bulk_create(TalkingPoint(briefing=briefing, position=n, text_en=en, text_de=de)
                                         for n, (en, de) in enumerate(spec["points"]))
        covering = {"all": teams, "some": teams[1:3], "none": []}[spec["coverage"]]
        acknowledgements = []
        for team in covering:
            team_agents = members.get(team.pk, [])
            present = team_agents[: max(1, len(team_agents) - 1)]  # one absent for follow-up
            meeting = TeamMeeting.objects.create(team=team, lead=lead_of_team[team.pk],
                                                 held_on=today - timedelta(days=spec["days_ago"] - 3))
            meeting.attendees.set(present)
            meeting.briefings.add(briefing)
            readers = present if spec["coverage"] == "all" else present[: len(present) // 2]
            acknowledgements += [Acknowledgement(briefing=briefing, agent=a) for a in readers if a != demo.agent]
        Acknowledgement.objects.bulk_create(acknowledgements)
