from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The lowest layer: contracts between apps and helpers that are not about people. No models,
    so nothing of it appears in the admin."""

    name = "core"
