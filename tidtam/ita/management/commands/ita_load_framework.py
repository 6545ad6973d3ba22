"""Add a fiscal year's ITA framework from JSON shaped like framework_data/framework_2566.json.

Idempotent: a year already present is left as it is (edit it in the app instead)."""

import json
from pathlib import Path

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from tidtam.ita import frameworks
from tidtam.ita.models import Framework


class Command(BaseCommand):
    help = "Load an ITA framework (tools, weights, questions, OIT items, levels) from JSON."

    def add_arguments(self, parser):
        parser.add_argument(
            "path", help="JSON file, e.g. tidtam/ita/framework_data/framework_2566.json"
        )

    def handle(self, *args, path, **options):
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"cannot read {path}: {error}") from error
        year = data.get("fiscal_year")
        if Framework.objects.filter(fiscal_year=year).exists():
            self.stdout.write(f"fiscal year {year} is already loaded; nothing changed")
            return
        try:
            with transaction.atomic():
                framework = frameworks.load(data, apps.get_model)
        except (KeyError, TypeError, ValueError) as error:
            raise CommandError(f"{path} is not a framework description: {error!r}") from error
        self.stdout.write(f"loaded {framework}")
