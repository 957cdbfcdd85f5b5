from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import AgentProfile, Channel, MentorCheckIn, MentorPairing, Team, TeamMembership, User
from .services import user_deactivate
from .sessions import end_all_sessions


class MembershipInline(admin.TabularInline):
    model = TeamMembership
    extra = 0
    autocomplete_fields = ["user", "team"]


class AgentProfileInline(admin.StackedInline):
    model = AgentProfile
    can_delete = False
    filter_horizontal = ["channels"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["last_name", "first_name"]
    list_display = ["email", "first_name", "last_name", "role", "preferred_language", "is_active"]
    list_filter = [
        "role",
        "is_active",
        "preferred_language",
        "profile__employment_status",
        "memberships__team",
    ]
    search_fields = ["email", "first_name", "last_name"]
    inlines = [AgentProfileInline, MembershipInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "preferred_language")}),
        (
            _("Role and permissions"),
            {
                "fields": (
                    "role",
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                )
            },
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "first_name", "last_name", "role", "password1", "password2"),
            },
        ),
    )
    actions = ["deactivate"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "is_active" in form.changed_data and not obj.is_active:
            end_all_sessions(obj)

    @admin.action(description=_("Deactivate the selected users and end their sessions"))
    def deactivate(self, request, queryset):
        for user in queryset.filter(is_active=True):
            user_deactivate(user=user, by=request.user)


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "primary_channel", "site"]
    list_filter = ["primary_channel", "site"]
    search_fields = ["name", "site"]
    inlines = [MembershipInline]


@admin.register(TeamMembership)
class TeamMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "team", "kind", "start", "end"]
    list_filter = ["kind", "team", "start", "end"]
    search_fields = ["user__email", "user__last_name", "team__name"]
    autocomplete_fields = ["user", "team"]
    date_hierarchy = "start"


@admin.register(AgentProfile)
class AgentProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "hire_date", "employment_status"]
    list_filter = ["employment_status", "channels", "hire_date"]
    search_fields = ["user__email", "user__last_name", "user__first_name"]
    list_select_related = ["user"]
    filter_horizontal = ["channels"]


@admin.register(Channel)
class ChannelAdmin(admin.ModelAdmin):
    list_display = ["code"]


class CheckInInline(admin.TabularInline):
    model = MentorCheckIn
    extra = 0


@admin.register(MentorPairing)
class MentorPairingAdmin(admin.ModelAdmin):
    list_display = ["mentor", "mentee", "purpose", "start", "end", "status", "mentee_rating"]
    list_filter = ["purpose", "status"]
    search_fields = ["mentor__email", "mentee__email", "mentor__last_name", "mentee__last_name"]
    list_select_related = ["mentor", "mentee"]
    inlines = [CheckInInline]
