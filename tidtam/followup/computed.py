"""The dashboards' filter on the status computed from the plan (``tidtam/workplans``): a
project's computed status is its latest report's (by number), its progress against the plan in
force on the report's date within the year's tolerance (``workplans.rules``); "no plan" is a
project without a plan in force. A project with a plan and no report yet has no computed status.

Computed by the database, in one subquery of project ids, so the dashboard's own queries stay
as they are: the planned progress on a date is the previous month's figure (0 before the plan's
first month) plus the month's growth times the share of its days gone, as
``rules.planned_progress_on``, rounded to the cent (there half to even, here half away from
zero: a planned figure ending in exactly half a cent may differ by one cent)."""

from django.db.models import (
    Case,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, ExtractDay, Round, TruncMonth

from tidtam.projects.models import PlanStatus, Project
from tidtam.reports.models import ProgressReport
from tidtam.workplans.models import PlanMonth, WorkPlan, tolerance_for
from tidtam.workplans.selectors import NO_PLAN

CHOICES = [PlanStatus.ON_PLAN, PlanStatus.BEHIND_PLAN, PlanStatus.AHEAD_OF_PLAN, NO_PLAN]
PERCENT = DecimalField(max_digits=9, decimal_places=4)


class DaysInMonth(Func):
    """The number of days of a date's month (a real number on SQLite, so that it divides)."""

    def as_sqlite(self, compiler, connection, **extra):
        template = (
            "CAST(strftime('%%%%d', date(%(expressions)s, 'start of month', '+1 month', '-1 day'))"
            " AS REAL)"
        )
        return self.as_sql(compiler, connection, template=template)

    def as_postgresql(self, compiler, connection, **extra):
        template = (
            "EXTRACT(DAY FROM (DATE_TRUNC('month', %(expressions)s) + INTERVAL '1 month - 1 day'))"
        )
        return self.as_sql(compiler, connection, template=template)


def filter_computed(projects: QuerySet[Project], wanted: str, fiscal_year: int) -> QuerySet:
    """The projects among ``projects`` whose computed status is ``wanted`` (a ``CHOICES``)."""
    in_force = Q(plan__state=WorkPlan.State.IN_FORCE, plan__project=OuterRef("pk"))
    has_plan = Exists(
        WorkPlan.objects.filter(state=WorkPlan.State.IN_FORCE, project=OuterRef("pk"))
    )
    if wanted == NO_PLAN:
        return projects.exclude(has_plan)
    latest = ProgressReport.objects.filter(project=OuterRef("pk")).order_by("-number")
    month = PlanMonth.objects.filter(in_force)
    tolerance = Value(tolerance_for(fiscal_year))
    rows = (
        Project.objects.filter(fiscal_year=fiscal_year)
        .filter(has_plan)
        .annotate(
            on=Subquery(latest.values("date")[:1]),
            actual=Subquery(latest.values("progress_percent")[:1]),
        )
        .filter(on__isnull=False)
        .annotate(
            month_of=TruncMonth("on"),
            current=Subquery(month.filter(month=OuterRef("month_of")).values("progress")[:1]),
            previous=Coalesce(
                Subquery(
                    month.filter(month__lt=OuterRef("month_of"))
                    .order_by("-month")
                    .values("progress")[:1]
                ),
                Value(0, output_field=PERCENT),
            ),
        )
        .annotate(
            planned=Round(
                Case(
                    When(
                        current__isnull=False,
                        then=ExpressionWrapper(
                            F("previous")
                            + (F("current") - F("previous")) * ExtractDay("on") / DaysInMonth("on"),
                            output_field=PERCENT,
                        ),
                    ),
                    default=F("previous"),
                    output_field=PERCENT,
                ),
                2,
                output_field=PERCENT,
            )
        )
    )
    # rounded again: on SQLite the sums are floats, and a bound must hold exactly
    low = Round(F("planned") - tolerance, 2, output_field=PERCENT)
    high = Round(F("planned") + tolerance, 2, output_field=PERCENT)
    rows = rows.annotate(low=low, high=high)
    if wanted == PlanStatus.BEHIND_PLAN:
        rows = rows.filter(actual__lt=F("low"))
    elif wanted == PlanStatus.AHEAD_OF_PLAN:
        rows = rows.filter(actual__gt=F("high"))
    else:
        rows = rows.filter(actual__gte=F("low"), actual__lte=F("high"))
    return projects.filter(pk__in=rows.values("pk"))
