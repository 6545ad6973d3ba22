from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "tidtam.intake"
    label = "intake"
