"""Reads for the weekly draw: how much of each agent's monthly cap is used, whose key figures dropped."""

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count, Q, QuerySet
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from kpis.models import KpiRecord
from people import access
from people.models import User

from ..models import Evaluation, EvaluationQuota, SampleDraw, SampleItem

DROP_WEEKS = 4
CSAT_DROP = 0.3  # points on the 1-5 scale
FCR_DROP = 0.05  # five percentage points
AHT_RISE = 0.10  # a tenth longer


def month_usage(agent_ids: list[int], month: date) -> dict[int, int]:
    """Per agent: evaluations of the month's interactions so far plus interactions drawn this month that
    are still to be evaluated; two queries."""
    used = dict(
        EvaluationQuota.objects.filter(agent_id__in=agent_ids, month=month).values_list(
            "agent_id", "used"
        )
    )
    next_month = (month + timedelta(days=32)).replace(day=1)
    open_picks = (
        SampleItem.objects.filter(
            agent_id__in=agent_ids,
            draw__week__gte=month,
            draw__week__lt=next_month,
            evaluation__isnull=True,
            replaced_at__isnull=True,
        )
        .values("agent_id")
        .annotate(count=Count("id"))
        .values_list("agent_id", "count")
    )
    for agent_id, count in open_picks:
        used[agent_id] = used.get(agent_id, 0) + count
    return used


def kpi_drops(agent_ids: list[int], monday: date) -> dict[int, tuple[Decimal, str]]:
    """Agents whose satisfaction, first-contact resolution or handling time got worse over the last
    four weeks against the four before: (weight, the reason in words); one query."""
    recent = monday - timedelta(weeks=DROP_WEEKS)
    earlier = recent - timedelta(weeks=DROP_WEEKS)
    now, before = Q(period_start__gte=recent), Q(period_start__lt=recent)
    rows = (
        KpiRecord.objects.filter(
            agent_id__in=agent_ids, period_start__gte=earlier, period_start__lt=monday
        )
        .values("agent_id")
        .annotate(
            csat_now=Avg("csat", filter=now),
            csat_before=Avg("csat", filter=before),
            fcr_now=Avg("fcr", filter=now),
            fcr_before=Avg("fcr", filter=before),
            aht_now=Avg("aht_seconds", filter=now),
            aht_before=Avg("aht_seconds", filter=before),
        )
        .order_by()
    )
    drops = {}
    for row in rows:
        reasons = _reasons(row)
        if reasons:
            drops[row["agent_id"]] = (Decimal(1 + len(reasons)), "; ".join(reasons))
    return drops


def _reasons(row: Mapping[str, Any]) -> list[str]:
    reasons = []
    if _both(row, "csat") and row["csat_before"] - row["csat_now"] >= CSAT_DROP:
        change = number_format(round(row["csat_now"] - row["csat_before"], 1), 1)
        reasons.append(_("CSAT %(change)s in four weeks") % {"change": _signed(change)})
    if _both(row, "fcr") and row["fcr_before"] - row["fcr_now"] >= FCR_DROP:
        points = round((row["fcr_now"] - row["fcr_before"]) * 100)
        reasons.append(_("FCR %(change)s points in four weeks") % {"change": _signed(str(points))})
    if (
        _both(row, "aht")
        and row["aht_before"]
        and row["aht_now"] >= row["aht_before"] * (1 + AHT_RISE)
    ):
        seconds = round(row["aht_now"] - row["aht_before"])
        reasons.append(_("AHT +%(seconds)s s in four weeks") % {"seconds": seconds})
    return reasons


def _both(row: Mapping[str, Any], metric: str) -> bool:
    return row[f"{metric}_now"] is not None and row[f"{metric}_before"] is not None


def _signed(text: str) -> str:
    """A minus sign that reads as one (−0,6), a plus where the figure rose."""
    return text.replace("-", "−") if text.startswith("-") else f"+{text}"


def draws_visible_to(user: User) -> QuerySet[SampleDraw]:
    return access.sample_draws_visible_to(
        user, SampleDraw.objects.select_related("drawn_by").order_by("-drawn_at", "-id")
    )


def items_of(draw: SampleDraw) -> list[SampleItem]:
    return list(
        draw.items.select_related("agent", "evaluation", "replaces").order_by("moment", "id")
    )


def evaluations_of_month(agent_ids: Iterable[int], month: date) -> dict[int, int]:
    """Shared evaluations of each agent's interactions of the month (what the monthly minimum counts)."""
    next_month = (month + timedelta(days=32)).replace(day=1)
    return dict(
        Evaluation.objects.filter(
            agent_id__in=list(agent_ids),
            interaction_at__date__gte=month,
            interaction_at__date__lt=next_month,
        )
        .values("agent_id")
        .annotate(count=Count("id"))
        .values_list("agent_id", "count")
    )
