from django.contrib import admin

from core.admin import ReadOnlyAdmin

from .models import RetentionRun, Statement


@admin.register(Statement)
class StatementAdmin(ReadOnlyAdmin):
    """Statements belong to their author: visible, never changed or deleted here."""

    list_display = ["author", "note", "review", "created_at"]
    list_select_related = ["author"]
    search_fields = ["author__email", "author__last_name"]


@admin.register(RetentionRun)
class RetentionRunAdmin(ReadOnlyAdmin):
    list_display = ["started_at", "finished_at", "dry_run", "counts"]
