"""``tidtam import_setup FILE… [--dry-run] [--user LOGIN]``: the city's units, people, plan and
projects from the setup spreadsheets, all files in one transaction. Prints what is (or would
be) created and changed; exit 1, nothing written, when any row is refused."""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from tidtam.core.spreadsheets import Refused
from tidtam.intake.check import SAME
from tidtam.intake.services import absolute, import_setup
from tidtam.orgs import access
from tidtam.orgs.models import User


def acting_user(login: str | None) -> User:
    """The named user, or the first administrator."""
    users = User.objects.filter(is_active=True).order_by("id")
    if login:
        found = users.filter(username=login).first()
    else:
        found = next((user for user in users if access.is_admin(user)), None)
    if found is None:
        raise CommandError(_("No user to record the import as; name an active one with --user."))
    return found


class Command(BaseCommand):
    help = "Import units, people, the plan and projects from setup spreadsheets (XLSX, CSV)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("files", nargs="+", help="setup spreadsheets (.xlsx or .csv)")
        parser.add_argument("--dry-run", action="store_true", help="show, write nothing")
        parser.add_argument("--user", help="the login the changes are recorded as (an admin)")

    def handle(self, *args, files: list[str], dry_run: bool, user: str | None, **options):
        actor = acting_user(user)
        contents = []
        for name in files:
            try:
                with open(name, "rb") as handle:
                    contents.append((name, handle.read()))
            except OSError as error:
                raise CommandError(f"{name}: {error.strerror}") from None
        try:
            outcome = import_setup(actor=actor, files=contents, dry_run=dry_run)
        except Refused as refused:
            for problem in refused.problems:
                self.stderr.write(str(problem))
            self.stderr.write(_("Nothing was written."))
            sys.exit(1)
        for item in outcome.preview.items:
            if item.action == SAME:
                continue
            self.stdout.write(f"{item.where}:{item.row}: {item.action} {item.label}")
            for field, before, after in item.changes:
                self.stdout.write(f"    {field}: {before or '—'} → {after or '—'}")
        summary = ", ".join(
            f"{sheet}: +{n['create']} ~{n['change']} ={n['same']}"
            for sheet, n in outcome.preview.summary().items()
        )
        if dry_run:
            self.stdout.write(_("Dry run, nothing written. %(summary)s") % {"summary": summary})
        elif outcome.applied is None:
            self.stdout.write(_("Nothing to change. %(summary)s") % {"summary": summary})
        else:
            self.stdout.write(_("Imported. %(summary)s") % {"summary": summary})
        for login, link in outcome.links.items():
            self.stdout.write(
                _("%(login)s sets a password at %(url)s") % {"login": login, "url": absolute(link)}
            )
