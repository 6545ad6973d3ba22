from django.apps import AppConfig


class ItaConfig(AppConfig):
    name = "tidtam.ita"
    label = "ita"
