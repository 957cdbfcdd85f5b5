"""Demo data of the kpis app: 13 weeks of believable figures per channel for the demo-sized site."""

from datetime import timedelta

from .models import KpiRecord

WEEKS = 13
DEMO_AGENTS = 200  # beyond these (benchmarks with --agents 5000) no KPI history is generated
AHT = {"phone": (300, 420), "email": (500, 900), "chat": (420, 700), "social": (240, 480)}


def seed(*, demo, rng, today):
    monday = today - timedelta(days=today.weekday())
    records = []
    for i, agent in enumerate(demo.agents[:DEMO_AGENTS]):
        channel = demo.teams[i % len(demo.teams)].primary_channel
        low, high = AHT[channel]
        skill = rng.uniform(-1, 1)
        for week in range(1, WEEKS + 1):
            drift = week / WEEKS * 0.05
            records.append(KpiRecord(
                agent=agent, period=KpiRecord.Period.WEEK, period_start=monday - timedelta(weeks=week),
                channel=channel, contacts=rng.randint(120, 260),
                aht_seconds=int(rng.uniform(low, high) - skill * 20), fcr=round(min(0.95, rng.uniform(0.62, 0.82) + skill * 0.05 - drift), 3),
                csat=round(min(5, rng.uniform(3.8, 4.6) + skill * 0.2), 2), csat_answers=rng.randint(10, 40),
                qa_score=round(min(100, rng.uniform(72, 90) + skill * 5), 1), source="Demo ACD",
            ))
    KpiRecord.objects.bulk_create(records, batch_size=5000)
