from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class CoreConfig(AppConfig):
    name = "tidtam.core"
    label = "core"

    def ready(self) -> None:
        # each app declares the audit actions it records in its own actions.py
        autodiscover_modules("actions")
