from django.db import models
from django.utils.translation import gettext_lazy as _


class RateLimitHit(models.Model):
    """One throttled request (a password-reset request); the key is a hash of what is counted."""

    key = models.CharField(_("key"), max_length=64)
    at = models.DateTimeField(_("at"))

    class Meta:
        verbose_name = _("rate-limit hit")
        verbose_name_plural = _("rate-limit hits")
        indexes = [models.Index(fields=["key", "at"])]

    def __str__(self):
        return f"{self.key[:8]}… {self.at:%Y-%m-%d %H:%M}"
