"""tidtam print_form CODE… -o FILE.pdf — print the official form of one or more projects.

With ``--unit ID --year 2566`` it prints every project of a unit and fiscal year into a
ZIP file (one PDF per project), showing progress as it goes.
"""

import shutil
import sys

from django.core.management.base import BaseCommand, CommandError
from django.http import Http404

from tidtam.documents.batch import batch_create, batch_run
from tidtam.documents.services import form_print
from tidtam.orgs.models import Unit, User
from tidtam.projects.models import Project
from tidtam.projects.selectors import get_project_for_user


class Command(BaseCommand):
    help = "Print the progress report form (PDF) of projects, or of all projects of a unit."
    # a one-off print should not pay for the system checks (they import every view)
    requires_system_checks = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("codes", nargs="*", metavar="CODE", help="project codes")
        parser.add_argument("-o", "--output", required=True, help="the PDF (or ZIP) to write")
        parser.add_argument(
            "--user",
            help="print as this user (their access applies, their name is on the form); "
            "without it the form is printed by the system",
        )
        parser.add_argument("--unit", type=int, help="batch: the unit id")
        parser.add_argument("--year", type=int, help="batch: the fiscal year (B.E.)")

    def handle(self, *args, codes, output, user, unit, year, **options) -> None:
        actor = None
        if user:
            actor = User.objects.filter(username=user).first()
            if actor is None:
                raise CommandError(f"no user {user!r}")
        if unit is not None or year is not None:
            self._batch(actor, unit, year, output)
            return
        if not codes:
            raise CommandError("give at least one project code, or --unit and --year")
        projects = [self._project(actor, code) for code in codes]
        _name, _type, content = form_print(actor=actor, projects=projects)
        with open(output, "wb") as file:
            file.write(content)
        self.stdout.write(f"{output}: {len(projects)} form(s), {len(content):,} bytes")

    def _project(self, actor: User | None, code: str) -> Project:
        try:
            if actor is not None:
                return get_project_for_user(actor, code)[0]
            return Project.objects.get(code=code)
        except (Http404, Project.DoesNotExist):
            raise CommandError(f"no project {code!r} (or not readable by this user)") from None

    def _batch(self, actor: User | None, unit_id: int | None, year: int | None, output: str):
        if actor is None or unit_id is None or year is None:
            raise CommandError("a batch needs --user, --unit and --year")
        unit = Unit.objects.filter(pk=unit_id).first()
        if unit is None:
            raise CommandError(f"no unit {unit_id}")
        batch = batch_create(actor=actor, unit=unit, fiscal_year=year)
        batch_run(batch, on_progress=self._progress)
        sys.stderr.write("\n")
        with batch.file.open("rb") as source, open(output, "wb") as target:
            shutil.copyfileobj(source, target)
        self.stdout.write(f"{output}: {batch.total} form(s)")

    def _progress(self, done: int, total: int) -> None:
        width = 30
        filled = width * done // total if total else width
        bar = "#" * filled + "-" * (width - filled)
        sys.stderr.write(f"\r[{bar}] {done}/{total}")
        sys.stderr.flush()
