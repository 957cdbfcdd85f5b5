from django.contrib import admin

from core.admin import ReadOnlyAdmin

from .models import AccessEvent


@admin.register(AccessEvent)
class AccessEventAdmin(ReadOnlyAdmin):
    """Read-only: nobody edits or deletes the audit, not even a superuser."""

    list_display = ["at", "actor_label", "actor_role", "kind", "record", "object_id", "subject"]
    list_filter = ["kind", "record", "actor_role", ("at", admin.DateFieldListFilter)]
    search_fields = ["subject__email", "subject__last_name", "actor__email", "actor__last_name"]
    list_select_related = ["actor", "subject"]
    date_hierarchy = "at"
    show_full_result_count = False
