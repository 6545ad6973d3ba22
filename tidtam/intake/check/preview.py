"""What an import would do, row by row: the outcome of ``check`` that the page shows and
``apply`` writes."""

from collections import defaultdict
from dataclasses import dataclass, field

CREATE, CHANGE, SAME = "create", "change", "same"


@dataclass
class Item:
    """One row's outcome: what it creates or changes, or that it changes nothing."""

    sheet: str  # the kind of sheet: units, people, plan, kpis, projects
    where: str
    row: int
    label: str  # what a person reads: a code and name
    action: str
    changes: list = field(default_factory=list)  # (field label, before, after)
    data: dict = field(default_factory=dict)  # what the apply step needs
    found: object = None  # the matched row of the database
    columns: dict = field(default_factory=dict)  # field → its column, for a service's refusal


@dataclass
class Preview:
    items: list[Item]
    units: dict  # unit key → Unit of the database
    users: dict  # login → User
    nodes: dict  # plan code key → PlanNode
    kpis: dict  # (target key, year, title) → KPI

    def of(self, sheet: str, action: str) -> list[Item]:
        return [i for i in self.items if i.sheet == sheet and i.action == action]

    @property
    def changed(self) -> bool:
        return any(item.action != SAME for item in self.items)

    def summary(self) -> dict[str, dict[str, int]]:
        counts: dict[str, dict[str, int]] = defaultdict(lambda: {CREATE: 0, CHANGE: 0, SAME: 0})
        for item in self.items:
            counts[item.sheet][item.action] += 1
        return dict(counts)
