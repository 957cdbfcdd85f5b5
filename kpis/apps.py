from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KpisConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "kpis"
    verbose_name = _("Key figures")

    def ready(self):
        from . import tasks  # noqa: F401  (registers the tasks, which services queue by name)
