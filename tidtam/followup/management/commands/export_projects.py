"""tidtam export_projects --fy 2566 --format xlsx -o projects.xlsx"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tidtam.followup import exports
from tidtam.orgs.models import User


class Command(BaseCommand):
    help = "Write the project list of a fiscal year as XLSX, CSV or JSON."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--fy", type=int, default=None, help="fiscal year (B.E.)")
        parser.add_argument("--format", choices=sorted(exports.FORMATS), default="xlsx")
        parser.add_argument("-o", "--output", required=True, help="the file to write")
        parser.add_argument(
            "--user", default=None, help="export what this user may read (all projects if not set)"
        )

    def handle(self, *args, **options) -> None:
        if options["user"]:
            try:
                user = User.objects.get(username=options["user"])
            except User.DoesNotExist as error:
                raise CommandError(f"no user {options['user']!r}") from error
        else:
            user = User(username="export", is_superuser=True)  # the operator reads everything
        _filename, _content_type, body = exports.export_projects(
            user, fiscal_year=options["fy"], fmt=options["format"]
        )
        Path(options["output"]).write_bytes(body)
        self.stdout.write(f"{options['output']}: {len(body)} bytes")
