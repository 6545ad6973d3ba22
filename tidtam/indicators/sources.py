"""Where an indicator's result comes from: typed by its unit each quarter, or drawn from
tidtam's own data (the agency's ITA score of the year, the share of its projects finished or
on plan). Read when shown, so that the figure follows the data."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext as _

from tidtam.indicators import rules
from tidtam.indicators.models import IndicatorYear, QuarterResult, Source
from tidtam.ita import selectors as ita_selectors
from tidtam.ita.models import Assessment as ItaAssessment
from tidtam.projects.models import Project, ProjectStatus
from tidtam.reports.models import ReviewStatus

# a project counts as finished or on plan with one of these statuses
GOOD = [ProjectStatus.COMPLETED, ProjectStatus.ON_PLAN, ProjectStatus.AHEAD_OF_PLAN]
FILED = [ReviewStatus.SUBMITTED, ReviewStatus.ACCEPTED]


@dataclass
class Outcome:
    value: Decimal | None  # the result so far
    where: str  # where the number came from, in words
    met: bool | None  # against the annual target


def ita_score(agency_id: int, fiscal_year: int) -> tuple[Decimal | None, str]:
    """The agency's published ITA total of the year and its level, in words."""
    assessment = (
        ItaAssessment.objects.filter(agency_id=agency_id, framework__fiscal_year=fiscal_year)
        .select_related("framework")
        .prefetch_related("framework__tools", "framework__levels")
        .first()
    )
    found = ita_selectors.result(assessment) if assessment else None
    if found is None:
        return None, _("ITA %(year)s: no published score yet") % {"year": fiscal_year}
    return Decimal(found["total"]), _("ITA %(year)s: score %(total)s, level %(level)s") % {
        "year": fiscal_year,
        "total": found["total"],
        "level": found["level"],
    }


def project_shares(agency_ids: set[int], fiscal_year: int) -> dict[int, tuple[int, int]]:
    """Agency → (projects finished or on plan, all projects) of the year, in one query."""
    rows = (
        Project.objects.filter(agency_id__in=agency_ids, fiscal_year=fiscal_year)
        .values("agency_id")
        .annotate(total=Count("pk"), good=Count("pk", filter=Q(figures__status__in=GOOD)))
    )
    return {row["agency_id"]: (row["good"], row["total"]) for row in rows}


def latest_filed(year: IndicatorYear):
    """The latest quarter's result that was submitted or accepted (from prefetched results)."""
    filed = [r for r in year.results.all() if r.status in FILED]
    return max(filed, key=lambda r: r.quarter) if filed else None


def outcomes(years: list[IndicatorYear], *, words: bool = True) -> dict[int, Outcome]:
    """Each indicator year's result so far, where it came from (with ``words``) and whether it
    meets its annual target. The years' results must be prefetched; a fixed number of queries
    for projects, one read per agency for the ITA."""
    needing_shares = {y.indicator.agency_id for y in years if y.source == Source.PROJECTS}
    shares: dict[tuple[int, int], tuple[int, int]] = {}
    for fiscal_year in {y.fiscal_year for y in years if y.source == Source.PROJECTS}:
        for agency_id, counts in project_shares(needing_shares, fiscal_year).items():
            shares[(agency_id, fiscal_year)] = counts
    ita: dict[tuple[int, int], tuple[Decimal | None, str]] = {}
    found = {}
    for year in years:
        agency_id = year.indicator.agency_id
        if year.source == Source.ITA:
            key = (agency_id, year.fiscal_year)
            if key not in ita:
                ita[key] = ita_score(*key)
            value, where = ita[key]
        elif year.source == Source.PROJECTS:
            good, total = shares.get((agency_id, year.fiscal_year), (0, 0))
            value = rules.share(good, total)
            where = (
                _("%(good)s of the agency's %(total)s projects of %(year)s finished or on plan")
                % {"good": good, "total": total, "year": year.fiscal_year}
                if words
                else ""
            )
        else:
            latest = latest_filed(year)
            value = latest.result if latest else None
            where = ""
            if words and latest:
                where = _("typed by the unit, quarter %(quarter)s (%(status)s)") % {
                    "quarter": latest.quarter,
                    "status": latest.get_status_display(),
                }
            elif words:
                where = _("no quarterly result filed yet")
        found[year.pk] = Outcome(value, where, rules.on_target(value, year.target, year.direction))
    return found


def latest_filed_result() -> Subquery:
    """As an annotation of indicator years: the result of the latest quarter submitted or
    accepted (what ``latest_filed`` finds, in the database)."""
    filed = QuarterResult.objects.filter(indicator_year=OuterRef("pk"), status__in=FILED)
    return Subquery(filed.order_by("-quarter").values("result")[:1])


def met_of(years: QuerySet[IndicatorYear], rows: list[dict]) -> dict[int, bool | None]:
    """Whether each indicator year meets its annual target, as ``outcomes`` finds it, without
    building the typed ones nor putting anything in words. ``rows`` are the years' values with
    ``pk``, ``source``, ``target``, ``direction`` and ``latest`` (``latest_filed_result()``);
    the few drawn from the ITA or the projects go through ``outcomes`` (one more query)."""
    drawn = [row["pk"] for row in rows if row["source"] != Source.TYPED]
    found = outcomes(list(years.filter(pk__in=drawn)), words=False) if drawn else {}
    met = {pk: outcome.met for pk, outcome in found.items()}
    for row in rows:
        if row["source"] == Source.TYPED:
            met[row["pk"]] = rules.on_target(row["latest"], row["target"], row["direction"])
    return met


def outcome(year: IndicatorYear) -> Outcome:
    return outcomes([year])[year.pk]
