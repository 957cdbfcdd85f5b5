from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from people.models import Role


class AccessEvent(models.Model):
    """Who viewed, changed or exported which person's records, and when.

    Append-only: the app and the admin offer no way to change or delete a row;
    only the retention run removes rows past their period. It never holds the
    content of what was read, only what kind of record and whose.
    """

    class Kind(models.TextChoices):
        VIEW = "view", _("viewed")
        CHANGE = "change", _("changed")
        EXPORT = "export", _("exported")
        DELETE = "delete", _("deleted")
        # HR recorded a person's request for a copy of their data; the copy goes to the person alone
        REQUEST = "request", _("recorded a request for")

    class Record(models.TextChoices):
        AGENT_PAGE = "agent_page", _("profile page")
        NOTE = "note", _("coaching note")
        NOTES = "notes", _("coaching notes")
        REVIEW = "review", pgettext_lazy("audit", "review")
        PLAN = "plan", _("development plan")
        SKILLS = "skills", _("skills")
        KPIS = "kpis", _("key figures")
        TRAINING = "training", _("training")
        PAIRING = "pairing", _("mentoring")
        REVIEW_EXPORT = "review_export", _("review export")
        DATA_EXPORT = "data_export", _("copy of personal data")
        ADMIN = "admin", _("administration")
        QA_EVALUATION = "qa_evaluation", _("quality evaluation")
        QA_EXPORT = "qa_export", _("export of quality evaluations")
        QA_SAMPLE = "qa_sample", _("drawn for a quality evaluation")

    at = models.DateTimeField(_("when"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=pgettext_lazy("audit", "by"),
    )
    actor_role = models.CharField(_("role"), max_length=10, choices=Role.choices, blank=True)
    # Written when the actor's account is deleted, so the audit still says who read what.
    actor_name = models.CharField(_("name of the deleted account"), max_length=300, blank=True)
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("whose records"),
    )
    kind = models.CharField(pgettext_lazy("audit", "action"), max_length=10, choices=Kind.choices)
    record = models.CharField(_("what"), max_length=20, choices=Record.choices)
    object_id = models.CharField(_("record number"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("access event")
        verbose_name_plural = _("access events")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["subject", "-at"], name="audit_subject_at"),
            models.Index(fields=["actor", "-at"], name="audit_actor_at"),
            models.Index(fields=["at"], name="audit_at"),
        ]

    def __str__(self):
        return (
            f"{self.actor_label} {self.get_kind_display()} {self.get_record_display()} · "
            f"{self.subject}"
        )

    @property
    def actor_label(self) -> str:
        """Who did it: the account, or the name it had when it was deleted."""
        return str(self.actor) if self.actor_id else self.actor_name
