"""Figures across the whole site (every team, every agent) are cached for a few minutes.

HR's overview, the site skills matrix and the site's training needs count hundreds of thousands
of rows; the counts change slowly and nobody needs them to the second, so each process computes
them at most once per SITE_FIGURES_CACHE_SECONDS (0 switches the cache off). Only figures that
are the same for everyone who sees the whole site go through here, never a lead's own figures.
"""

from collections.abc import Callable
from typing import TypeVar, cast

from django.conf import settings
from django.core.cache import cache

PREFIX = "site-figures"


T = TypeVar("T")


def site_figure(key: str, compute: Callable[[], T]) -> T:
    """The cached value for `key`, or compute(), cached."""
    seconds = getattr(settings, "SITE_FIGURES_CACHE_SECONDS", 300)
    if not seconds:
        return compute()
    return cast(T, cache.get_or_set(f"{PREFIX}:{key}", compute, seconds))


def cache_minutes() -> int:
    return max(1, round(getattr(settings, "SITE_FIGURES_CACHE_SECONDS", 300) / 60))
