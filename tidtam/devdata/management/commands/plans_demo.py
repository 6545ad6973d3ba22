"""tidtam plans_demo — operating plans for the demo city's projects (after demo_city)."""

from django.core.management.base import BaseCommand, CommandError

from tidtam.devdata.plans_demo import load_plans_demo
from tidtam.orgs.models import User


class Command(BaseCommand):
    help = "Give a third of this year's demo projects a plan they follow, a third one they are "
    "behind; idempotent."

    def handle(self, *args, **options) -> None:
        if not User.objects.filter(username="admin").exists():
            raise CommandError("run `tidtam demo_city` first")
        self.stdout.write(f"operating plans: {load_plans_demo()} new.")
