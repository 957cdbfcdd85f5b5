from django.contrib import admin

from .models import Review, ReviewArea, ReviewCycle


class ReviewAreaInline(admin.TabularInline):
    model = ReviewArea
    extra = 0


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["agent", "cycle", "reviewer", "status", "held_on", "acknowledged_at"]
    list_filter = ["cycle", "status"]
    search_fields = ["agent__email", "agent__last_name"]
    list_select_related = ["agent", "cycle", "reviewer"]
    inlines = [ReviewAreaInline]


admin.site.register(ReviewCycle)
