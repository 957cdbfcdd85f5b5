"""Demo data of the briefings app: a briefing a month over the history, covered in the teams' meetings;
and three current ones: one fully covered, one partly, one fresh."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from core.bulk import BulkWriter

from .models import Acknowledgement, Briefing, TalkingPoint, TeamMeeting

BRIEFINGS = [
    {
        "title_en": "New tariff structure from 1 January",
        "title_de": "Neue Tarifstruktur ab 1. Januar",
        "context_en": "We simplify from nine tariffs to four.",
        "context_de": "Wir vereinfachen von neun auf vier Tarife.",
        "changes_en": "Old tariffs stay bookable until 31 December; after that, offer the new ones only.",
        "changes_de": "Alte Tarife bleiben bis 31. Dezember buchbar; danach bieten Sie nur die neuen an.",
        "points": [
            (
                "Why: customers found nine tariffs confusing.",
                "Warum: Kund*innen fanden neun Tarife verwirrend.",
            ),
            ("What: four tariffs, no minimum term.", "Was: vier Tarife, keine Mindestlaufzeit."),
            (
                "For you: new sales script in the knowledge base.",
                "Für Sie: neuer Gesprächsleitfaden in der Wissensdatenbank.",
            ),
        ],
        "days_ago": 30,
        "coverage": "all",
    },
    {
        "title_en": "Longer opening hours on Saturdays",
        "title_de": "Längere Öffnungszeiten samstags",
        "context_en": "From February we are reachable on Saturdays until 18:00.",
        "context_de": "Ab Februar sind wir samstags bis 18 Uhr erreichbar.",
        "changes_en": "Saturday shifts are planned with the works council; volunteers first.",
        "changes_de": "Samstagsschichten werden mit dem Betriebsrat geplant; Freiwillige zuerst.",
        "points": [
            (
                "Where we stand: Saturday demand has doubled.",
                "Wo wir stehen: Die Nachfrage samstags hat sich verdoppelt.",
            ),
            (
                "Where we are going: better reachability, no forced overtime.",
                "Wohin wir gehen: bessere Erreichbarkeit, keine erzwungenen Überstunden.",
            ),
        ],
        "days_ago": 12,
        "coverage": "some",
    },
    {
        "title_en": "New ticket system in spring",
        "title_de": "Neues Ticketsystem im Frühjahr",
        "context_en": "We replace the ticket system; training starts in March.",
        "context_de": "Wir lösen das Ticketsystem ab; Schulungen beginnen im März.",
        "changes_en": "Everyone gets two half-day trainings during working time.",
        "changes_de": "Alle bekommen zwei halbtägige Schulungen in der Arbeitszeit.",
        "points": [
            (
                "What changes: one inbox for e-mail, chat and social.",
                "Was sich ändert: ein Eingang für E-Mail, Chat und Social Media.",
            ),
            (
                "When: pilot team in March, everyone by May.",
                "Wann: Pilotteam im März, alle bis Mai.",
            ),
        ],
        "days_ago": 2,
        "coverage": "none",
    },
]


# (English topic, German topic, English talking point, German talking point)
MONTHLY = [
    (
        "Callback rule",
        "Rückrufregel",
        "Promise a callback only with a time window.",
        "Rückrufe nur mit Zeitfenster zusagen.",
    ),
    (
        "Quality checks",
        "Qualitätsprüfungen",
        "Two calls per agent are checked each month.",
        "Pro Person werden im Monat zwei Gespräche geprüft.",
    ),
    (
        "Knowledge base",
        "Wissensdatenbank",
        "New articles on tariffs and invoices.",
        "Neue Artikel zu Tarifen und Rechnungen.",
    ),
    (
        "Shift planning",
        "Schichtplanung",
        "Swap requests now go through the planning tool.",
        "Tauschwünsche laufen jetzt über das Planungstool.",
    ),
    (
        "Data protection",
        "Datenschutz",
        "Never read out full account numbers on the phone.",
        "Kontonummern am Telefon nie vollständig vorlesen.",
    ),
    (
        "Customer satisfaction",
        "Kundenzufriedenheit",
        "The survey now follows every chat.",
        "Die Umfrage folgt jetzt auf jeden Chat.",
    ),
]
MONTHS_DE = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
]
MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def seed(*, demo, rng, today):
    members = demo.members()
    lead_of_team = dict(zip([t.pk for t in demo.teams], demo.leads, strict=False))
    with BulkWriter() as out:
        _monthly(out, demo, members, lead_of_team, rng, today)
        _current(out, demo, members, lead_of_team, today)


def _monthly(out, demo, members, lead_of_team, rng, today):
    """On the 5th of each past month: a briefing for a site (or everyone), covered by most teams within days."""
    hired = {agent.pk: day for agent, day in zip(demo.agents, demo.hired, strict=False)}
    month = date(demo.start.year, demo.start.month, 1)
    while month < date(today.year, today.month, 1) - timedelta(days=31):
        month = (month + timedelta(days=32)).replace(day=1)
        topic_en, topic_de, point_en, point_de = MONTHLY[month.month % len(MONTHLY)]
        site = rng.choice([None, "Köln", "Leipzig"])
        teams = [
            t for t in demo.teams if site is None or t.site == site or t.pk == demo.teams[0].pk
        ]
        published = month + timedelta(days=4)
        briefing = out.add(
            Briefing(
                title_en=f"{topic_en}: {MONTHS_EN[month.month - 1]} {month.year}",
                title_de=f"{topic_de}: {MONTHS_DE[month.month - 1]} {month.year}",
                context_en=point_en,
                context_de=point_de,
                changes_en=point_en,
                changes_de=point_de,
                applies_from=published + timedelta(days=10),
                status=Briefing.Status.PUBLISHED,
                author=demo.hr,
                published_at=_at(published),
                created_at=_at(published - timedelta(days=2)),
            )
        )
        out.add(TalkingPoint(briefing=briefing, position=0, text_en=point_en, text_de=point_de))
        out.add_all(Briefing.teams.through(briefing_id=briefing.pk, team_id=t.pk) for t in teams)
        for team in teams:
            if team.pk != demo.teams[0].pk and rng.random() < 0.1:
                continue  # a few teams never covered it: the lead still sees it as open
            held = published + timedelta(days=rng.randint(1, 9))
            present = [
                a for a in members.get(team.pk, []) if hired[a.pk] <= held and rng.random() < 0.9
            ]
            _meeting(out, team, lead_of_team[team.pk], held, present, briefing)
            out.add_all(
                Acknowledgement(
                    briefing=briefing, agent=a, acknowledged_at=_at(held + timedelta(days=1))
                )
                for a in present
                if rng.random() < 0.9
            )


def _current(out, demo, members, lead_of_team, today):
    now = timezone.now()
    teams = demo.teams[:5]
    for spec in BRIEFINGS:
        briefing = out.add(
            Briefing(
                **{
                    k: spec[k]
                    for k in (
                        "title_en",
                        "title_de",
                        "context_en",
                        "context_de",
                        "changes_en",
                        "changes_de",
                    )
                },
                applies_from=today + timedelta(days=20),
                status=Briefing.Status.PUBLISHED,
                author=demo.hr,
                published_at=now - timedelta(days=spec["days_ago"]),
            )
        )
        out.add_all(Briefing.teams.through(briefing_id=briefing.pk, team_id=t.pk) for t in teams)
        out.add_all(
            TalkingPoint(briefing=briefing, position=n, text_en=en, text_de=de)
            for n, (en, de) in enumerate(spec["points"])
        )
        covering = {"all": teams, "some": teams[1:3], "none": []}[spec["coverage"]]
        for team in covering:
            team_agents = members.get(team.pk, [])
            present = team_agents[: max(1, len(team_agents) - 1)]  # one absent for follow-up
            _meeting(
                out,
                team,
                lead_of_team[team.pk],
                today - timedelta(days=spec["days_ago"] - 3),
                present,
                briefing,
            )
            readers = present if spec["coverage"] == "all" else present[: len(present) // 2]
            out.add_all(
                Acknowledgement(briefing=briefing, agent=a) for a in readers if a != demo.agent
            )


def _meeting(out, team, lead, held, present, briefing):
    meeting = out.add(TeamMeeting(team=team, lead=lead, held_on=held))
    out.add_all(
        TeamMeeting.attendees.through(teammeeting_id=meeting.pk, user_id=a.pk) for a in present
    )
    out.add(TeamMeeting.briefings.through(teammeeting_id=meeting.pk, briefing_id=briefing.pk))


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(9, 0)))
