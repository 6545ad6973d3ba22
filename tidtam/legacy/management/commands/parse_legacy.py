"""``tidtam parse_legacy FILE``: a printout of the old system as JSON; no database.
Exit code 0 when every report was read, 1 when some could not be (the JSON holds the rest, the
lines left out are in ``unparsed``), 2 when the file is not a printout at all."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tidtam.legacy.i18n import error_message
from tidtam.legacy.messages import LegacyParseError
from tidtam.legacy.sources import parse_bytes, parse_path

EXIT_PARTIAL = 1
EXIT_BAD_INPUT = 2


def read_or_fail(file: str):
    """Parse one file; any failure is one line naming the file, and exit code 2."""
    try:
        if file == "-":
            return parse_bytes(sys.stdin.buffer.read())
        return parse_path(Path(file))
    except LegacyParseError as error:
        raise CommandError(f"{file}: {error_message(error)}", returncode=EXIT_BAD_INPUT) from None
    except Exception as error:
        raise CommandError(
            _("%(file)s: the printout could not be read (%(error)s).")
            % {"file": file, "error": type(error).__name__},
            returncode=EXIT_BAD_INPUT,
        ) from None


class Command(BaseCommand):
    help = "Read a printout of the old system (text or PDF) and print its fields as JSON."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "file", help="the printout: text extracted from its PDF, or the PDF; - for stdin"
        )

    def handle(self, *args, file: str, **options) -> None:
        parsed, _text = read_or_fail(file)
        self.stdout.write(json.dumps(parsed.to_dict(), ensure_ascii=False, indent=2))
        if parsed.partial:
            raise CommandError(partial_message(file, parsed), returncode=EXIT_PARTIAL)


def partial_message(file: str, parsed) -> str:
    count = len(parsed.missing)
    return ngettext(
        "%(file)s: read in part: %(count)s report could not be read and is left out "
        "(lines %(lines)s).",
        "%(file)s: read in part: %(count)s reports could not be read and are left out "
        "(lines %(lines)s).",
        count,
    ) % {"file": file, "count": count, "lines": parsed.missing_lines}
