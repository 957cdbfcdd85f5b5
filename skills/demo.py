"""Demo data of the skills app: the catalogue, ratings with history, targets and career wishes."""

from datetime import timedelta

from django.utils import timezone

from .models import CareerWish, RatingSource, Skill, SkillRating, TargetLevel
from .services import catalogue_load

# Skills each team's channel leans on: the demo's targets point at them.
FOCUS = {
    "phone": ["call-structure", "active-listening", "de-escalation", "tone-of-voice", "tariffs", "crm"],
    "email": ["email-writing", "plain-language", "ticketing", "tariffs", "troubleshooting"],
    "chat": ["chat-handling", "chat-tone", "plain-language", "crm", "troubleshooting"],
    "social": ["public-replies", "community", "plain-language", "de-escalation"],
}
WISHES = [
    (CareerWish.Kind.TRAINER, "Neue Kolleg*innen einarbeiten und Trainings geben.", ["knowledge-sharing", "call-structure"]),
    (CareerWish.Kind.QA, "Quality assurance: listening to calls and coaching.", ["feedback-culture", "active-listening"]),
    (CareerWish.Kind.TEAM_LEAD, "Zuerst Stellvertretung, später Teamleitung.", ["feedback-culture", "stress", "knowledge-sharing"]),
    (CareerWish.Kind.NEW_CHANNEL, "Chat als zweiten Kanal lernen.", ["chat-handling", "chat-tone"]),
    (CareerWish.Kind.SPECIALIST, "Tarif-Expertin für Geschäftskunden werden.", ["tariffs", "needs-analysis"]),
]


def seed(*, demo, rng, today):
    catalogue_load()
    skills = list(Skill.objects.filter(is_active=True))
    by_code = {s.code: s for s in skills}
    lead_of_team = dict(zip([t.pk for t in demo.teams], demo.leads))
    now = timezone.now()
    ratings, targets, wishes, wish_skills = [], [], [], []
    for i, agent in enumerate(demo.agents):
        team = demo.teams[i % len(demo.teams)]
        lead = lead_of_team[team.pk]
        seniority = rng.uniform(0, 1.5)
        focus = [by_code[c] for c in FOCUS[team.primary_channel]]
        for skill in skills:
            level = max(1, min(5, round(rng.gauss(2.6 + seniority + (0.4 if skill in focus else 0), 0.8))))
            when = now - timedelta(days=rng.randint(10, 60))
            if rng.random() < 0.35:  # an earlier, lower rating: a trend to look at
                earlier = now - timedelta(days=rng.randint(120, 270))
                ratings.append(SkillRating(agent=agent, skill=skill, level=max(1, level - 1),
                                           source=RatingSource.LEAD, rated_by=lead, rated_at=earlier))
            ratings.append(SkillRating(agent=agent, skill=skill, level=level, source=RatingSource.LEAD,
                                       rated_by=lead, rated_at=when))
            if rng.random() < 0.5:
                self_level = max(1, min(5, level + rng.choice([-1, 0, 0, 1])))
                ratings.append(SkillRating(agent=agent, skill=skill, level=self_level, source=RatingSource.SELF,
                                           rated_by=agent, rated_at=when + timedelta(days=1)))
        for skill in focus:
            targets.append(TargetLevel(agent=agent, skill=skill, level=rng.choice([3, 4, 4, 5]), set_by=lead))
        if i == 0 or rng.random() < 0.35:
            kind, details, codes = WISHES[0 if i == 0 else rng.randrange(len(WISHES))]
            wishes.append(CareerWish(agent=agent, kind=kind, details=details,
                                     by_when=today + timedelta(days=rng.randint(180, 720))))
            wish_skills.append([by_code[c] for c in codes])
    _demo_agent_has_clear_gaps(demo, by_code, ratings, targets, now)
    SkillRating.objects.bulk_create(ratings, batch_size=5000)
    TargetLevel.objects.bulk_create(targets, batch_size=5000, ignore_conflicts=True)
    wishes = CareerWish.objects.bulk_create(wishes, batch_size=2000)
    through = CareerWish.skills.through
    through.objects.bulk_create(
        [through(careerwish_id=w.pk, skill_id=s.pk) for w, skills_ in zip(wishes, wish_skills) for s in skills_],
        batch_size=5000,
    )


def _demo_agent_has_clear_gaps(demo, by_code, ratings, targets, now):
    """The demo agent's de-escalation and CRM are below target, so the lead has gaps to turn into goals."""
    agent, lead = demo.agent, demo.lead
    for code, level, target in (("de-escalation", 2, 4), ("crm", 2, 3)):
        skill = by_code[code]
        ratings.append(SkillRating(agent=agent, skill=skill, level=level, source=RatingSource.LEAD, rated_by=lead,
                                   rated_at=now - timedelta(hours=2)))
        targets[:] = [t for t in targets if not (t.agent == agent and t.skill == skill)]
        targets.append(TargetLevel(agent=agent, skill=skill, level=target, set_by=lead))


