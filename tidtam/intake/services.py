"""Importing setup files: read and check every row (``preview``), then write it all in one
transaction through the owning apps' services (``import_setup``), recorded in the audit log;
a file that changes nothing writes nothing."""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tidtam.core import audit, jobs
from tidtam.core.spreadsheets import Refused
from tidtam.intake.actions import SETUP_IMPORTED
from tidtam.intake.apply import Applied, apply
from tidtam.intake.check import Preview, check
from tidtam.intake.models import SetupImport
from tidtam.intake.reading import read_file
from tidtam.orgs.models import User
from tidtam.orgs.services import password_link

# more rows than this and the upload page hands the import to the worker
LARGE_IMPORT_ROWS = getattr(settings, "TIDTAM_LARGE_IMPORT_ROWS", 500)

Files = list[tuple[str, bytes]]  # (file name, content)


@dataclass
class Outcome:
    preview: Preview
    applied: Applied | None  # None: a dry run, or nothing to change
    links: dict[str, str]  # login → the address where a new person sets their password


def preview(actor: User, files: Files) -> Preview:
    """What importing the files would do; ``Refused`` with every problem of every file."""
    sheets, problems = [], []
    for name, data in files:
        try:
            sheets.extend(read_file(name, data))
        except Refused as refused:
            problems.extend(refused.problems)
    if problems:
        raise Refused(problems)
    return check(actor, sheets)


def import_setup(
    *,
    actor: User,
    files: Files,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
    record: SetupImport | None = None,
) -> Outcome:
    """Check the files and, unless ``dry_run``, write what they create and change in one
    transaction; ``Refused`` and nothing written when any row is wrong."""
    with transaction.atomic():
        checked = preview(actor, files)
        if dry_run or not checked.changed:
            return Outcome(checked, None, {})
        applied = apply(actor, checked, progress)
        if record is None:
            name = ", ".join(name for name, _data in files)[:255]
            record = SetupImport(requested_by=actor, source_name=name, total=len(checked.items))
            stored = Path(files[0][0]).name[-100:] or "setup"
            record.source.save(stored, ContentFile(files[0][1]), save=False)
        record.created, record.changed = applied.created, applied.changed
        record.confirmed_at = record.confirmed_at or timezone.now()
        record.save()
        audit.record(
            action=SETUP_IMPORTED,
            actor=actor,
            target=record,
            changes={
                "file": [None, record.source_name],
                "created": [None, applied.created],
                "changed": [None, applied.changed],
            },
        )
        links = {user.username: password_link(user) for user in applied.new_people}
        transaction.on_commit(lambda: _send_links(applied.new_people, links))
    return Outcome(checked, applied, links)


def _send_links(people: list[User], links: dict[str, str]) -> None:
    for user in people:
        if user.email:
            send_mail(
                _("Your tidtam account"),
                _(
                    "Hello %(name)s,\n\nSet your password for tidtam (login %(login)s) "
                    "here:\n%(url)s\n"
                )
                % {
                    "name": user.full_name,
                    "login": user.username,
                    "url": absolute(links[user.username]),
                },
                None,
                [user.email],
                fail_silently=True,
            )


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def upload_create(*, actor: User, name: str, data: bytes, rows: int) -> SetupImport:
    """Keep an upload whose preview was shown, until the user imports it."""
    record = SetupImport(requested_by=actor, source_name=name[:255], total=rows)
    record.source.save(Path(name).name[-100:] or "setup", ContentFile(data), save=False)
    record.save()
    return record


def upload_run(record: SetupImport) -> None:
    """Import a kept upload (``core.jobs.run``: progress saved as it goes); its file lists
    what was done and the new people's password links."""
    with record.source.open("rb") as stored:
        data = stored.read()

    def work(progress):
        outcome = import_setup(
            actor=record.requested_by,
            files=[(record.source_name, data)],
            progress=progress,
            record=record,
        )
        return "import-result.csv", "text/csv; charset=utf-8", result_csv(outcome)

    jobs.run(record, work)


def result_csv(outcome: Outcome) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_("file"), _("row"), _("what"), _("action"), _("password link")])
    for item in outcome.preview.items:
        login = item.data.get("username", "") if item.sheet == "people" else ""
        link = absolute(outcome.links[login]) if login in outcome.links else ""
        writer.writerow([item.where, item.row, item.label, item.action, link])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
