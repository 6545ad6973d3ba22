"""``tidtam import_legacy FILE… [--dry-run] [--user NAME] [--accept-partial]``: printouts into
tidtam, one transaction per file. Exit code 2 when a file cannot be read, 1 when tidtam refuses
one — also a printout read only in part, unless ``--accept-partial`` says to import what was
read."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils.translation import gettext as _

from tidtam.legacy.management.commands.parse_legacy import partial_message, read_or_fail
from tidtam.legacy.services import ImportOutcome, import_printout
from tidtam.orgs.models import Membership, User

EXIT_REFUSED = 1


def describe(outcome: ImportOutcome) -> list[str]:
    """What an import did (or would do), one line per change."""
    if not outcome.changed:
        return [_("%(code)s: nothing to change.") % {"code": outcome.code}]
    if outcome.dry_run:
        head = _("%(code)s: would make %(count)s changes (dry run, nothing written):")
    else:
        head = _("%(code)s: %(count)s changes recorded:")
    lines = [head % {"code": outcome.code, "count": len(outcome.entries)}]
    for entry in outcome.entries:
        lines.append(f"  {entry['action']} {entry['target']}")
        for name, (before, after) in entry["changes"].items():
            if _short(before) != _short(after):  # an empty field shows no change
                lines.append(f"    {name}: {_short(before)} → {_short(after)}")
    return lines


def _short(value) -> str:
    text = "—" if value in (None, "", []) else str(value)
    return text if len(text) <= 80 else text[:77] + "…"


def admin_user(username: str | None) -> User:
    users = User.objects.filter(is_active=True)
    if username:
        user = users.filter(username=username).first()
        if user is None:
            raise CommandError(_("No active user %(name)s.") % {"name": username})
        return user
    admins = Q(is_superuser=True) | Q(memberships__role=Membership.Role.ADMIN)
    user = users.filter(admins).order_by("id").first()
    if user is None:
        raise CommandError(_("No administrator to record the import as; name one with --user."))
    return user


class Command(BaseCommand):
    help = "Import printouts of the old system: units, plan, project and reports."

    def add_arguments(self, parser) -> None:
        parser.add_argument("files", nargs="+", help="printouts (text or PDF)")
        parser.add_argument("--dry-run", action="store_true", help="show, write nothing")
        parser.add_argument(
            "--user",
            help="the user the changes are recorded as: an admin, or a coordinator of the agency",
        )
        parser.add_argument(
            "--accept-partial",
            action="store_true",
            help="import a printout read only in part: what was read, without the reports "
            "that could not be read",
        )

    def handle(
        self,
        *args,
        files: list[str],
        dry_run: bool,
        user: str | None,
        accept_partial: bool = False,
        **options,
    ):
        actor = admin_user(user)
        failures: list[CommandError] = []
        for file in files:
            try:
                parsed, _text = read_or_fail(file)
                if parsed.partial:
                    self.stderr.write(partial_message(file, parsed))
                if parsed.partial and not accept_partial:
                    for part in parsed.missing:
                        self.stderr.write(f"  {file}:{part['line']}: {part['text'][:120]}")
                    raise CommandError(
                        _("%(file)s: not imported: these reports would be missing. Check them, "
                          "then import what was read with --accept-partial.")
                        % {"file": file},
                        returncode=EXIT_REFUSED,
                    )  # fmt: skip
                outcome = import_printout(
                    actor=actor,
                    parsed=parsed,
                    source_name=file,
                    dry_run=dry_run,
                    accept_partial=accept_partial,
                )
            except CommandError as error:
                self.stderr.write(str(error))
                failures.append(error)
                continue
            except ValidationError as error:
                message = "; ".join(error.messages)
                self.stderr.write(
                    _("%(file)s: not imported: %(why)s") % {"file": file, "why": message}
                )
                failures.append(CommandError(message, returncode=EXIT_REFUSED))
                continue
            for line in describe(outcome) + [f"  {note}" for note in outcome.notes]:
                self.stdout.write(line)
            for item in parsed.unparsed:
                self.stderr.write(
                    _("%(file)s:%(line)s: not understood, not imported: %(text)s")
                    % {"file": file, "line": item["line"], "text": item["text"][:120]}
                )
        if failures:
            code = max(f.returncode for f in failures)
            raise CommandError(
                _("%(count)s of %(total)s files not imported.")
                % {"count": len(failures), "total": len(files)},
                returncode=code,
            )
