from django.apps import AppConfig


class DevdataConfig(AppConfig):
    """Development data and benchmarks: the demo city, the synthetic city, the bench commands.
    It sits above every product app and no product app imports it."""

    name = "tidtam.devdata"
    label = "devdata"
