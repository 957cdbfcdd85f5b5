from django.contrib import admin

from .models import Action, DevelopmentPlan, Goal


class GoalInline(admin.TabularInline):
    model = Goal
    extra = 0
    fields = ["title", "skill", "target_level", "due_on", "status"]


class ActionInline(admin.TabularInline):
    model = Action
    extra = 0
    fields = ["kind", "title", "due_on", "completed_on"]


@admin.register(DevelopmentPlan)
class DevelopmentPlanAdmin(admin.ModelAdmin):
    list_display = ["agent", "status", "created_at", "closed_at"]
    list_filter = ["status"]
    search_fields = ["agent__email", "agent__last_name"]
    list_select_related = ["agent"]
    inlines = [GoalInline, ActionInline]
