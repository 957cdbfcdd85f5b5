"""The admin is configuration, not a back door.

Coaching notes appear with their dates and states only: no text of any note
(private or shared), no search over it, nothing to add or change. Upward feedback
and its participation table are not in the admin at all: a single anonymous
answer is never readable one by one.
"""

from django.contrib import admin

from .models import CoachingNote

NOTE_METADATA = [
    "agent",
    "author",
    "observed_at",
    "channel",
    "kind",
    "feedback_due_at",
    "shared_at",
    "delivered_at",
    "delivery_method",
    "acknowledged_at",
    "created_at",
]


@admin.register(CoachingNote)
class CoachingNoteAdmin(admin.ModelAdmin):
    list_display = [
        "agent",
        "author",
        "observed_at",
        "kind",
        "feedback_due_at",
        "delivered_at",
        "acknowledged_at",
    ]
    list_filter = ["kind", "channel", "delivery_method"]
    search_fields = ["agent__email", "agent__last_name", "author__last_name"]
    list_select_related = ["agent", "author"]
    date_hierarchy = "observed_at"
    fields = NOTE_METADATA
    readonly_fields = NOTE_METADATA

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
