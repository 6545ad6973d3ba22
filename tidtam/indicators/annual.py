"""An agency's annual results by dimension, and the city's view: indicators met per agency,
as a table, a chart and an export."""

from dataclasses import dataclass, field, replace

from django.db.models import F, QuerySet
from django.utils.translation import gettext as _

from tidtam.followup.exports import FORMATS, Column, Export, Table, render
from tidtam.followup.views import CHART_LABEL_WIDTH  # the dashboard's charts' label width
from tidtam.indicators import sources
from tidtam.indicators.models import Dimension, IndicatorYear
from tidtam.lib.thai import lines
from tidtam.plans.models import PlanNode

__all__ = ["FORMATS", "by_dimension", "chart", "city", "export"]


@dataclass
class Group:
    dimension: int
    label: str
    rows: list  # [(IndicatorYear, Outcome)]

    @property
    def met(self) -> int:
        return sum(1 for _year, found in self.rows if found.met)


def by_dimension(years: list[IndicatorYear]) -> list[Group]:
    """The years' indicators grouped by dimension, in order, each with its result so far."""
    found = sources.outcomes(years)
    groups: dict[int, Group] = {}
    for year in sorted(years, key=lambda y: (y.dimension, y.indicator.code)):
        group = groups.setdefault(
            year.dimension, Group(year.dimension, Dimension(year.dimension).label, [])
        )
        group.rows.append((year, found[year.pk]))
    return list(groups.values())


@dataclass
class Row:
    """One line of the city view: an agency or a strategy, and its indicators."""

    key: object  # the agency's code, or the strategy's id (None: not aligned with the plan)
    name: str
    total: int = 0
    met: int = 0
    not_met: int = 0

    @property
    def no_result(self) -> int:
        return self.total - self.met - self.not_met

    def count(self, met: bool | None) -> None:
        self.total += 1
        self.met += met is True
        self.not_met += met is False


def chart(rows: list[Row]) -> dict:
    """The figures of a chart of these rows (the table holds the same)."""
    return {
        # each label on short lines cut between words, to fit beside its bar on a phone
        "labels": [lines(row.name, CHART_LABEL_WIDTH) for row in rows],
        "axis": _("indicators"),
        "series": [
            {"key": "met", "label": _("met"), "counts": [r.met for r in rows]},
            {"key": "not_met", "label": _("not met"), "counts": [r.not_met for r in rows]},
            {
                "key": "no_result",
                "label": _("no result yet"),
                "counts": [r.no_result for r in rows],
            },
        ],
    }


@dataclass
class City:
    agencies: list[Row] = field(default_factory=list)
    strategies: list[Row] = field(default_factory=list)


def _strategies(years: QuerySet[IndicatorYear]) -> dict[int, list]:
    """Each year's strategies, those its plan targets lie under: year → [(id, "code title")].
    Two queries: the years' plan targets, the plan's nodes."""
    links = IndicatorYear.plan_targets.through.objects.filter(indicatoryear__in=years)
    nodes = {n["pk"]: n for n in PlanNode.objects.values("pk", "kind", "parent", "code", "title")}
    found: dict[int, dict] = {}
    for year_id, node_id in links.values_list("indicatoryear_id", "plannode_id"):
        node = nodes.get(node_id)
        while node is not None and node["kind"] != PlanNode.Kind.STRATEGY:
            node = nodes.get(node["parent"])
        if node is not None:
            found.setdefault(year_id, {})[node["pk"]] = f"{node['code']} {node['title']}"
    return {year_id: list(strategies.items()) for year_id, strategies in found.items()}


def city(years: QuerySet[IndicatorYear]) -> City:
    """Per agency and per strategy: the year's indicators, how many met their target and how
    many not. Read as values, with each year's latest filed result, in a fixed few queries."""
    rows = list(
        years.order_by()
        .values("pk", "source", "target", "direction")
        .annotate(
            code=F("indicator__agency__agency_code"),
            name=F("indicator__agency__name"),
            latest=sources.latest_filed_result(),
        )
    )
    met_of = sources.met_of(years, rows)
    strategies_of = _strategies(years)
    agencies: dict[str, Row] = {}
    strategies: dict[object, Row] = {}
    unaligned = [(None, _("not aligned with the plan"))]
    for row in rows:
        met = met_of[row["pk"]]
        agencies.setdefault(row["code"], Row(row["code"], row["name"])).count(met)
        for key, name in strategies_of.get(row["pk"], unaligned):
            strategies.setdefault(key, Row(key, name)).count(met)
    by_code = sorted(strategies.values(), key=lambda r: (r.key is None, r.name))
    return City(sorted(agencies.values(), key=lambda r: r.key), by_code)


def _table(title: str, label: str, rows: list[Row]) -> Table:
    return Table(
        title,
        [
            Column("key", label),
            Column("name", _("name")),
            Column("indicators", _("indicators")),
            Column("met", _("met")),
            Column("not_met", _("not met")),
            Column("no_result", _("no result yet")),
        ],
        [[r.key, r.name, r.total, r.met, r.not_met, r.no_result] for r in rows],
    )


def export(board: City, fiscal_year: int, fmt: str) -> Export:
    tables = [
        _table(
            _("Indicators met per agency, %(year)s") % {"year": fiscal_year},
            _("agency code"),
            board.agencies,
        ),
        _table(
            _("Indicators met per strategy, %(year)s") % {"year": fiscal_year},
            _("strategy"),
            [replace(r, key=r.name.split(" ")[0] if r.key else "") for r in board.strategies],
        ),
    ]
    return render(tables, fmt, f"indicators-{fiscal_year}")
