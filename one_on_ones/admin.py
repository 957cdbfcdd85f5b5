"""The admin is configuration, not a back door.

A series and its meetings appear with their people, dates and states only: no talking point, shared
note, private note or action item text, no search over them, nothing to add or change. Private notes
are not in the admin at all.
"""

from django.contrib import admin

from .models import Meeting, Series

SERIES_FIELDS = ["lead", "agent", "every_days", "duration_minutes", "started_at", "ended_at"]
MEETING_FIELDS = ["series", "scheduled_at", "is_extra", "requested_by", "finished_at", "sequence"]


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Series)
class SeriesAdmin(ReadOnly):
    list_display = ["lead", "agent", "every_days", "started_at", "ended_at"]
    list_select_related = ["lead", "agent"]
    search_fields = ["lead__last_name", "agent__last_name", "agent__email"]
    fields = SERIES_FIELDS
    readonly_fields = SERIES_FIELDS


@admin.register(Meeting)
class MeetingAdmin(ReadOnly):
    list_display = ["series", "scheduled_at", "is_extra", "finished_at"]
    list_select_related = ["series__lead", "series__agent"]
    date_hierarchy = "scheduled_at"
    fields = MEETING_FIELDS
    readonly_fields = MEETING_FIELDS
