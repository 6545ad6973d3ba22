"""An agency's annual results by dimension, and the city's view: indicators met per agency,
as a table, a chart and an export."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from tidtam.followup.exports import FORMATS, Column, Export, Table, render
from tidtam.indicators import sources
from tidtam.indicators.models import Dimension, IndicatorYear

__all__ = ["FORMATS", "by_dimension", "city", "export"]


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
class AgencyRow:
    agency: object
    total: int = 0
    met: int = 0
    not_met: int = 0

    @property
    def no_result(self) -> int:
        return self.total - self.met - self.not_met


@dataclass
class City:
    rows: list[AgencyRow] = field(default_factory=list)

    def chart(self) -> dict:
        """The figures of the chart (the table holds the same)."""
        return {
            "labels": [row.agency.name for row in self.rows],
            "axis": _("indicators"),
            "series": [
                {"key": "met", "label": _("met"), "counts": [r.met for r in self.rows]},
                {"key": "not_met", "label": _("not met"), "counts": [r.not_met for r in self.rows]},
                {
                    "key": "no_result",
                    "label": _("no result yet"),
                    "counts": [r.no_result for r in self.rows],
                },
            ],
        }


def city(years: list[IndicatorYear]) -> City:
    """Per agency: its indicators of the year, how many met their target and how many not."""
    found = sources.outcomes(years)
    by_agency: dict[int, AgencyRow] = {}
    for year in years:
        agency = year.indicator.agency
        row = by_agency.setdefault(agency.pk, AgencyRow(agency))
        row.total += 1
        met = found[year.pk].met
        row.met += met is True
        row.not_met += met is False
    return City(sorted(by_agency.values(), key=lambda r: r.agency.agency_code))


def export(board: City, fiscal_year: int, fmt: str) -> Export:
    table = Table(
        _("Indicators met per agency, %(year)s") % {"year": fiscal_year},
        [
            Column("agency_code", _("agency code")),
            Column("agency", _("agency")),
            Column("indicators", _("indicators")),
            Column("met", _("met")),
            Column("not_met", _("not met")),
            Column("no_result", _("no result yet")),
        ],
        [
            [r.agency.agency_code, r.agency.name, r.total, r.met, r.not_met, r.no_result]
            for r in board.rows
        ],
    )
    return render([table], fmt, f"indicators-{fiscal_year}")
