from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "tidtam.projects"
    label = "projects"

    def ready(self) -> None:
        from tidtam.projects import strategies

        strategies.connect()
