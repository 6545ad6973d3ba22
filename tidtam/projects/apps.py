from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "tidtam.projects"
    label = "projects"
