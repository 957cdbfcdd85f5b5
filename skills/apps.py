from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SkillsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "skills"
    verbose_name = _("Skills")

    def ready(self):
        from django.db.models.signals import post_migrate

        post_migrate.connect(
            _follow_works_agreement, sender=self, dispatch_uid="skills_follow_works_agreement"
        )


def _follow_works_agreement(sender, **kwargs):
    """After `migrate` (each start and deploy): current levels follow the lead-ratings switch."""
    from .services import current_levels_follow_works_agreement

    current_levels_follow_works_agreement()
