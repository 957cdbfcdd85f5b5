"""A KPI export as an ACD writes it: `;`, German numbers and dates, one row per agent, day and channel."""

import random
from datetime import timedelta

from django.utils import timezone

from people import access

CHANNELS = ["Telefon", "E-Mail", "Chat", "Social Media"]
HEADER = "Mitarbeiter;Datum;Kanal;Kontakte;AHT;FCR;CSAT;Antworten;QA\n"


def write_kpi_file(path, rows: int):
    """`rows` daily rows for the demo's agents on past days; the seed writes weekly rows, so none collide."""

    emails = list(access.agents().order_by("pk").values_list("email", flat=True))
    per_day = len(emails) * len(CHANNELS)
    rng = random.Random(13)
    yesterday = timezone.localdate() - timedelta(days=1)
    with open(path, "w", encoding="utf-8") as out:
        out.write(HEADER)
        for n in range(rows):
            day = yesterday - timedelta(days=n // per_day)
            email = emails[n % len(emails)]
            channel = CHANNELS[(n // len(emails)) % len(CHANNELS)]
            csat = f"{rng.uniform(3.5, 4.9):.1f}".replace(".", ",")
            qa = f"{rng.uniform(70, 95):.1f}".replace(".", ",")
            out.write(
                f"{email};{day:%d.%m.%Y};{channel};{rng.randint(20, 60)};{rng.randint(240, 700)};"
                f"{rng.randint(60, 90)} %;{csat};{rng.randint(2, 12)};{qa}\n"
            )
    return path


def api_records(rows: int) -> list[dict]:
    """`rows` daily records for the API's bulk upload, shaped like `write_kpi_file`'s rows."""
    emails = list(access.agents().order_by("pk").values_list("email", flat=True))
    channels = ["phone", "email", "chat", "social"]
    per_day = len(emails) * len(channels)
    rng = random.Random(13)
    yesterday = timezone.localdate() - timedelta(days=1)
    return [
        {
            "agent": emails[n % len(emails)],
            "period_start": (yesterday - timedelta(days=n // per_day)).isoformat(),
            "channel": channels[(n // len(emails)) % len(channels)],
            "contacts": rng.randint(20, 60),
            "aht_seconds": rng.randint(240, 700),
            "fcr": round(rng.uniform(0.6, 0.9), 2),
            "csat": round(rng.uniform(3.5, 4.9), 1),
            "csat_answers": rng.randint(2, 12),
            "qa_score": round(rng.uniform(70, 95), 1),
        }
        for n in range(rows)
    ]
