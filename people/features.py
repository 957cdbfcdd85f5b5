"""Works-council switches (§87 (1) no. 6 BetrVG): features that press on individuals.

Each can be switched off per works agreement through settings. A switched-off
feature is off everywhere — pages, exports, reminders, the API — so every place
that shows one asks `is_on` (or `require`) here, not the menu alone.
"""

from django.conf import settings
from django.http import Http404
from django.utils.translation import gettext_lazy as _

INDIVIDUAL_KPIS = "individual_kpis"
UPWARD_FEEDBACK = "upward_feedback"
LEAD_SKILL_RATINGS = "lead_skill_ratings"
LEAD_TIMELINESS = "lead_timeliness"
QA = "qa"
OBJECTIVE_PROPOSALS = "objective_proposals"
ONE_ON_ONES = "one_on_ones"
ONE_ON_ONE_CADENCE_FOR_HR = "one_on_one_cadence_for_hr"

DESCRIPTIONS = {
    INDIVIDUAL_KPIS: _(
        "Key figures of individual agents (contacts, handling time, resolution, satisfaction, QA)"
    ),
    UPWARD_FEEDBACK: _("Upward feedback from agents on their lead"),
    LEAD_SKILL_RATINGS: _("Skill ratings of agents by their lead"),
    LEAD_TIMELINESS: _("Feedback timeliness figures per lead"),
    QA: _(
        "Quality evaluations of recorded customer contacts: scorecards, evaluations, disputes, "
        "calibration and sampling"
    ),
    OBJECTIVE_PROPOSALS: _(
        "Improvement proposals of agents on the team objectives, and their answers"
    ),
    ONE_ON_ONES: _(
        "One-on-ones between a lead and an agent: shared agendas, notes, action items and reminders"
    ),
    ONE_ON_ONE_CADENCE_FOR_HR: _(
        "How many agents of each team had a one-on-one lately, as a count for HR (never content)"
    ),
}


def is_on(feature: str) -> bool:
    return bool(settings.WORKS_COUNCIL_FEATURES.get(feature, True))


def require(feature: str) -> None:
    """A page of a switched-off feature answers 404, as if it did not exist."""
    if not is_on(feature):
        raise Http404


def min_group_size() -> int:
    """Aggregates over fewer people than this are not shown to anyone but the people's own lead."""
    return settings.MIN_GROUP_SIZE


def states() -> list[tuple[str, str, bool]]:
    return [(key, description, is_on(key)) for key, description in DESCRIPTIONS.items()]
