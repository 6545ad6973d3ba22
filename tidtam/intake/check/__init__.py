"""Checking every row of the setup files against each other and the database, and working
out what an import would create and change (``Preview``) without writing anything.

Rows are matched on codes: a unit on its code (an agency's is its agency code; a unit of the
database that has no code yet is matched on its parent and name, and gets the file's code), a
person on their login, a plan item on its code, a KPI on its target, year and title, a project
on its code (a row without one on its agency, fiscal year and name).

One file per sheet (``units``, ``people``, ``plan`` with the KPIs, ``projects``) on ``base``;
``preview`` holds what the check finds."""

from tidtam.core.spreadsheets import Refused
from tidtam.intake.check.people import People
from tidtam.intake.check.preview import CHANGE, CREATE, SAME, Item, Preview
from tidtam.intake.check.projects import Projects
from tidtam.intake.reading import Sheet
from tidtam.orgs.models import User

__all__ = ["CHANGE", "CREATE", "SAME", "Item", "Preview", "check"]


def check(actor: User, sheets: list[Sheet]) -> Preview:
    """What importing these sheets would do; ``Refused`` with every problem found."""
    return Checker(actor, sheets).run()


class Checker(People, Projects):
    def run(self) -> Preview:
        self._access()
        self._load()
        self._units()
        self._people()
        self._plan()
        self._kpis()
        self._projects()
        if self.problems:
            raise Refused(self.problems)
        for item in self.items:
            item.columns = self.columns_of[(item.where, item.row)]
        preview = Preview(self.items, self.db_units, self.db_users, self.db_nodes, self.db_kpis)
        return preview
