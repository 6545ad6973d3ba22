"""Reads of indicators, always starting from the acting user: a unit reads its own, a
coordinator or executive those under the units they belong to, an admin all. Another agency's
indicator is a 404, as one that does not exist."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from tidtam.indicators import rules
from tidtam.indicators.models import IndicatorYear, QuarterAssessment, QuarterResult
from tidtam.orgs import access
from tidtam.orgs.models import User


def years_for_user(user: User) -> QuerySet[IndicatorYear]:
    return IndicatorYear.objects.filter(
        access.readable_units_q(user, "responsible_unit__path")
    ).select_related("indicator__agency", "responsible_unit")


def with_results(years: QuerySet[IndicatorYear]) -> QuerySet[IndicatorYear]:
    return years.prefetch_related(
        Prefetch("results", QuarterResult.objects.order_by("quarter")),
    )


def year_for_user(user: User, code: str, fiscal_year: int | None = None) -> IndicatorYear:
    """The indicator's year the user may read (the latest when no year is given), with its
    results, their evidence and the assessments; a 404 otherwise."""
    years = years_for_user(user).filter(indicator__code=code)
    if fiscal_year is not None:
        years = years.filter(fiscal_year=fiscal_year)
    year = (
        years.order_by("-fiscal_year")
        .prefetch_related(
            Prefetch(
                "results",
                QuarterResult.objects.order_by("quarter").prefetch_related("evidence"),
            ),
            Prefetch(
                "assessments",
                QuarterAssessment.objects.select_related("assessed_by").order_by(
                    "quarter", "-assessed_at", "-pk"
                ),
            ),
            "plan_targets",
            "projects",
        )
        .first()
    )
    if year is None:
        raise Http404
    return year


@dataclass
class QuarterRow:
    quarter: int
    target: Decimal | None
    result: QuarterResult | None
    assessment: QuarterAssessment | None  # the latest
    direction: str = rules.HIGHER
    actions: list[str] = field(default_factory=list)  # the review steps open to the reader
    step_form: object = None  # the page's forms for this quarter
    assess_form: object = None

    @property
    def met(self) -> bool | None:
        value = self.result.result if self.result else None
        return rules.on_target(value, self.target, self.direction)


def quarter_rows(year: IndicatorYear) -> list[QuarterRow]:
    """Quarters 1–4 with their target, result and latest assessment (from what is prefetched)."""
    results = {r.quarter: r for r in year.results.all()}
    latest: dict[int, QuarterAssessment] = {}
    for found in year.assessments.all():  # newest first within a quarter
        latest.setdefault(found.quarter, found)
    return [
        QuarterRow(q, year.quarter_target(q), results.get(q), latest.get(q), year.direction)
        for q in (1, 2, 3, 4)
    ]


def latest_assessment(rows: list[QuarterRow]) -> QuarterAssessment | None:
    """The assessment of the latest quarter assessed, as the old system's line shows it."""
    assessed = [row.assessment for row in rows if row.assessment]
    return assessed[-1] if assessed else None
