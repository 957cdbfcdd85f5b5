"""Quarterly reviews: the app's personal data, gathered by `privacy` (see `core.contracts.PersonalDataModule`)."""

from django.conf import settings
from django.db.models import CharField, Exists, OuterRef, QuerySet, Value
from django.db.models.functions import Cast, Concat, ExtractQuarter, ExtractYear
from django.utils.translation import gettext_lazy as _

from core.contracts import PersonalDataSource as Source
from core.contracts import RegisterEntry, RetentionRule
from core.periods import months_before
from people import access
from people.periods import Quarter

from .models import Review
from .selectors import DRAFT, reviews_visible_to

# What a reviewer writes in a draft; the agent's copy of a draft holds the rest (their own part).
REVIEWERS_WORDING = ("summary", "strengths", "kpi_snapshot")


def _reviews_seen(person, rows):
    """What the policy lets the person see now: a draft is its reviewer's alone until shared."""
    return rows.filter(pk__in=reviews_visible_to(person).values("pk"))


def _review_drafts_announced(person, rows):
    """Drafts about the person that they are told of: the row and their own part, never the
    reviewer's wording (omitted on the source)."""
    return access.drafts_announced_to_their_agent(person, rows, draft_q=DRAFT).exclude(
        pk__in=_reviews_seen(person, rows).values("pk")
    )


def _of_reviews_seen(person, rows):
    return rows.filter(review__in=reviews_visible_to(person).values("pk"))


def _reviews(today):
    cutoff = months_before(today, settings.RETENTION_MONTHS["reviews"])
    expired_labels = [
        label
        for label in Review.objects.values_list("cycle__label", flat=True).distinct()
        if Quarter.parse(label).next().first_day <= cutoff
    ]
    return Review.objects.filter(cycle__label__in=expired_labels, status=Review.Status.ACKNOWLEDGED)


def _quarter_label_of(field: str):
    """SQL expression for the 'YYYY-Qn' label of a date or datetime field."""
    return Concat(
        Cast(ExtractYear(field), CharField()),
        Value("-Q"),
        Cast(ExtractQuarter(field), CharField()),
        output_field=CharField(),
    )


def not_under_open_review(queryset: QuerySet, agent_field: str, day_field: str) -> QuerySet:
    """Records of a quarter whose review of the agent is still open are kept until it closes."""
    open_review = Review.objects.exclude(status=Review.Status.ACKNOWLEDGED).filter(
        agent=OuterRef(agent_field), cycle__label=OuterRef("_quarter")
    )
    return queryset.annotate(_quarter=_quarter_label_of(day_field)).exclude(Exists(open_review))


SOURCES = [
    Source("reviews.Review", "agent", _("your reviews"), about=True, visible=_reviews_seen),
    Source(
        "reviews.Review",
        "agent",
        _("your reviews in preparation (what the reviewer writes stays theirs until shared)"),
        omit=REVIEWERS_WORDING,
        about=True,
        visible=_review_drafts_announced,
    ),
    Source(
        "reviews.Review",
        "reviewer",
        _("reviews written by you, as far as you may still see them"),
        visible=_reviews_seen,
    ),
    Source(
        "reviews.ReviewArea",
        "review__agent",
        _("improvement areas in your reviews"),
        visible=_of_reviews_seen,
    ),
]

RETENTION = [
    RetentionRule(
        key="reviews",
        label=_("Acknowledged reviews"),
        what_happens=_("deleted, months after the end of their quarter"),
        expired=_reviews,
    ),
]
RETENTION_HOLDS = [not_under_open_review]

REGISTER = RegisterEntry(
    title=_("Quarterly reviews"),
    purpose=_("A review with every agent at least once a quarter."),
    recipients=_(
        "A draft: its author alone. Shared: the agent, their current lead, HR (exports for the "
        "personnel file)."
    ),
)
