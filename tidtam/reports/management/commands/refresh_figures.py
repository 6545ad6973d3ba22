"""``tidtam refresh_figures`` — rebuild every project's figures from its reports, and the
strategies it supports from its plan targets (after a bulk load or a repair by hand; the
services keep both in step otherwise)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from tidtam.projects import strategies
from tidtam.projects.models import Project
from tidtam.reports import figures


class Command(BaseCommand):
    help = "Recompute every project's figures and supported strategies."

    def handle(self, *args, **options) -> None:
        ids = list(Project.objects.values_list("pk", flat=True))
        with transaction.atomic():
            figures.refresh(ids)
            strategies.refresh()
        self.stdout.write(f"{len(ids)} projects")
