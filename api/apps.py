from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("API, tokens and single sign-on")

    def ready(self):
        from core import events

        from . import webhooks

        events.occurred.connect(webhooks.record, dispatch_uid="api.webhooks.record")
