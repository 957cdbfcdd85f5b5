from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from people.models import ChannelCode


class KpiRecord(models.Model):
    """Key figures of one agent, period and channel, as contact-center systems export them."""

    class Period(models.TextChoices):
        DAY = "day", _("Day")
        WEEK = "week", _("Week")

    agent = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="kpi_records",
                              verbose_name=_("agent"))
    period = models.CharField(_("period"), max_length=4, choices=Period.choices, default=Period.WEEK)
    period_start = models.DateField(_("period start"))
    channel = models.CharField(_("channel"), max_length=10, choices=ChannelCode.choices)
    contacts = models.PositiveIntegerField(_("contacts handled"))
    aht_seconds = models.PositiveIntegerField(_("average handling time (s)"), null=True, blank=True)
    fcr = models.FloatField(_("first-contact resolution"), null=True, blank=True, help_text=_("share, 0 to 1"))
    csat = models.FloatField(_("customer satisfaction"), null=True, blank=True, help_text=_("score, 1 to 5"))
    csat_answers = models.PositiveIntegerField(_("satisfaction answers"), default=0)
    qa_score = models.FloatField(_("QA score"), null=True, blank=True, help_text=_("0 to 100"))
    source = models.CharField(_("source"), max_length=80, blank=True)

    class Meta:
        verbose_name = _("KPI record")
        verbose_name_plural = _("KPI records")
        ordering = ["agent", "period_start", "channel"]
        constraints = [
            models.UniqueConstraint(fields=["agent", "period", "period_start", "channel"], name="one_kpi_row_per_period"),
            models.CheckConstraint(condition=models.Q(fcr__isnull=True) | models.Q(fcr__gte=0, fcr__lte=1),
                                   name="fcr_is_a_share"),
        ]
        indexes = [models.Index(fields=["period_start", "agent"])]

    def __str__(self):
        return f"{self.agent} · {self.period_start} · {self.channel}"


class ImportSource(models.Model):
    """A system files come from (e.g. "Genesys export"), with the column mapping saved for next time."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    mapping = models.JSONField(_("column mapping"), default=dict)

    class Meta:
        verbose_name = _("import source")
        verbose_name_plural = _("import sources")

    def __str__(self):
        return self.name


class KpiImport(models.Model):
    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Uploaded")
        QUEUED = "queued", _("Queued")
        VALIDATING = "validating", _("Checking rows")
        IMPORTING = "importing", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Not imported")

    source = models.ForeignKey(ImportSource, on_delete=models.PROTECT, related_name="imports", verbose_name=_("source"))
    file = models.FileField(_("file"), upload_to="kpi-imports/%Y/%m/")
    file_name = models.CharField(_("file name"), max_length=200)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
                                    verbose_name=_("uploaded by"))
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.UPLOADED)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows checked"), default=0)
    imported_rows = models.PositiveIntegerField(_("rows imported"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    message = models.CharField(_("message"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("KPI import")
        verbose_name_plural = _("KPI imports")
        ordering = ["-created_at"]

    def __str__(self):
        return self.file_name

    @property
    def progress(self) -> int:
        return round(100 * self.processed_rows / self.total_rows) if self.total_rows else 0

    @property
    def is_running(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.VALIDATING, self.Status.IMPORTING)
