"""What is wrong with an uploaded spreadsheet, cell by cell."""

from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Problem:
    where: str  # the file, and its sheet for a workbook
    row: int | None  # the spreadsheet's row number (1 is the header row)
    column: str  # the column's letter and header, or ""
    message: str

    def __str__(self) -> str:
        place = self.where
        if self.row is not None:
            place += " " + _("row %(row)s") % {"row": self.row}
        if self.column:
            place += " " + _("column %(column)s") % {"column": self.column}
        return f"{place}: {self.message}"


class Refused(Exception):
    """The files cannot be imported: every problem found, nothing written."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems
