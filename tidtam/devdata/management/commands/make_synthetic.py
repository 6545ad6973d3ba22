"""tidtam make_synthetic --agencies 80 --projects-per-agency 250 --years 5 --seed 1"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from tidtam.devdata import synthetic
from tidtam.lib.thai import fiscal_year_of


class Command(BaseCommand):
    help = "Build a synthetic city (units, plan, projects, monthly reports), the same for a seed."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--agencies", type=int, default=80)
        parser.add_argument(
            "--projects-per-agency", type=int, default=250, help="per agency and fiscal year"
        )
        parser.add_argument("--years", type=int, default=5)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--last-fiscal-year",
            type=int,
            default=None,
            help="the newest fiscal year (B.E.); the current one by default",
        )
        parser.add_argument("--batch-size", type=int, default=5000)

    def handle(self, *args, **options) -> None:
        today = timezone.localdate()
        started = time.monotonic()

        def progress(counts: dict[str, int]) -> None:
            if options["verbosity"] > 1 or counts["agencies"] % 10 == 0:
                self.stdout.write(
                    f"{counts['agencies']}/{options['agencies']} agencies, "
                    f"{counts['projects']} projects, {counts['reports']} reports"
                )

        try:
            counts = synthetic.write(
                agencies=options["agencies"],
                projects_per_agency=options["projects_per_agency"],
                years=options["years"],
                seed=options["seed"],
                last_fiscal_year=options["last_fiscal_year"] or fiscal_year_of(today),
                today=today,
                batch_size=options["batch_size"],
                progress=progress,
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"{counts['agencies']} agencies, {counts['projects']} projects, "
                f"{counts['reports']} reports, {counts['users']} users "
                f"in {time.monotonic() - started:.1f} s (password of every login: demo)"
            )
        )
