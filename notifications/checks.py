"""System checks: a claim's lease must outlast the sweep's time limits, or two sweeps could send the same e-mail."""

from django.conf import settings
from django.core.checks import Error, register


@register()
def claim_lease_outlasts_the_sweep(app_configs, **kwargs):
    lease = settings.REMINDER_CLAIM_LEASE_SECONDS
    limits = {
        "REMINDER_SWEEP_TIME_LIMIT": settings.REMINDER_SWEEP_TIME_LIMIT,
        "REMINDER_SWEEP_SECONDS_MAX": settings.REMINDER_SWEEP_SECONDS_MAX,
    }
    return [
        Error(
            f"REMINDER_CLAIM_LEASE_SECONDS ({lease:g}) must be longer than {name} ({limit:g}).",
            hint="A claim that runs out while its sweep still works lets a second sweep take it over.",
            id="notifications.E001",
        )
        for name, limit in limits.items()
        if lease <= limit
    ]
