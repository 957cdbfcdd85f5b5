from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import Notification, ReminderLedger

# The admin start page shows the reminder e-mail banner when sending fails.
admin.site.index_template = "admin/portal_index.html"


class FailingFilter(admin.SimpleListFilter):
    title = _("e-mail failing")
    parameter_name = "failing"

    def lookups(self, request, model_admin):
        return [
            ("yes", _("Failing (retrying or given up)")),
            ("retrying", _("Retrying")),
            ("given_up", _("Given up")),
        ]

    def queryset(self, request, queryset):
        failing = queryset.emails_failing()
        if self.value() == "yes":
            return failing
        if self.value() == "retrying":
            return failing.filter(email_state=ReminderLedger.EmailState.PENDING)
        if self.value() == "given_up":
            return failing.filter(email_state=ReminderLedger.EmailState.GIVEN_UP)
        return queryset


class KindFilter(admin.SimpleListFilter):
    """Kinds without their quarter or team suffix ("quarterly_review_due:2026-Q2" → "quarterly_review_due")."""

    title = _("kind")
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        kinds = (
            model_admin.get_queryset(request).order_by().values_list("kind", flat=True).distinct()
        )
        return [(k, k) for k in sorted({kind.split(":")[0] for kind in kinds})]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(kind__startswith=self.value())
        return queryset


@admin.register(ReminderLedger)
class ReminderLedgerAdmin(admin.ModelAdmin):
    list_display = [
        "kind",
        "recipient",
        "subject_label",
        "created_at",
        "has_bell",
        "email_state",
        "email_attempts",
        "email_next_attempt_at",
        "email_sent_at",
        "short_error",
    ]
    list_filter = ["email_state", FailingFilter, KindFilter, "created_at"]
    search_fields = ["recipient__email", "kind"]
    list_select_related = ["recipient", "content_type"]
    date_hierarchy = "created_at"
    actions = ["resend_email"]
    readonly_fields = [f.name for f in ReminderLedger._meta.fields]
    change_list_template = "admin/notifications/reminderledger/change_list.html"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("subject"))
    def subject_label(self, entry):
        # Type and id only: the ledger never shows a record's content (a private note stays private).
        return f"{entry.content_type.model} #{entry.object_id}"

    @admin.display(description=_("bell"), boolean=True)
    def has_bell(self, entry):
        return entry.notified_at is not None

    @admin.display(description=_("last e-mail error"))
    def short_error(self, entry):
        return entry.email_last_error[:80]

    def has_resend_permission(self, request):
        return request.user.has_perm("notifications.change_reminderledger")

    @admin.action(description=_("Send the e-mail again (same Message-ID)"), permissions=["resend"])
    def resend_email(self, request, queryset):
        count = services.ledger_resend_email(entries=queryset)
        text = ngettext(
            "%(count)d e-mail will be sent again by the next sweep if its reminder is still due.",
            "%(count)d e-mails will be sent again by the next sweep if their reminders are still due.",
            count,
        )
        self.message_user(
            request, text % {"count": count}, messages.SUCCESS if count else messages.WARNING
        )


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["title", "recipient", "kind", "created_at", "read_at"]
    list_filter = ["kind", "read_at"]
    search_fields = ["recipient__email", "title"]
    list_select_related = ["recipient"]
    raw_id_fields = ["reminder"]
