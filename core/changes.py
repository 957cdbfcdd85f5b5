"""A record's change time, kept by every save, for a sync that asks what changed (`updated_since`)."""

from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TracksChanges(models.Model):
    """`changed_at` moves on every save, also one with `update_fields` (which then writes it too).

    A queryset's `.update()` passes by save(): whoever changes such records in bulk sets `changed_at`
    in the same statement.
    """

    changed_at = models.DateTimeField(
        _("changed at"), default=timezone.now, db_index=True, editable=False
    )

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.changed_at = timezone.now()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "changed_at"}
        super().save(*args, **kwargs)
