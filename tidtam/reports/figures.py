"""Keep ``ProjectFigures`` in step with the reports: every write of a report calls ``refresh``
for its project, inside the same transaction, so the figures are never older than the reports.

``refresh`` recomputes from scratch rather than adjusting by differences: a project has a
handful of reports, and a recomputation cannot drift.
"""

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.db.models import (
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Max,
    OuterRef,
    Q,
    Subquery,
    Sum,
)

from tidtam.projects.models import Project, ProjectFigures, ProjectStatus
from tidtam.reports.models import ProgressReport, ReviewStatus

HUNDRED = Decimal("100")
BATCH = 2000
UPDATED = [f.name for f in ProjectFigures._meta.concrete_fields if not f.primary_key]


def refresh(project_ids: Iterable[int]) -> None:
    """Recompute the figures of these projects from their reports."""
    ids = sorted(set(project_ids))
    for start in range(0, len(ids), BATCH):
        _refresh_batch(ids[start : start + BATCH])


def _status(progress: Decimal | None, plan_status: str) -> str:
    if progress is None:
        return ProjectStatus.NOT_STARTED
    return ProjectStatus.COMPLETED if progress >= HUNDRED else plan_status


def _refresh_batch(ids: list[int]) -> None:
    reviewed = Q(reports__reviewed_at__isnull=False, reports__first_submitted_at__isnull=False)
    # filed: submitted in tidtam, or brought in from the old system, where it was filed
    filed = Q(reports__first_submitted_at__isnull=False) | Q(reports__imported=True)
    latest = ProgressReport.objects.filter(project=OuterRef("pk")).order_by("-number")
    computed = {
        "count": Count("reports"),
        "used": Sum("reports__budget_disbursed"),
        "filed_on": Max("reports__date", filter=filed),
        "waiting": Count("reports", filter=Q(reports__status=ReviewStatus.SUBMITTED)),
        "reviewed": Count("reports", filter=reviewed),
        "review_time": Sum(
            ExpressionWrapper(
                F("reports__reviewed_at") - F("reports__first_submitted_at"),
                output_field=DurationField(),
            ),
            filter=reviewed,
        ),
        # the latest report's, in the same query: one lookup per project
        "progress_percent": Subquery(latest.values("progress_percent")[:1]),
        "plan_status": Subquery(latest.values("plan_status")[:1]),
        "delay_category": Subquery(latest.values("delay_category")[:1]),
    }
    projects = Project.objects.filter(pk__in=ids).annotate(**computed)
    sums = {row["pk"]: row for row in projects.values("pk", *computed)}
    rows = []
    for pk in ids:
        summed = sums.get(pk, {})
        progress = summed.get("progress_percent")
        review_time = summed.get("review_time") or dt.timedelta(0)
        rows.append(
            ProjectFigures(
                project_id=pk,
                report_count=summed.get("count", 0),
                budget_used=summed.get("used") or Decimal("0.00"),
                latest_progress=progress,
                status=_status(progress, summed.get("plan_status") or ""),
                latest_delay_category=summed.get("delay_category") or "",
                latest_filed_on=summed.get("filed_on"),
                waiting=summed.get("waiting", 0),
                reviewed=summed.get("reviewed", 0),
                review_seconds=max(0, int(review_time.total_seconds())),
            )
        )
    ProjectFigures.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["project"], update_fields=UPDATED
    )
