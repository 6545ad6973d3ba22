from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "tidtam.documents"
    label = "documents"
