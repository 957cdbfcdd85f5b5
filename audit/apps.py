from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Access audit")

    def ready(self):
        from . import receivers  # noqa: F401  (records changes made in the Django admin)
