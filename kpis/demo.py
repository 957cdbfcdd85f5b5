"""Demo data of the kpis app: believable weekly figures per channel served, over the agent's whole history."""

from datetime import date, timedelta
from functools import cache

from core.bulk import BulkWriter
from people.periods import Quarter

from .models import KpiRecord

AHT = {"phone": (300, 420), "email": (500, 900), "chat": (420, 700), "social": (240, 480)}
SOURCE = "Demo ACD"
WEEK = KpiRecord.Period.WEEK.value


def seed(*, demo, rng, today):
    """Also leaves each agent's figures per quarter in `demo.made["kpi_snapshots"]` for the reviews' snapshots."""
    monday = today - timedelta(days=today.weekday())
    snapshots = demo.made.setdefault("kpi_snapshots", {})
    with BulkWriter() as out:
        for i, agent in enumerate(demo.agents):
            first = demo.since(i)
            weeks = max(1, (monday - first).days // 7)
            skill = rng.uniform(-1, 1)
            for n, channel in enumerate(demo.channels[i]):
                low, high = AHT[channel]
                share = 1.0 if n == 0 else 0.3
                for week in range(1, weeks + 1):
                    tenure = 1 - week / (weeks + 1)  # 0 at the start of the history, near 1 today
                    figures = {
                        "period_start": monday - timedelta(weeks=week),
                        "contacts": max(1, int(rng.randint(120, 260) * share)),
                        "aht_seconds": int(rng.uniform(low, high) - skill * 20 - tenure * 25),
                        "fcr": round(
                            min(0.95, rng.uniform(0.62, 0.82) + skill * 0.05 + tenure * 0.03), 3
                        ),
                        "csat": round(min(5, rng.uniform(3.8, 4.6) + skill * 0.2), 2),
                        "qa_score": round(
                            min(100, rng.uniform(72, 90) + skill * 5 + tenure * 3), 1
                        ),
                    }
                    out.row(
                        KpiRecord,
                        agent_id=agent.pk,
                        period=WEEK,
                        channel=channel,
                        csat_answers=rng.randint(10, 40),
                        source=SOURCE,
                        **figures,
                    )
                    _add_to_snapshot(snapshots, agent.pk, figures)
    for key, sums in snapshots.items():
        snapshots[key] = _snapshot(sums)


def _add_to_snapshot(snapshots, agent_id, figures):
    sums = snapshots.setdefault(
        (agent_id, _quarter_label(figures["period_start"])), [0, 0, 0.0, 0.0, 0.0, 0.0]
    )
    sums[0] += 1
    sums[1] += figures["contacts"]
    sums[2] += figures["aht_seconds"]
    sums[3] += figures["fcr"]
    sums[4] += figures["csat"]
    sums[5] += figures["qa_score"]


@cache
def _quarter_label(day: date) -> str:
    return Quarter.containing(day).label


def _snapshot(sums) -> dict:
    """As kpis.selectors.kpi_snapshot would store it."""
    count, contacts, aht, fcr, csat, qa = sums
    return {
        "contacts": contacts,
        "aht_seconds": round(aht / count, 3),
        "fcr": round(fcr / count, 3),
        "csat": round(csat / count, 3),
        "qa_score": round(qa / count, 3),
    }
