from django.contrib import admin

from core.admin import ReadOnlyAdmin

from .models import (
    CareerWish,
    CurrentLevel,
    Skill,
    SkillCategory,
    SkillLevel,
    SkillRating,
    TargetLevel,
)
from .services import current_levels_refresh


class KeepsCurrentLevels:
    """Ratings and targets changed here update the agents' current levels, as the services do."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        current_levels_refresh(agent_ids=[obj.agent_id], skill_ids=[obj.skill_id])

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        current_levels_refresh(agent_ids=[obj.agent_id], skill_ids=[obj.skill_id])

    def delete_queryset(self, request, queryset):
        agent_ids = set(queryset.values_list("agent_id", flat=True))
        super().delete_queryset(request, queryset)
        current_levels_refresh(agent_ids=agent_ids)


class SkillLevelInline(admin.TabularInline):
    model = SkillLevel
    extra = 0
    max_num = 5


@admin.register(SkillCategory)
class SkillCategoryAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_de", "position"]
    list_editable = ["position"]
    search_fields = ["name_en", "name_de"]


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_de", "category", "position", "is_active"]
    list_filter = ["category", "is_active", "channels"]
    search_fields = ["name_en", "name_de", "code"]
    filter_horizontal = ["channels"]
    inlines = [SkillLevelInline]


@admin.register(SkillRating)
class SkillRatingAdmin(KeepsCurrentLevels, admin.ModelAdmin):
    list_display = ["agent", "skill", "level", "source", "rated_by", "rated_at"]
    list_filter = ["source", "skill__category", "level"]
    search_fields = ["agent__email", "agent__last_name"]
    list_select_related = ["agent", "skill", "rated_by"]
    date_hierarchy = "rated_at"


@admin.register(TargetLevel)
class TargetLevelAdmin(KeepsCurrentLevels, admin.ModelAdmin):
    list_display = ["agent", "skill", "level", "set_by"]
    list_filter = ["skill"]
    search_fields = ["agent__email", "agent__last_name"]
    list_select_related = ["agent", "skill", "set_by"]


@admin.register(CareerWish)
class CareerWishAdmin(admin.ModelAdmin):
    list_display = ["agent", "kind", "by_when", "created_at"]
    list_filter = ["kind"]
    search_fields = ["agent__email", "agent__last_name"]
    list_select_related = ["agent"]


@admin.register(CurrentLevel)
class CurrentLevelAdmin(ReadOnlyAdmin):
    """Derived from ratings and targets: to look at, never to edit."""

    list_display = ["agent", "skill", "level", "assessed_level", "self_level", "target", "rated_at"]
    list_filter = ["skill", "level"]
    search_fields = ["agent__email", "agent__last_name"]
    list_select_related = ["agent", "skill"]
