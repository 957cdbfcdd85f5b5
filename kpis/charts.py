"""Chart data for the KPI trends, handed to JavaScript with `json_script`.

Numbers go out as JSON numbers, never through the template's number formatting, so a German
page does not hand the chart `335,0` (which JavaScript cannot read).
"""

from django.utils.formats import date_format


def _number(value):
    return None if value is None else float(value)


UNITS = {"aht_seconds": "duration"}  # how kpi-chart.js writes a value: durations as m:ss


def trend_chart(weeks: list[dict], metric: str, *, with_median: bool = False) -> dict:
    """Labels (the weeks, as the page shows them) and the metric per week; optionally the team median;
    the unit tells the chart how to write the values on its axis and in its tooltips."""
    chart = {
        "unit": UNITS.get(metric, ""),
        "labels": [date_format(w["week"], "SHORT_DATE_FORMAT") for w in weeks],
        "values": [_number(w.get(metric)) for w in weeks],
    }
    if with_median:
        chart["medians"] = [_number(w.get(f"{metric}_median")) for w in weeks]
    return chart
