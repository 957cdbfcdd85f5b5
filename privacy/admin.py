from django.contrib import admin

from .models import RetentionRun, Statement


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    """Statements belong to their author: visible, never changed or deleted here."""

    list_display = ["author", "note", "review", "created_at"]
    list_select_related = ["author"]
    search_fields = ["author__email", "author__last_name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RetentionRun)
class RetentionRunAdmin(admin.ModelAdmin):
    list_display = ["started_at", "finished_at", "dry_run", "counts"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
