from django.apps import AppConfig


class WorkplansConfig(AppConfig):
    name = "tidtam.workplans"
    label = "workplans"
