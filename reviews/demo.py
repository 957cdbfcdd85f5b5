"""Demo data of the reviews app: the last quarters' reviews, acknowledged; this quarter partly drafted."""

from datetime import timedelta

from django.utils import timezone

from people.periods import Quarter

from .models import Review, ReviewCycle

SUMMARIES = [
    ("Ein starkes Quartal: ruhiger in Eskalationen, sehr zuverlässig in der Dokumentation.",
     "Geduld, Produktwissen, Hilfsbereitschaft im Team."),
    ("A solid quarter with clear progress on call structure; customers feel well guided.",
     "Friendly tone, structured calls, reliable callbacks."),
]
SELF = ["Ich bin zufrieden, möchte aber schneller im CRM werden.", "I felt more confident with angry customers."]


def seed(*, demo, rng, today):
    now = timezone.now()
    current = Quarter.current()
    lead_of_team = dict(zip([t.pk for t in demo.teams], demo.leads))
    reviews = []
    for back, quarter in enumerate(reversed(current.last(3))):
        cycle = ReviewCycle.objects.get_or_create(label=quarter.label)[0]
        for i, agent in enumerate(demo.agents):
            lead = lead_of_team[demo.teams[i % len(demo.teams)].pk]
            summary, strengths = SUMMARIES[rng.randrange(2)]
            review = Review(cycle=cycle, agent=agent, reviewer=lead, summary=summary, strengths=strengths,
                            self_assessment=rng.choice(SELF))
            if back == 0:  # this quarter: a third held, a third drafted, a third not started
                if i % 3 == 1 or i == 0:
                    continue
                if i % 3 == 2:
                    review.status = Review.Status.DRAFT
                    reviews.append(review)
                    continue
            held = min(quarter.last_day - timedelta(days=rng.randint(3, 25)), today)
            review.held_on = held
            review.shared_at = now - timedelta(days=(today - held).days)
            review.status = Review.Status.ACKNOWLEDGED if back > 0 or rng.random() < 0.5 else Review.Status.SHARED
            if review.status == Review.Status.ACKNOWLEDGED:
                review.acknowledged_at = review.shared_at + timedelta(days=1)
            reviews.append(review)
    Review.objects.bulk_create(reviews, batch_size=5000)
