"""Keep ``ProjectFigures`` in step with the reports: every write of a report calls ``refresh``
for its project, inside the same transaction, so the figures are never older than the reports.

``refresh`` recomputes from scratch rather than adjusting by differences: a project has a
handful of reports, and a recomputation cannot drift. It reads the few columns it needs of
the projects' reports in one plain query and adds them up here: at month-end a report is
written many times a second, and building an aggregate query cost more than reading the rows.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from tidtam.projects.models import ProjectFigures, ProjectStatus
from tidtam.reports.models import ProgressReport, ReviewStatus

HUNDRED = Decimal("100")
BATCH = 2000
UPDATED = [f.name for f in ProjectFigures._meta.concrete_fields if not f.primary_key]
COLUMNS = [
    "project_id",
    "date",
    "budget_disbursed",
    "progress_percent",
    "plan_status",
    "delay_category",
    "status",
    "imported",
    "first_submitted_at",
    "reviewed_at",
]


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
    reports = defaultdict(list)
    rows = ProgressReport.objects.filter(project_id__in=ids).order_by("project_id", "number")
    for row in rows.values(*COLUMNS):
        reports[row["project_id"]].append(row)
    ProjectFigures.objects.bulk_create(
        [figures_of(pk, reports[pk]) for pk in ids],
        update_conflicts=True,
        unique_fields=["project"],
        update_fields=UPDATED,
    )


def figures_of(project_id: int, reports: list[dict]) -> ProjectFigures:
    """A project's figures from its reports (dicts of ``COLUMNS``), in the order of their
    numbers; unsaved."""
    latest = reports[-1] if reports else {}
    progress = latest.get("progress_percent")
    # filed: submitted in tidtam, or brought in from the old system, where it was filed
    filed = [r["date"] for r in reports if r["first_submitted_at"] or r["imported"]]
    review_times = [
        r["reviewed_at"] - r["first_submitted_at"]
        for r in reports
        if r["reviewed_at"] and r["first_submitted_at"]
    ]
    return ProjectFigures(
        project_id=project_id,
        report_count=len(reports),
        budget_used=sum((r["budget_disbursed"] for r in reports), Decimal("0.00")),
        latest_progress=progress,
        status=_status(progress, latest.get("plan_status", "")),
        latest_delay_category=latest.get("delay_category", ""),
        latest_filed_on=max(filed, default=None),
        waiting=sum(r["status"] == ReviewStatus.SUBMITTED for r in reports),
        reviewed=len(review_times),
        review_seconds=max(0, int(sum(review_times, dt.timedelta(0)).total_seconds())),
    )
