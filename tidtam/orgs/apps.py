from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "tidtam.orgs"
    label = "orgs"
