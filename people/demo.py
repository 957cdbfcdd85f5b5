"""Demo data for people and teams: a believable, deterministic service center."""

import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth.hashers import make_password

from .models import AgentProfile, Channel, ChannelCode, Role, Team, TeamMembership, User

DEMO_PASSWORD = "demo1234"  # noqa: S105  # the documented demo password
DEMO_DOMAIN = "demo.example"
DEMO_LEAD_EMAIL = f"lead@{DEMO_DOMAIN}"
DEMO_AGENT_EMAIL = f"agent@{DEMO_DOMAIN}"
DEMO_HR_EMAIL = f"hr@{DEMO_DOMAIN}"
DEMO_ADMIN_EMAIL = f"admin@{DEMO_DOMAIN}"
TEAM_SIZE = 12

FIRST_NAMES = [
    "Anna",
    "Lukas",
    "Marie",
    "Jonas",
    "Sophie",
    "Leon",
    "Lea",
    "Finn",
    "Hannah",
    "Paul",
    "Laura",
    "Felix",
    "Julia",
    "Maximilian",
    "Katharina",
    "Tobias",
    "Sarah",
    "Niklas",
    "Lisa",
    "Moritz",
    "Elif",
    "Emre",
    "Ayşe",
    "Mehmet",
    "Zeynep",
    "Agnieszka",
    "Piotr",
    "Katarzyna",
    "Giulia",
    "Marco",
    "Sofia",
    "Luca",
    "Amira",
    "Omar",
    "Yasmin",
    "Karim",
    "Thi Mai",
    "Minh",
    "Olena",
    "Dmytro",
    "Ana",
    "João",
    "Fatma",
    "Nikolai",
    "Ingrid",
    "Jürgen",
    "Sabine",
    "Uwe",
    "Birgit",
    "Dragan",
    "Milena",
    "Chiara",
    "Samuel",
    "Aylin",
    "Nadia",
    "Björn",
]
LAST_NAMES = [
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
    "Koch",
    "Richter",
    "Klein",
    "Wolf",
    "Schröder",
    "Neumann",
    "Schwarz",
    "Zimmermann",
    "Braun",
    "Krüger",
    "Yılmaz",
    "Kaya",
    "Demir",
    "Şahin",
    "Kowalski",
    "Nowak",
    "Wiśniewska",
    "Rossi",
    "Bianchi",
    "Esposito",
    "Haddad",
    "Nasser",
    "Nguyen",
    "Tran",
    "Kovalenko",
    "Shevchenko",
    "Silva",
    "Santos",
    "Petrović",
    "Jovanović",
    "Hansen",
    "Lindqvist",
    "Öztürk",
    "Hartmann",
    "Lange",
    "Krause",
    "Vogel",
    "Friedrich",
    "Keller",
    "Günther",
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
    """What the people seed made, for the seeds of other apps to build on.

    Lists are in the same order: agent `i` was hired on `hired[i]`, serves `channels[i]` (primary first)
    and belongs to `teams[i % len(teams)]` today; a few moved there from another team (`moves`).
    Each app generates an agent's history from `since(i)` (hire date, or `years` back) to `today`.
    """

    lead: User
    agent: User
    hr: User
    admin: User
    today: date = field(default_factory=date.today)
    years: int = 1
    teams: list = field(default_factory=list)
    leads: list = field(default_factory=list)
    agents: list = field(default_factory=list)
    hired: list = field(default_factory=list)
    channels: list = field(default_factory=list)
    moves: dict = field(default_factory=dict)  # agent index → (moved on, index of the earlier team)
    made: dict = field(default_factory=dict)  # what one app's seed leaves for later ones, by name

    @property
    def start(self) -> date:
        """The first day of the generated history."""
        return self.today - timedelta(days=round(365.25 * self.years))

    def since(self, i: int) -> date:
        return max(self.hired[i], self.start)

    def team_index(self, i: int, on: date | None = None) -> int:
        move = self.moves.get(i)
        if move and on is not None and on < move[0]:
            return move[1]
        return i % len(self.teams)

    def team_of(self, i: int, on: date | None = None) -> Team:
        return self.teams[self.team_index(i, on)]

    def lead_of(self, i: int, on: date | None = None) -> User:
        """The lead of the agent's team on the given day (today by default)."""
        return self.leads[self.team_index(i, on)]

    def members(self) -> dict:
        """Team id → its current agents, in index order."""
        result: dict = {}
        for i, agent in enumerate(self.agents):
            result.setdefault(self.teams[i % len(self.teams)].pk, []).append(agent)
        return result

    def speaks_german(self, user: User) -> bool:
        return user.preferred_language == "de"


def demo_exists() -> bool:
    return User.objects.filter(email=DEMO_LEAD_EMAIL).exists()


def seed(*, agents: int, rng: random.Random, today: date, years: int = 1) -> DemoPeople:
    password = make_password(DEMO_PASSWORD)
    channels = Channel.objects.by_code()
    history_start = today - timedelta(days=round(365.25 * years))

    staff = User.objects.bulk_create(
        [
            User(
                email=DEMO_HR_EMAIL,
                first_name="Petra",
                last_name="Lindner",
                role=Role.HR,
                password=password,
            ),
            User(
                email=DEMO_ADMIN_EMAIL,
                first_name="Alex",
                last_name="Admin",
                role=Role.ADMIN,
                password=password,
                is_staff=True,
                is_superuser=True,
                preferred_language="en",
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
                preferred_language="de" if i == 0 or rng.random() < 0.85 else "en",
            )
            for i in range(team_count)
        ]
    )
    agent_users, languages = [], []
    for i in range(agents):
        first, last = (
            ("Jonas", "Weber") if i == 0 else (rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES))
        )
        language = "de" if i == 0 or rng.random() < 0.8 else "en"
        agent_users.append(
            User(
                email=DEMO_AGENT_EMAIL
                if i == 0
                else f"{_ascii(first)}.{_ascii(last)}.{i}@{DEMO_DOMAIN}",
                first_name=first,
                last_name=last,
                role=Role.AGENT,
                password=password,
                preferred_language=language,
            )
        )
        languages.append(language)
    agent_users = User.objects.bulk_create(agent_users, batch_size=1000)

    lead_since = min(today - timedelta(days=900), history_start - timedelta(days=30))
    memberships = [
        TeamMembership(team=team, user=lead, kind=TeamMembership.Kind.LEAD, start=lead_since)
        for team, lead in zip(teams, leads, strict=False)
    ]
    profiles, hired, moves = [], [], {}
    for i, (user, language) in enumerate(zip(agent_users, languages, strict=False)):
        team_index = i % team_count
        hire_date = _hire_date(i, rng, today)
        hired.append(hire_date)
        moved_on = (
            _move_date(i, rng, max(hire_date, history_start), today) if team_count > 1 else None
        )
        if moved_on:  # a few changed teams: the history keeps who led them when
            earlier = (team_index + 1) % team_count
            moves[i] = (moved_on, earlier)
            memberships.append(
                TeamMembership(team=teams[earlier], user=user, start=hire_date, end=moved_on)
            )
            memberships.append(TeamMembership(team=teams[team_index], user=user, start=moved_on))
        else:
            memberships.append(TeamMembership(team=teams[team_index], user=user, start=hire_date))
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
    links, served_by_agent = [], []
    for i, profile in enumerate(profiles):
        primary = teams[i % team_count].primary_channel
        extra = rng.choice(list(ChannelCode.values)) if rng.random() < 0.5 else primary
        served = [primary] + ([extra] if extra != primary else [])
        served_by_agent.append(served)
        links.extend(
            through(agentprofile_id=profile.pk, channel_id=channels[code].pk)
            for code in sorted(served)
        )
    through.objects.bulk_create(links, batch_size=2000)

    return DemoPeople(
        lead=leads[0],
        agent=agent_users[0],
        hr=staff[0],
        admin=staff[1],
        today=today,
        years=years,
        teams=teams,
        leads=leads,
        agents=agent_users,
        hired=hired,
        channels=served_by_agent,
        moves=moves,
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


def _move_date(i: int, rng: random.Random, first: date, today: date) -> date | None:
    """About one agent in 25 changed teams during the history (never the demo agent)."""
    if i == 0 or (today - first).days < 240 or rng.random() >= 0.04:
        return None
    return first + timedelta(days=rng.randint(90, (today - first).days - 90))


def _ascii(name: str) -> str:
    table = str.maketrans(
        {
            "ä": "ae",
            "ö": "oe",
            "ü": "ue",
            "ß": "ss",
            "ş": "s",
            "ı": "i",
            "ğ": "g",
            "ć": "c",
            "ś": "s",
            "ã": "a",
            "ń": "n",
            "ł": "l",
            "é": "e",
            " ": "",
            "ç": "c",
            "ø": "o",
        }
    )
    return name.lower().translate(table)
