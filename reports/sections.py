"""What the reports app adds to the HR overview: the figures across teams, with links to drill down."""

from types import SimpleNamespace

from feedback.selectors import lapsed_private_notes
from people import access
from people.periods import Quarter

from . import selectors_overview as overview


def hr_overview(viewer):
    quarter = Quarter.current()
    previous = quarter.previous()
    timeliness = overview.timeliness_rows(previous)
    hours = overview.training_hours_by_team(quarter)
    return [SimpleNamespace(template="reports/_hr_figures.html", order=10, column="main", context={
        "quarter": quarter, "previous": previous, "timeliness": timeliness[:10],
        "lapsed": lapsed_private_notes(previous),
        "coverage": overview.site_coverage(access.agents_visible_to(viewer).filter(is_active=True)),
        "hours": hours[:10], "max_hours": max((h for _t, h in hours), default=0) or 1,
    })]
