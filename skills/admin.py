from django.contrib import admin

from .models import CareerWish, Skill, SkillCategory, SkillLevel, SkillRating, TargetLevel


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
class SkillRatingAdmin(admin.ModelAdmin):
    list_display = ["agent", "skill", "level", "source", "rated_by", "rated_at"]
    list_filter = ["source", "skill__category", "level"]
    search_fields = ["agent__email", "agent__last_name"]
    list_select_related = ["agent", "skill", "rated_by"]
    date_hierarchy = "rated_at"


@admin.register(TargetLevel)
class TargetLevelAdmin(admin.ModelAdmin):
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
