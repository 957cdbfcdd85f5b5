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


class RecoveryCode(models.Model):
    """A one-time code that stands in for the authenticator (a lost phone). Only a hash is kept;
    the codes are shown once, when they are made. They belong to the authenticator: removing it or
    setting up a new one removes them."""

    device = models.ForeignKey(
        "otp_totp.TOTPDevice",
        on_delete=models.CASCADE,
        related_name="recovery_codes",
        verbose_name=_("authenticator"),
    )
    digest = models.CharField(_("digest"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("recovery code")
        verbose_name_plural = _("recovery codes")

    def __str__(self):
        return f"{self.digest[:8]}…"
