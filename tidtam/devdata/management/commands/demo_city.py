"""tidtam demo_city [--scale 1] — the living demo city in the current fiscal year."""

import time

from django.core.management.base import BaseCommand

from tidtam.devdata.city_load import load_city
from tidtam.devdata.demo import PASSWORD, login_lines

CITY_LOGINS = [
    ("city_executive", "executive of the whole city (ปลัดกรุงเทพมหานคร)"),
    ("coordinator_1", "สยป. coordinator of ten district offices (coordinator_1 … _6)"),
    ("reporter_50010000", "reporter of สำนักงานเขตพระนคร (reporter_<agency code> for each)"),
    ("approver_50010000", "approver of the same (approver_<agency code>)"),
    ("executive_11000000", "director of สำนักการโยธา (executive_<agency code>)"),
]


class Command(BaseCommand):
    help = "Load the demo and the demo city (50 district offices, departments, this year's and "
    "last year's projects); idempotent."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--scale", type=float, default=1.0, help="share of the projects")

    def handle(self, *args, **options) -> None:
        started = time.monotonic()
        counts = load_city(scale=options["scale"])
        self.stdout.write(
            f"demo city: {counts['projects']} new projects, {counts['reports']} new reports "
            f"in {time.monotonic() - started:.1f} s."
        )
        self.stdout.write(f"Demo logins (password: {PASSWORD}):")
        for line in login_lines():
            self.stdout.write(line)
        self.stdout.write("and in the demo city:")
        for username, what in CITY_LOGINS:
            self.stdout.write(f"  {username:<20} {what}")
