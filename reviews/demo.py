"""Demo data of the reviews app: a review every quarter of each agent's history, acknowledged (a few only
shared), with areas to improve and the quarter's key figures; this quarter partly drafted."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from core.bulk import BulkWriter
from people.periods import Quarter
from skills.models import Skill

from .models import Review, ReviewArea, ReviewCycle

# (German, English) texts: summary and strengths
SUMMARIES = [
    (
        (
            "Ein starkes Quartal: ruhiger in Eskalationen, sehr zuverlässig in der Dokumentation.",
            "Geduld, Produktwissen, Hilfsbereitschaft im Team.",
        ),
        (
            "A strong quarter: calmer in escalations, very reliable documentation.",
            "Patience, product knowledge, helpfulness in the team.",
        ),
    ),
    (
        (
            "Ein solides Quartal mit klaren Fortschritten in der Gesprächsführung; Kundschaft fühlt sich gut geführt.",
            "Freundlicher Ton, strukturierte Gespräche, verlässliche Rückrufe.",
        ),
        (
            "A solid quarter with clear progress on call structure; customers feel well guided.",
            "Friendly tone, structured calls, reliable callbacks.",
        ),
    ),
    (
        (
            "Ein Quartal mit Höhen und Tiefen: gute Kundenbewertungen, aber noch zu lange Bearbeitungszeiten.",
            "Einfühlungsvermögen, Ausdauer.",
        ),
        (
            "A quarter of ups and downs: good customer ratings, handling times still too long.",
            "Empathy, stamina.",
        ),
    ),
]
SELF = {
    "de": [
        "Ich bin zufrieden, möchte aber schneller im CRM werden.",
        "Ich fühle mich sicherer mit verärgerten Kunden.",
        "Die Schulung hat mir geholfen, ich wende sie jeden Tag an.",
    ],
    "en": [
        "I am happy, but I want to get faster in the CRM.",
        "I felt more confident with angry customers.",
        "The training helped; I use it every day.",
    ],
}
AREAS = [
    ("Zusammenfassung am Gesprächsende", "Summary at the end of each call", "call-structure"),
    ("Tarife in einfachen Worten erklären", "Explain tariffs in plain words", "plain-language"),
    ("Vollständig im CRM dokumentieren", "Document completely in the CRM", "crm"),
    ("Ruhig bleiben, wenn es laut wird", "Stay calm when it gets loud", "de-escalation"),
]
AGENT_COMMENTS = {"de": "Danke, passt so.", "en": "Thanks, agreed."}


def seed(*, demo, rng, today):
    now = timezone.now()
    current = Quarter.current()
    skill_ids = {s.code: s.pk for s in Skill.objects.all()}
    snapshots = demo.made.get("kpi_snapshots", {})
    quarters = _quarters(Quarter.containing(demo.start), current)
    cycles = {q.label: ReviewCycle.objects.get_or_create(label=q.label)[0] for q in quarters}
    with BulkWriter() as out:
        for i, agent in enumerate(demo.agents):
            language = agent.preferred_language
            hired = demo.hired[i]
            for quarter in quarters:
                if quarter.last_day < hired + timedelta(days=30) or quarter.first_day < demo.start:
                    continue  # no review in the first weeks, nor before the generated history
                is_current = quarter == current
                place = i // len(demo.teams)  # place in the team: every team has all three states
                if is_current and (place % 3 == 1 or i == 0):
                    continue  # a third not started yet, and the journeys start the demo agent's
                german, english = SUMMARIES[rng.randrange(len(SUMMARIES))]
                summary, strengths = german if language == "de" else english
                review = Review(
                    cycle=cycles[quarter.label],
                    agent=agent,
                    summary=summary,
                    strengths=strengths,
                    self_assessment=rng.choice(SELF[language]),
                    reviewer=demo.lead_of(i, min(quarter.last_day, today)),
                )
                if is_current and place % 3 == 2:
                    review.status = Review.Status.DRAFT
                else:
                    _held(
                        review,
                        quarter,
                        rng,
                        today,
                        now,
                        snapshots,
                        shared_only=is_current and rng.random() < 0.5,
                    )
                    if review.status == Review.Status.ACKNOWLEDGED and rng.random() < 0.2:
                        review.agent_comment = AGENT_COMMENTS[language]
                out.add(review)
                for german_area, english_area, code in rng.sample(AREAS, rng.randint(1, 2)):
                    out.add(
                        ReviewArea(
                            review=review,
                            text=german_area if language == "de" else english_area,
                            skill_id=skill_ids.get(code),
                        )
                    )


def _quarters(first: Quarter, last: Quarter) -> list:
    quarters = [first]
    while quarters[-1] < last:
        quarters.append(quarters[-1].next())
    return quarters


def _held(review, quarter, rng, today, now, snapshots, *, shared_only):
    """A meeting near the end of the quarter (or today), shared the same day, acknowledged a day later."""
    held = min(quarter.last_day - timedelta(days=rng.randint(3, 25)), today)
    review.held_on = held
    review.shared_at = min(now, timezone.make_aware(datetime.combine(held, time(15, 0))))
    review.kpi_snapshot = snapshots.get((review.agent.pk, quarter.label), {})
    if shared_only:
        review.status = Review.Status.SHARED
    else:
        review.status = Review.Status.ACKNOWLEDGED
        review.acknowledged_at = min(now, review.shared_at + timedelta(days=1))
    review.created_at = review.shared_at - timedelta(days=7)
