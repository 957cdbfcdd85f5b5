from django.contrib import admin

from .models import Notification, ReminderLedger


@admin.register(ReminderLedger)
class ReminderLedgerAdmin(admin.ModelAdmin):
    list_display = ["kind", "recipient", "object_id", "created_at", "sent_at", "attempts"]
    list_filter = ["kind", "sent_at"]
    search_fields = ["recipient__email", "kind"]
    list_select_related = ["recipient"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["title", "recipient", "kind", "created_at", "read_at"]
    list_filter = ["kind", "read_at"]
    search_fields = ["recipient__email", "title"]
    list_select_related = ["recipient"]
