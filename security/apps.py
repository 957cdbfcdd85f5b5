from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "security"
    verbose_name = _("Sign-in security")

    def ready(self):
        from . import lookups, signals  # noqa: F401  (signals: connects the sign-in receiver)

        lookups.register()
