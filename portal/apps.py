import os

from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):

        # kombu's filesystem transport needs its folders before anything is queued.
        for key in ("data_folder_in", "data_folder_out", "processed_folder", "control_folder"):
            folder = getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {}).get(key)
            if folder:
                os.makedirs(folder, exist_ok=True)
