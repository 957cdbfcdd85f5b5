from django.contrib import admin

from .models import ImportSource, KpiImport, KpiRecord


@admin.register(KpiRecord)
class KpiRecordAdmin(admin.ModelAdmin):
    list_display = ["agent", "period", "period_start", "channel", "contacts", "aht_seconds", "fcr", "csat", "qa_score"]
    list_filter = ["period", "channel", "period_start"]
    search_fields = ["agent__email", "agent__last_name"]
    list_select_related = ["agent"]


admin.site.register(ImportSource)


@admin.register(KpiImport)
class KpiImportAdmin(admin.ModelAdmin):
    list_display = ["file_name", "source", "status", "total_rows", "imported_rows", "created_at"]
    list_filter = ["status", "source"]
