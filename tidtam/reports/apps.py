from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "tidtam.reports"
    label = "reports"

    def ready(self) -> None:
        from tidtam.reports.selectors import has_accepted_report
        from tidtam.workplans.services import register_accepted_report_check

        # a plan first entered after a report was accepted is frozen at once
        register_accepted_report_check(has_accepted_report)
