from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "tidtam.documents"
    label = "documents"

    def ready(self) -> None:
        from tidtam.documents import kinds, verify

        kinds.register(verify.PROJECT_KIND)
