"""``tidtam refresh_figures`` — rebuild every project's figures from its reports (after a bulk
load or a repair by hand; the report services keep them in step otherwise)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from tidtam.projects.models import Project
from tidtam.reports import figures


class Command(BaseCommand):
    help = "Recompute the figures of every project from its reports."

    def handle(self, *args, **options) -> None:
        ids = list(Project.objects.values_list("pk", flat=True))
        with transaction.atomic():
            figures.refresh(ids)
        self.stdout.write(f"{len(ids)} projects")
