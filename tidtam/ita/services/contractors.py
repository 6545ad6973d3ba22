"""The contractor list (คู่ค้าคู่สัญญา) from an XLSX or CSV file: every row checked, the
whole list replaced only when no row is wrong."""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tidtam.core.audit import record
from tidtam.core.validators import hidden_characters, hidden_message
from tidtam.ita.actions import CONTRACTORS_REPLACED
from tidtam.ita.models import Assessment, Contractor
from tidtam.lib.thai import to_arabic_digits
from tidtam.orgs.models import User

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
NAME_MAX = Contractor._meta.get_field("name").max_length
CONTACT_MAX = Contractor._meta.get_field("contact").max_length
HEADERS = {
    "tax_id": {"tax id", "tax_id", "เลขประจำตัวผู้เสียภาษี", "เลขประจำตัวผู้เสียภาษีอากร"},
    "name": {"name", "ชื่อ", "ชื่อผู้ประกอบการ", "ชื่อคู่ค้า"},
    "contact": {"contact", "ผู้ติดต่อ", "ติดต่อ", "โทรศัพท์"},
}


def tax_id_valid(value: str) -> bool:
    """A Thai 13-digit tax or ID number: the last digit checks the first twelve."""
    if len(value) != 13 or not value.isdigit():
        return False
    total = sum(int(digit) * (13 - i) for i, digit in enumerate(value[:12]))
    return (11 - total % 11) % 10 == int(value[12])


def clean_tax_id(value: str) -> str:
    return "".join(ch for ch in to_arabic_digits(value) if ch not in " -")


@dataclass
class RowError:
    row: int
    messages: list[str] = field(default_factory=list)


def read_rows(name: str, content: bytes) -> list[list[str]]:
    """Rows of cells as text from .xlsx or .csv (UTF-8, with or without BOM)."""
    if len(content) > MAX_BYTES:
        raise ValidationError(
            {"file": _("The file is larger than %(mb)s MB.") % {"mb": MAX_BYTES // 1024 // 1024}}
        )
    if found := hidden_characters(name):
        raise ValidationError({"file": hidden_message(found)})
    lower = name.lower()
    if lower.endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ValidationError({"file": _("Save the CSV file as UTF-8.")}) from error
        return [list(row) for row in csv.reader(io.StringIO(text))]
    if lower.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many kinds for a broken file
            raise ValidationError({"file": _("This is not a readable XLSX file.")}) from error
        sheet = book.worksheets[0]
        return [
            ["" if cell is None else str(cell) for cell in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    raise ValidationError({"file": _("Upload an .xlsx or .csv file.")})


def _columns(header: list[str]) -> dict[str, int]:
    found = {}
    for index, cell in enumerate(header):
        label = cell.strip().lower()
        for key, names in HEADERS.items():
            if label in names:
                found[key] = index
    missing = [key for key in ("tax_id", "name") if key not in found]
    if missing:
        raise ValidationError(
            {
                "file": _(
                    "The first row must name the columns: tax ID (เลขประจำตัวผู้เสียภาษี) and name (ชื่อ)."
                )
            }
        )
    return found


def validate(rows: list[list[str]]) -> tuple[list[dict], list[RowError]]:
    """Check every row; return the clean records and one error entry per bad row
    (row numbers as the spreadsheet shows them, the header being row 1)."""
    if not rows:
        raise ValidationError({"file": _("The file is empty.")})
    columns = _columns(rows[0])
    body = rows[1:]
    if len(body) > MAX_ROWS:
        raise ValidationError({"file": _("At most %(n)s rows, please.") % {"n": MAX_ROWS}})
    records, errors, seen = [], [], {}
    for number, row in enumerate(body, start=2):
        cells = {key: (row[i].strip() if i < len(row) else "") for key, i in columns.items()}
        if not any(cells.values()):
            continue
        problems = []
        tax_id = clean_tax_id(cells["tax_id"])
        if not tax_id:
            problems.append(_("The tax ID is missing."))
        elif not tax_id_valid(tax_id):
            problems.append(_("The tax ID %(id)s is not a valid 13-digit number.") % {"id": tax_id})
        elif tax_id in seen:
            problems.append(_("The tax ID repeats row %(row)s.") % {"row": seen[tax_id]})
        else:
            seen[tax_id] = number
        if not cells["name"]:
            problems.append(_("The name is missing."))
        elif len(cells["name"]) > NAME_MAX:
            problems.append(_("The name is longer than %(n)s characters.") % {"n": NAME_MAX})
        if len(cells.get("contact", "")) > CONTACT_MAX:
            problems.append(_("The contact is longer than %(n)s characters.") % {"n": CONTACT_MAX})
        if found := hidden_characters("".join(cells.values())):
            problems.append(hidden_message(found))
        if problems:
            errors.append(RowError(number, problems))
        else:
            records.append(
                {"tax_id": tax_id, "name": cells["name"], "contact": cells.get("contact", "")}
            )
    if not records and not errors:
        raise ValidationError({"file": _("The file has no contractors.")})
    return records, errors


@transaction.atomic
def contractors_replace(
    *, actor: User, assessment: Assessment, name: str, content: bytes
) -> tuple[int, list[RowError]]:
    """Replace the list from the file. With any bad row nothing is saved and the errors
    are returned; otherwise (count saved, [])."""
    records, errors = validate(read_rows(name, content))
    if errors:
        return 0, errors
    before = assessment.contractors.count()
    assessment.contractors.all().delete()
    Contractor.objects.bulk_create(Contractor(assessment=assessment, **r) for r in records)
    record(
        action=CONTRACTORS_REPLACED,
        actor=actor,
        target=assessment,
        changes={"contractors": [before, len(records)], "file": [None, name]},
        unit=assessment.agency,
    )
    return len(records), []
