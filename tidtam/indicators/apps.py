from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "tidtam.indicators"
    label = "indicators"
    verbose_name = _("Indicators")

    def ready(self) -> None:
        from tidtam.documents import kinds
        from tidtam.followup.reminders import register_sections
        from tidtam.indicators import printing, reminders

        kinds.register(printing.PRINT_KIND)
        register_sections(reminders.sections)
