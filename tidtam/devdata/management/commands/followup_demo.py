"""Reporting calendars and reviewed reports for the demo (after ``tidtam load_demo``)."""

from django.core.management.base import BaseCommand, CommandError

from tidtam.devdata.followup_demo import load_followup_demo
from tidtam.orgs.models import User


class Command(BaseCommand):
    help = "Add reporting calendars and take the demo's draft reports through review."

    def handle(self, *args, **options) -> None:
        if not User.objects.filter(username="admin").exists():
            raise CommandError("run `tidtam load_demo` first")
        counts = load_followup_demo()
        self.stdout.write(
            f"accepted {counts['accepted']}, returned {counts['returned']}, "
            f"waiting for review {counts['submitted']}; "
            "log in as coordinator for /followup/queue/, as reporter for /followup/my-reports/"
        )
