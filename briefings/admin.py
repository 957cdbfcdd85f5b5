from django.contrib import admin

from .models import (
    Acknowledgement,
    Attachment,
    Briefing,
    Question,
    Reading,
    TalkingPoint,
    TeamMeeting,
)


class TalkingPointInline(admin.TabularInline):
    model = TalkingPoint
    extra = 1


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0


@admin.register(Briefing)
class BriefingAdmin(admin.ModelAdmin):
    list_display = ["title_en", "title_de", "status", "applies_from", "published_at"]
    list_filter = ["status", "teams"]
    search_fields = ["title_en", "title_de"]
    filter_horizontal = ["teams"]
    inlines = [TalkingPointInline, AttachmentInline]


@admin.register(TeamMeeting)
class TeamMeetingAdmin(admin.ModelAdmin):
    list_display = ["team", "held_on", "lead"]
    list_filter = ["team", "held_on"]
    filter_horizontal = ["attendees", "briefings"]


admin.site.register(Acknowledgement)
admin.site.register(Reading)
admin.site.register(Question)
