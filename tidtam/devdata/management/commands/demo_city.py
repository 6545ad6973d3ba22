"""tidtam demo_city [--scale 1] — the living demo city in the current fiscal year."""

import time

from django.core.management.base import BaseCommand

from tidtam.devdata.city import load_city
from tidtam.devdata.demo import PASSWORD

LOGINS = [
    ("city_executive", "executive of the whole city (ปลัดกรุงเทพมหานคร)"),
    ("executive", "director of Bang Sue: this year's projects of the district"),
    ("coordinator", "สยป. coordinator of Bang Sue and Chatuchak: the review queue"),
    ("coordinator_1", "สยป. coordinator of ten district offices"),
    ("reporter", "Bang Sue / ฝ่ายปกครอง: reports to file, fix and submit"),
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
            f"in {time.monotonic() - started:.1f} s. Logins (password: {PASSWORD}):"
        )
        for username, what in LOGINS:
            self.stdout.write(f"  {username:<20} {what}")
