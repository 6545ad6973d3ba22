"""``tidtam export_setup -o FILE [--fy 2566] [--template]``: the city's units, people, plan and
projects in the setup templates' columns (XLSX; ``.csv`` writes the projects), or the empty
templates."""

from pathlib import Path

from django.core.management.base import BaseCommand

from tidtam.intake import export


class Command(BaseCommand):
    help = "Export the city's setup and projects to the setup spreadsheets (or the templates)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("-o", "--output", required=True, help="FILE.xlsx or FILE.csv")
        parser.add_argument("--fy", type=int, help="projects of this fiscal year only (B.E.)")
        parser.add_argument("--template", action="store_true", help="the empty templates")

    def handle(self, *args, output: str, fy: int | None, template: bool, **options):
        fmt = "csv" if output.lower().endswith(".csv") else "xlsx"
        if template:
            _name, _type, body = export.template(None if fmt == "xlsx" else "projects", fmt)
        else:
            _name, _type, body = export.export(fy, fmt)
        Path(output).write_bytes(body)
        self.stdout.write(output)
