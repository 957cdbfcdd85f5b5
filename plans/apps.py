from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "plans"
    verbose_name = _("Development plans")

    def ready(self):
        from skills import gaps

        from .selectors import skill_goal_exists, skill_goals

        gaps.register(skill_goals, exists=skill_goal_exists)
