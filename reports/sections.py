"""What the reports app adds to the HR overview: the figures across teams, with links to drill down."""

from core.contracts import MAIN, Section
from core.site_figures import cache_minutes, site_figure
from feedback.selectors import lapsed_private_notes
from people import access
from people.periods import Quarter

from . import selectors_overview as overview


def hr_overview(viewer):
    quarter = Quarter.current()
    previous = quarter.previous()
    agents = access.agents_in_figures_of(viewer)
    with_timeliness = access.sees_lead_timeliness(viewer)

    def figures():
        hours = overview.training_hours_by_team(quarter)
        timeliness = overview.timeliness_rows(previous) if with_timeliness else None
        return {
            "timeliness": timeliness,
            "coverage": overview.site_coverage(agents),
            "lapsed": lapsed_private_notes(previous),
            "hours": hours,
            "max_hours": max((h for _t, h in hours), default=0) or 1,
        }

    cached = (
        site_figure(f"hr-figures:{quarter.label}:{with_timeliness}", figures)
        if access.is_hr_or_admin(viewer)
        else figures()
    )
    return [
        Section(
            template="reports/_hr_figures.html",
            order=10,
            column=MAIN,
            context={
                "quarter": quarter,
                "previous": previous,
                "minutes": cache_minutes(),
                **cached,
            },
        )
    ]
