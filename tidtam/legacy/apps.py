from django.apps import AppConfig


class LegacyConfig(AppConfig):
    name = "tidtam.legacy"
    label = "legacy"
