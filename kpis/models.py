from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from people.models import ChannelCode


class KpiRecord(models.Model):
    """Key figures of one agent, period and channel, as contact-center systems export them."""

    class Period(models.TextChoices):
        DAY = "day", _("Day")
        WEEK = "week", _("Week")

    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="kpi_records",
        verbose_name=_("agent"),
        # No index of its own: the unique key (agent, period, period start, channel) leads with the
        # agent and serves every query by agent; a second index only slows each written row.
        db_index=False,
    )
    period = models.CharField(
        _("period"), max_length=4, choices=Period.choices, default=Period.WEEK
    )
    period_start = models.DateField(_("period start"))
    channel = models.CharField(_("channel"), max_length=10, choices=ChannelCode.choices)
    contacts = models.PositiveIntegerField(_("contacts handled"))
    aht_seconds = models.PositiveIntegerField(_("average handling time (s)"), null=True, blank=True)
    fcr = models.FloatField(
        _("first-contact resolution"), null=True, blank=True, help_text=_("share, 0 to 1")
    )
    csat = models.FloatField(
        _("customer satisfaction"), null=True, blank=True, help_text=_("score, 1 to 5")
    )
    csat_answers = models.PositiveIntegerField(_("satisfaction answers"), default=0)
    qa_score = models.FloatField(_("QA score"), null=True, blank=True, help_text=_("0 to 100"))
    source = models.CharField(_("source"), max_length=80, blank=True)
    changed_at = models.DateTimeField(
        _("changed at"),
        default=timezone.now,
        help_text=_("When the figures were last written or changed (for incremental sync)."),
    )

    class Meta:
        verbose_name = _("KPI record")
        verbose_name_plural = _("KPI records")
        ordering = ["agent", "period_start", "channel"]
        constraints = [
            models.UniqueConstraint(
                fields=["agent", "period", "period_start", "channel"], name="one_kpi_row_per_period"
            ),
            models.CheckConstraint(
                condition=models.Q(fcr__isnull=True) | models.Q(fcr__gte=0, fcr__lte=1),
                name="fcr_is_a_share",
            ),
        ]
        indexes = [
            models.Index(fields=["period_start", "agent"]),
            models.Index(fields=["changed_at"], name="kpi_changed_at"),
        ]

    def __str__(self):
        return f"{self.agent} · {self.period_start} · {self.channel}"


class ImportSource(models.Model):
    """A system files come from (e.g. "Genesys export"), with the column mapping saved for next time."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    mapping = models.JSONField(_("column mapping"), default=dict)
    preset = models.CharField(
        _("preset"),
        max_length=40,
        blank=True,
        help_text=_("The export format of the system; detected from the first file."),
    )
    channel = models.CharField(
        _("channel for the whole file"),
        max_length=10,
        choices=ChannelCode.choices,
        blank=True,
        help_text=_("Only for systems whose files have no channel column."),
    )
    pickup_storage = models.CharField(
        _("pick-up storage"),
        max_length=40,
        blank=True,
        default="default",
        help_text=_("Name of a storage in the STORAGES setting."),
    )
    pickup_prefix = models.CharField(
        _("pick-up folder"),
        max_length=200,
        blank=True,
        help_text=_("Folder or S3 prefix read every night; empty for none."),
    )

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
        CHECKED = "checked", _("Checked")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Not imported")

    class Origin(models.TextChoices):
        UPLOAD = "upload", _("Upload")
        PICKUP = "pickup", _("Nightly pick-up")

    source = models.ForeignKey(
        ImportSource, on_delete=models.PROTECT, related_name="imports", verbose_name=_("source")
    )
    file = models.FileField(_("file"), upload_to="kpi-imports/%Y/%m/")
    file_name = models.CharField(_("file name"), max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.UPLOADED
    )
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows checked"), default=0)
    imported_rows = models.PositiveIntegerField(_("rows imported"), default=0)
    errors = models.JSONField(
        _("errors"), default=list, blank=True, help_text=_("The first 1,000 problems.")
    )
    error_count = models.PositiveIntegerField(_("problems"), default=0)
    message = models.CharField(_("message"), max_length=300, blank=True)
    preset = models.CharField(_("preset"), max_length=40, blank=True)
    channel = models.CharField(
        _("channel for the whole file"), max_length=10, choices=ChannelCode.choices, blank=True
    )
    sample = models.JSONField(
        _("sample"),
        default=dict,
        blank=True,
        help_text=_("Headers and first rows, read once at upload for the mapping page."),
    )
    result = models.JSONField(
        _("check result"),
        default=dict,
        blank=True,
        help_text=_("Preview records, unmatched agents and skipped rows from the check."),
    )
    confirmed = models.BooleanField(_("import confirmed"), default=False)
    origin = models.CharField(
        _("origin"), max_length=10, choices=Origin.choices, default=Origin.UPLOAD
    )
    pickup_path = models.CharField(_("picked-up file"), max_length=300, blank=True)
    changed_rows = models.PositiveIntegerField(_("records changed"), default=0)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    failure_notified_at = models.DateTimeField(_("HR notified at"), null=True, blank=True)

    class Meta:
        verbose_name = _("KPI import")
        verbose_name_plural = _("KPI imports")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "pickup_path"],
                condition=~models.Q(pickup_path=""),
                name="one_import_per_picked_up_file",
            ),
        ]

    def __str__(self):
        return self.file_name

    def get_absolute_url(self):
        return reverse("kpis:import_detail", args=[self.pk])

    @property
    def progress(self) -> int:
        return round(100 * self.processed_rows / self.total_rows) if self.total_rows else 0

    @property
    def is_running(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.VALIDATING, self.Status.IMPORTING)

    @property
    def has_failed(self) -> bool:
        return self.status == self.Status.FAILED


class AgentIdentifier(models.Model):
    """How a source system names an agent (login, external id or name), linked once and then matched."""

    source = models.ForeignKey(
        ImportSource, on_delete=models.CASCADE, related_name="identifiers", verbose_name=_("source")
    )
    identifier = models.CharField(
        _("identifier in the source"),
        max_length=200,
        help_text=_("Stored in lower case; matched without regard to case."),
    )
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="kpi_identifiers",
        verbose_name=_("agent"),
    )
    created_at = models.DateTimeField(_("linked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("agent identifier")
        verbose_name_plural = _("agent identifiers")
        ordering = ["source", "identifier"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "identifier"], name="one_agent_per_identifier"
            )
        ]

    def __str__(self):
        return f"{self.source} · {self.identifier} → {self.agent}"
