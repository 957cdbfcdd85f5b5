from django.contrib import admin

from .models import (
    Course,
    CourseSkill,
    Enrollment,
    OnboardingAssignment,
    OnboardingProgram,
    PairingFocusSkill,
    ProgramStep,
    Session,
)


class CourseSkillInline(admin.TabularInline):
    model = CourseSkill
    extra = 1


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ["title_en", "title_de", "format", "duration_hours", "is_onboarding"]
    list_filter = ["format", "is_onboarding"]
    search_fields = ["title_en", "title_de"]
    inlines = [CourseSkillInline]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["course", "starts_at", "trainer", "place", "capacity"]
    list_filter = ["course"]
    date_hierarchy = "starts_at"
    list_select_related = ["course"]


@admin.register(Enrollment)
class EnrollmentAdmin(admin.ModelAdmin):
    list_display = ["agent", "session", "status", "completed_on"]
    list_filter = ["status"]
    search_fields = ["agent__email", "agent__last_name"]
    list_select_related = ["agent", "session__course"]


class ProgramStepInline(admin.TabularInline):
    model = ProgramStep
    extra = 1


@admin.register(OnboardingProgram)
class OnboardingProgramAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_de", "is_default"]
    inlines = [ProgramStepInline]


@admin.register(OnboardingAssignment)
class OnboardingAssignmentAdmin(admin.ModelAdmin):
    list_display = ["agent", "program", "start"]
    list_select_related = ["agent", "program"]


@admin.register(PairingFocusSkill)
class PairingFocusSkillAdmin(admin.ModelAdmin):
    """The skills a mentor pairing is about (the pairings themselves are under People and teams)."""

    list_display = ["pairing", "skill"]
    list_select_related = ["pairing__mentor", "pairing__mentee", "skill"]
    search_fields = ["pairing__mentee__email", "pairing__mentee__last_name"]
    autocomplete_fields = ["skill"]
