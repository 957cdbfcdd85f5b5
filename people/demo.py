"""Demo data for people and teams: a believable, deterministic service center."""

import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth.hashers import make_password

from .models import AgentProfile, Channel, ChannelCode, Role, Team, TeamMembership, User

DEMO_PASSWORD = "demo1234"
DEMO_DOMAIN = "demo.example"
DEMO_LEAD_EMAIL = f"lead@{DEMO_DOMAIN}"
DEMO_AGENT_EMAIL = f"agent@{DEMO_DOMAIN}"
DEMO_HR_EMAIL = f"hr@{DEMO_DOMAIN}"
DEMO_ADMIN_EMAIL = f"admin@{DEMO_DOMAIN}"
TEAM_SIZE = 12

FIRST_NAMES = [
    "Anna", "Lukas", "Marie", "Jonas", "Sophie", "Leon", "Lea", "Finn", "Hannah", "Paul", "Laura", "Felix",
    "Julia", "Maximilian", "Katharina", "Tobias", "Sarah", "Niklas", "Lisa", "Moritz", "Elif", "Emre", "Ayşe",
    "Mehmet", "Zeynep", "Agnieszka", "Piotr", "Katarzyna", "Giulia", "Marco", "Sofia", "Luca", "Amira", "Omar",
    "Yasmin", "Karim", "Thi Mai", "Minh", "Olena", "Dmytro", "Ana", "João", "Fatma", "Nikolai", "Ingrid",
    "Jürgen", "Sabine", "Uwe", "Birgit", "Dragan", "Milena", "Chiara", "Samuel", "Aylin", "Nadia", "Björn",
]
LAST_NAMES = [
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
    "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger",
    "Yılmaz", "Kaya", "Demir", "Şahin", "Kowalski", "Nowak", "Wiśniewska", "Rossi", "Bianchi", "Esposito",
    "Haddad", "Nasser", "Nguyen", "Tran", "Kovalenko", "Shevchenko", "Silva", "Santos", "Petrović", "Jovanović",
    "Hansen", "Lindqvist", "Öztürk", "Hartmann", "Lange", "Krause", "Vogel", "Friedrich", "Keller", "Günther",
]
TEAMS = [
    ("Privatkunden Telefon", ChannelCode.PHONE, "Köln"),
    ("E-Mail & Tickets", ChannelCode.EMAIL, "Köln"),
    ("Chat & Messaging", ChannelCode.CHAT, "Leipzig"),
    ("Geschäftskunden", ChannelCode.PHONE, "Leipzig"),
    ("Social Media Care", ChannelCode.SOCIAL, "Köln"),
]
CAREER_INTERESTS = {
    "de": [
        "Ich möchte in zwei Jahren als Trainerin neue Kolleginnen einarbeiten.",
        "Qualitätsmanagement (QA) reizt mich – ich höre gern Gespräche ab und gebe Feedback.",
        "Langfristig Teamleitung; zuerst gern als Stellvertretung.",
        "Ich würde gern zusätzlich im Chat arbeiten.",
        "Social Media interessiert mich sehr, vor allem Community-Management.",
        "Workforce Management und Einsatzplanung.",
        "Ich bin zufrieden im Telefonteam und möchte Expertin für Tarife werden.",
        "",
    ],
    "en": [
        "I would like to become a trainer for new hires within two years.",
        "Quality assurance: I enjoy listening to calls and giving feedback.",
        "Team lead in the long run; deputy lead first.",
        "I would like to add chat as a second channel.",
        "Social media care, especially community management.",
        "",
    ],
}
DEVELOPMENT_WISHES = {
    "de": [
        "Sicherer werden in schwierigen Gesprächen mit verärgerten Kunden.",
        "Mehr Produktwissen zu Geschäftskundentarifen.",
        "Schneller im CRM dokumentieren.",
        "Präsentieren vor dem Team üben.",
        "",
    ],
    "en": [
        "More confidence with escalated customers.",
        "Writing shorter, clearer e-mails.",
        "Learning the new ticket system in depth.",
        "",
    ],
}


@dataclass
class DemoPeople:
    """What the people seed made, for the seeds of other apps to build on."""

    lead: User
    agent: User
    hr: User
    admin: User
    teams: list = field(default_factory=list)
    leads: list = field(default_factory=list)
    agents: list = field(default_factory=list)


def demo_exists() -> bool:
    return User.objects.filter(email=DEMO_LEAD_EMAIL).exists()


def seed(*, agents: int, rng: random.Random, today: date) -> DemoPeople:
    password = make_password(DEMO_PASSWORD)
    channels = Channel.objects.by_code()

    staff = User.objects.bulk_create(
        [
            User(email=DEMO_HR_EMAIL, first_name="Petra", last_name="Lindner", role=Role.HR, password=password),
            User(
                email=DEMO_ADMIN_EMAIL, first_name="Alex", last_name="Admin", role=Role.ADMIN, password=password,
                is_staff=True, is_superuser=True, preferred_language="en",
            ),
        ]
    )
    team_count = max(len(TEAMS), math.ceil(agents / TEAM_SIZE))
    teams = Team.objects.bulk_create([_team(i) for i in range(team_count)])

    leads = User.objects.bulk_create(
        [
            User(
                email=DEMO_LEAD_EMAIL if i == 0 else f"lead{i + 1}@{DEMO_DOMAIN}",
                first_name="Lena" if i == 0 else rng.choice(FIRST_NAMES),
                last_name="Hoffmann" if i == 0 else rng.choice(LAST_NAMES),
                role=Role.LEAD,
                password=password,
            )
            for i in range(team_count)
        ]
    )
    agent_users, profiles_data = [], []
    for i in range(agents):
        first, last = ("Jonas", "Weber") if i == 0 else (rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES))
        language = "de" if i == 0 or rng.random() < 0.8 else "en"
        agent_users.append(
            User(
                email=DEMO_AGENT_EMAIL if i == 0 else f"{_ascii(first)}.{_ascii(last)}.{i}@{DEMO_DOMAIN}",
                first_name=first, last_name=last, role=Role.AGENT, password=password, preferred_language=language,
            )
        )
        profiles_data.append(language)
    agent_users = User.objects.bulk_create(agent_users, batch_size=1000)

    memberships = [
        TeamMembership(team=team, user=lead, kind=TeamMembership.Kind.LEAD, start=today - timedelta(days=900))
        for team, lead in zip(teams, leads)
    ]
    profiles, team_of = [], {}
    for i, (user, language) in enumerate(zip(agent_users, profiles_data)):
        team = teams[i % team_count]
        team_of[user.pk] = team
        hire_date = _hire_date(i, rng, today)
        memberships.append(TeamMembership(team=team, user=user, start=hire_date))
        profiles.append(
            AgentProfile(
                user=user,
                hire_date=hire_date,
                employment_status=(
                    AgentProfile.EmploymentStatus.PROBATION
                    if (today - hire_date).days < 180
                    else AgentProfile.EmploymentStatus.ACTIVE
                ),
                career_interests=rng.choice(CAREER_INTERESTS[language]),
                development_wishes=rng.choice(DEVELOPMENT_WISHES[language]),
            )
        )
    TeamMembership.objects.bulk_create(memberships, batch_size=1000)
    profiles = AgentProfile.objects.bulk_create(profiles, batch_size=1000)

    through = AgentProfile.channels.through
    links = []
    for profile in profiles:
        primary = team_of[profile.user_id].primary_channel
        served = {primary} | ({rng.choice(list(ChannelCode.values))} if rng.random() < 0.5 else set())
        links.extend(through(agentprofile_id=profile.pk, channel_id=channels[code].pk) for code in sorted(served))
    through.objects.bulk_create(links, batch_size=2000)

    return DemoPeople(
        lead=leads[0], agent=agent_users[0], hr=staff[0], admin=staff[1],
        teams=teams, leads=leads, agents=agent_users,
    )


def _team(i: int) -> Team:
    if i < len(TEAMS):
        name, channel, site = TEAMS[i]
    else:
        base, channel, site = TEAMS[i % len(TEAMS)]
        name = f"{base} {i // len(TEAMS) + 1}"
    return Team(name=name, primary_channel=channel, site=site)


def _hire_date(i: int, rng: random.Random, today: date) -> date:
    if i % 13 == 5:  # a few new hires in their first weeks
        return today - timedelta(days=rng.randint(3, 40))
    return today - timedelta(days=rng.randint(200, 3650))


def _ascii(name: str) -> str:
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ş": "s", "ı": "i", "ğ": "g", "ć": "c",
                           "ś": "s", "ã": "a", "ń": "n", "ł": "l", "é": "e", " ": "", "ç": "c", "ø": "o"})
    return name.lower().translate(table)
