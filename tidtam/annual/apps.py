from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnualConfig(AppConfig):
    name = "tidtam.annual"
    label = "annual"
    verbose_name = _("The agency's annual documents")

    def ready(self) -> None:
        from tidtam.annual import printing
        from tidtam.documents import kinds

        kinds.register(printing.PRINT_KIND)
