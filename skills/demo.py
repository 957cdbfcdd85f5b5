"""Demo data of the skills app: the catalogue, ratings with a history over the years, targets, career wishes."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from core.bulk import BulkWriter

from .models import CareerWish, RatingSource, Skill, SkillRating, TargetLevel
from .services import catalogue_load, current_levels_rebuild

# Skills each team's channel leans on: the demo's targets point at them.
FOCUS = {
    "phone": [
        "call-structure",
        "active-listening",
        "de-escalation",
        "tone-of-voice",
        "tariffs",
        "crm",
    ],
    "email": ["email-writing", "plain-language", "ticketing", "tariffs", "troubleshooting"],
    "chat": ["chat-handling", "chat-tone", "plain-language", "crm", "troubleshooting"],
    "social": ["public-replies", "community", "plain-language", "de-escalation"],
}
WISHES = [
    (
        CareerWish.Kind.TRAINER,
        "Neue Kolleginnen und Kollegen einarbeiten und Trainings geben.",
        "Onboard new colleagues and give trainings.",
        ["knowledge-sharing", "call-structure"],
    ),
    (
        CareerWish.Kind.QA,
        "Qualitätssicherung: Gespräche abhören und coachen.",
        "Quality assurance: listening to calls and coaching.",
        ["feedback-culture", "active-listening"],
    ),
    (
        CareerWish.Kind.TEAM_LEAD,
        "Zuerst Stellvertretung, später Teamleitung.",
        "Deputy lead first, team lead later.",
        ["feedback-culture", "stress", "knowledge-sharing"],
    ),
    (
        CareerWish.Kind.NEW_CHANNEL,
        "Chat als zweiten Kanal lernen.",
        "Learn chat as a second channel.",
        ["chat-handling", "chat-tone"],
    ),
    (
        CareerWish.Kind.SPECIALIST,
        "Tarif-Expertin oder -Experte für Geschäftskunden werden.",
        "Become the tariff specialist for business customers.",
        ["tariffs", "needs-analysis"],
    ),
]
NOTES = {
    "de": ["Nach Hospitation neu eingeschätzt.", "Im Quartalsgespräch besprochen.", ""],
    "en": ["Reassessed after shadowing.", "Discussed in the quarterly review.", ""],
}
LEAD, SELF = RatingSource.LEAD.value, RatingSource.SELF.value
LEAD_ROUND_DAYS = 182  # leads reassess about every six months
SELF_ROUND_DAYS = 365  # agents rate themselves about once a year


def seed(*, demo, rng, today):
    catalogue_load()
    skills = list(Skill.objects.filter(is_active=True))
    by_code = {s.code: s for s in skills}
    with BulkWriter() as out:
        for i, agent in enumerate(demo.agents):
            _agent_history(out, demo, i, agent, skills, by_code, rng, today)
        _demo_agent_has_clear_gaps(out, demo, by_code)


def finish(*, demo):
    """Current levels, once every app (training too) has written its ratings."""
    current_levels_rebuild()


def _agent_history(out, demo, i, agent, skills, by_code, rng, today):
    """Ratings from the start of the agent's history to today, rising slowly towards today's level."""
    team = demo.team_of(i)
    lead = demo.lead_of(i)
    focus = {by_code[c].pk for c in FOCUS[team.primary_channel]}
    seniority = rng.uniform(0, 1.5)
    first = demo.since(i)
    lead_rounds = _rounds(first + timedelta(days=rng.randint(14, 45)), today, LEAD_ROUND_DAYS)
    self_rounds = _rounds(first + timedelta(days=rng.randint(30, 90)), today, SELF_ROUND_DAYS)
    language = agent.preferred_language
    for skill in skills:
        level = max(
            1, min(5, round(rng.gauss(2.6 + seniority + (0.4 if skill.pk in focus else 0), 0.8)))
        )
        growth = rng.choice([0, 0.25, 0.4, 0.6])  # levels gained per round
        last_round = len(lead_rounds) - 1
        for n, day in enumerate(lead_rounds):
            if n and n < last_round and rng.random() < 0.4:
                continue  # not every skill is reassessed every time
            earlier_level = max(1, level - round((last_round - n) * growth))
            out.row(
                SkillRating,
                agent_id=agent.pk,
                skill_id=skill.pk,
                level=earlier_level,
                source=LEAD,
                rated_by_id=demo.lead_of(i, day).pk,
                rated_at=_at(day, rng),
                note=rng.choice(NOTES[language]) if n else "",
            )
        for day in self_rounds:
            if rng.random() < 0.5:
                continue
            self_level = max(1, min(5, level + rng.choice([-1, 0, 0, 1])))
            out.row(
                SkillRating,
                agent_id=agent.pk,
                skill_id=skill.pk,
                level=self_level,
                source=SELF,
                rated_by_id=agent.pk,
                rated_at=_at(day, rng),
            )
    for skill_id in sorted(focus):
        if i == 0 and skill_id in (by_code["de-escalation"].pk, by_code["crm"].pk):
            continue  # set below
        out.add(
            TargetLevel(agent=agent, skill_id=skill_id, level=rng.choice([3, 4, 4, 5]), set_by=lead)
        )
    if i == 0 or rng.random() < 0.35:
        kind, details_de, details_en, codes = WISHES[0 if i == 0 else rng.randrange(len(WISHES))]
        wish = out.add(
            CareerWish(
                agent=agent,
                kind=kind,
                details=details_de if language == "de" else details_en,
                by_when=today + timedelta(days=rng.randint(180, 720)),
                created_at=timezone.now() - timedelta(days=rng.randint(5, 200)),
            )
        )
        out.add_all(
            CareerWish.skills.through(careerwish_id=wish.pk, skill_id=by_code[c].pk) for c in codes
        )


def _rounds(first, today, every_days) -> list:
    days, day = [], first
    while day <= today - timedelta(days=10):
        days.append(day)
        day += timedelta(days=every_days)
    return days or [today - timedelta(days=5)]


def _at(day, rng):
    return timezone.make_aware(
        datetime.combine(day, time(rng.randint(8, 17), 15 * rng.randrange(4)))
    )


def _demo_agent_has_clear_gaps(out, demo, by_code):
    """The demo agent's de-escalation and CRM are below target, so the lead has gaps to turn into goals."""
    agent, lead = demo.agent, demo.lead
    for code, level, target in (("de-escalation", 2, 4), ("crm", 2, 3)):
        skill = by_code[code]
        out.add(
            SkillRating(
                agent=agent,
                skill=skill,
                level=level,
                source=RatingSource.LEAD,
                rated_by=lead,
                rated_at=timezone.now() - timedelta(hours=2),
            )
        )
        out.add(TargetLevel(agent=agent, skill=skill, level=target, set_by=lead))
