from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OneOnOnesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "one_on_ones"
    verbose_name = _("One-on-ones")
