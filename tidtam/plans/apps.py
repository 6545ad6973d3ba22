from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "tidtam.plans"
    label = "plans"
