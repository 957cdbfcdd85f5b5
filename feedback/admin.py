from django.contrib import admin

from .models import CoachingNote, NoteRevision, UpwardFeedback


@admin.register(CoachingNote)
class CoachingNoteAdmin(admin.ModelAdmin):
    list_display = ["agent", "author", "observed_at", "kind", "feedback_due_at", "delivered_at", "acknowledged_at"]
    list_filter = ["kind", "channel", "delivery_method"]
    search_fields = ["agent__email", "agent__last_name", "author__last_name"]
    list_select_related = ["agent", "author"]
    date_hierarchy = "observed_at"


@admin.register(UpwardFeedback)
class UpwardFeedbackAdmin(admin.ModelAdmin):
    list_display = ["lead", "created_at", "clarity", "support", "fairness"]
    list_select_related = ["lead"]
    # The author is left out on purpose: anonymous answers stay anonymous, named ones show on the lead's page.
    exclude = ["author"]


@admin.register(NoteRevision)
class NoteRevisionAdmin(admin.ModelAdmin):
    """Earlier wordings of shared notes: a record, so read-only."""

    list_display = ["note", "changed_at", "changed_by"]
    list_select_related = ["note__agent", "changed_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
