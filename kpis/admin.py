from django.contrib import admin

from .models import AgentIdentifier, ImportSource, KpiImport, KpiRecord


@admin.register(KpiRecord)
class KpiRecordAdmin(admin.ModelAdmin):
    list_display = [
        "agent",
        "period",
        "period_start",
        "channel",
        "contacts",
        "aht_seconds",
        "fcr",
        "csat",
        "qa_score",
    ]
    list_filter = ["period", "channel", "period_start"]
    search_fields = ["agent__email", "agent__last_name"]
    list_select_related = ["agent"]


@admin.register(ImportSource)
class ImportSourceAdmin(admin.ModelAdmin):
    list_display = ["name", "preset", "channel", "pickup_storage", "pickup_prefix"]


@admin.register(AgentIdentifier)
class AgentIdentifierAdmin(admin.ModelAdmin):
    list_display = ["identifier", "source", "agent", "created_at"]
    list_filter = ["source"]
    search_fields = ["identifier", "agent__email", "agent__last_name"]
    list_select_related = ["source", "agent"]


@admin.register(KpiImport)
class KpiImportAdmin(admin.ModelAdmin):
    list_display = [
        "file_name",
        "source",
        "origin",
        "status",
        "total_rows",
        "error_count",
        "imported_rows",
        "created_at",
    ]
    list_filter = ["status", "origin", "source"]
    exclude = ["errors", "sample", "result"]
