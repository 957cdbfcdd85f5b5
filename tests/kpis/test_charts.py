"""Key-figure charts and tables say what they show: every chart names its metric and unit, durations
read as m:ss (5:54, not 354,5 s), and every column keeps one number of decimals."""

import json
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.numbers import minutes_seconds
from kpis.models import KpiRecord
from kpis.templatetags.kpi_format import decimals, duration

pytestmark = pytest.mark.django_db


def test_a_duration_reads_as_minutes_and_seconds():
    assert minutes_seconds(354.5) == "5:54"
    assert minutes_seconds(59.6) == "1:00"
    assert minutes_seconds(3725) == "1:02:05"
    assert minutes_seconds(None) == duration(None) == "–"
    assert duration(354.5) == "5:54"


def test_a_column_keeps_its_number_of_decimals():
    assert [decimals(v, 2) for v in (4.0, 4.35, 4.351)] == ["4.00", "4.35", "4.35"]
    assert decimals(None, 1) == "–"


@pytest.fixture
def two_weeks(cast):
    monday = timezone.localdate() - timedelta(days=timezone.localdate().weekday() + 7)
    for week, aht, csat, qa in (
        (monday - timedelta(weeks=1), 354.5, 4.0, 80),
        (monday, 300, 4.35, 82.25),
    ):
        for who in (cast["agent"], cast["colleague"]):
            KpiRecord.objects.create(
                agent=who,
                period_start=week,
                channel="phone",
                contacts=100,
                aht_seconds=round(aht) if who == cast["agent"] else round(aht) + 1,
                csat=csat,
                qa_score=qa,
            )
    return monday


def _speaking(user, language):
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
    return user


def _cells(html: str, table_id: str) -> list[list[str]]:
    table = html.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    body = table.split("<tbody>", 1)[1]
    return [
        [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


@pytest.mark.parametrize(
    "language,label,csat",
    [
        ("en", "Median average handling time per week (m:ss)", "4.00"),
        ("de", "Median der durchschnittlichen Bearbeitungszeit je Woche (m:ss)", "4,00"),
    ],
)
def test_the_team_chart_names_its_metric_and_unit_and_the_table_writes_durations_as_m_ss(
    cast, login, two_weeks, language, label, csat
):
    team = cast["agent"].memberships.get().team
    page = login(_speaking(cast["lead"], language)).get(reverse("kpis:team", args=[team.pk]))
    html = page.content.decode()
    assert "Chart of the figures" not in html and "Diagramm der Zahlen" not in html
    assert f'data-label="{label}"' in html
    assert f'id="team-kpis-data-title">{label}</p>' in html
    assert 'aria-labelledby="team-kpis-data-title"' in html
    assert (
        json.loads(page.context["chart"] and json.dumps(page.context["chart"]))["unit"]
        == "duration"
    )
    assert "AHT (m:ss)" in html
    rows = _cells(html, "team-kpis")
    assert [row[3] for row in rows] == ["5:54", "5:00"]  # median 354.5 s, not "354,5"
    assert [row[5] for row in rows] == [csat, csat[:2] + "35"]  # CSAT: always two decimals
    assert all(re.fullmatch(r"\d+[.,]\d", row[6]) for row in rows)  # QA: always one decimal


@pytest.mark.parametrize(
    "language,label",
    [
        ("en", "Average handling time per week (m:ss)"),
        ("de", "Durchschnittliche Bearbeitungszeit je Woche (m:ss)"),
    ],
)
def test_the_agent_chart_names_its_metric_and_unit(cast, login, two_weeks, language, label):
    html = login(_speaking(cast["agent"], language)).get(reverse("me")).content.decode()
    assert f'data-label="{label}"' in html
    rows = _cells(html, f"agent-kpis-{cast['agent'].pk}")
    assert all(re.fullmatch(r"\d+:\d\d \(\d+:\d\d\)", row[1]) for row in rows), rows
    assert all(re.fullmatch(r"\d+[.,]\d\d \(\d+[.,]\d\d\)", row[3]) for row in rows), rows
