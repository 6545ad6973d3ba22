"""What the official form prints, as plain JSON data: the snapshot that is hashed, stored,
embedded in the PDF and compared on the verify page.

Values are kept as the system stores them (ISO dates, Decimal as strings, HTML as sanitised);
display formatting happens in ``render_data`` so that the snapshot does not depend on the
language or the layout.
"""

import hashlib
import json

from tidtam.projects.models import Project
from tidtam.projects.selectors import alignment

SCHEMA = "tidtam.progress-form/1"


def _node(node) -> dict | None:
    return {"code": node.code, "title": node.title} if node is not None else None


def project_data(project: Project) -> dict:
    """The project's fields as the form prints them (sections 1.1–1.6 and 2)."""
    reports = list(project.reports.order_by("number"))
    coordinator = project.coordinator
    return {
        "code": project.code,
        "name": project.name,
        "fiscal_year": project.fiscal_year,
        "start_date": project.start_date.isoformat(),
        "end_date": project.end_date.isoformat(),
        "budget_received": str(project.budget_received),
        "budget_used": str(project.budget_used),
        "responsible_unit": project.responsible_unit.path_names(),
        "responsible_person": project.responsible_person,
        "coordinator": (coordinator.full_name or coordinator.username) if coordinator else "",
        "rationale": project.rationale,
        "objectives": project.objectives,
        "targets": project.targets,
        "alignment": [
            {
                "strategy": _node(row.get("strategy")),
                "sub_strategy": _node(row.get("sub_strategy")),
                "target": _node(row.get("target")),
                "kpis": [
                    {"fiscal_year": kpi.fiscal_year, "title": kpi.title} for kpi in row["kpis"]
                ],
            }
            for row in alignment(project)
        ],
        "reports": [
            {
                "number": report.number,
                "date": report.date.isoformat(),
                "narrative": report.narrative,
                "progress_percent": str(report.progress_percent),
                "budget_disbursed": str(report.budget_disbursed),
                "plan_status": report.plan_status,
                "target_status": report.target_status,
            }
            for report in reports
        ],
    }


def canonical_json(data: dict) -> bytes:
    """One byte string per value: sorted keys, UTF-8, no insignificant spaces."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def differences(before: dict, after: dict) -> list[str]:
    """Dotted names of the fields that differ: ``name``, ``reports.3.progress_percent``,
    ``reports.11`` (added or removed)."""
    changed: list[str] = []
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        if key == "reports" and isinstance(old, list) and isinstance(new, list):
            old_by = {r["number"]: r for r in old}
            new_by = {r["number"]: r for r in new}
            for number in sorted(set(old_by) | set(new_by)):
                a, b = old_by.get(number), new_by.get(number)
                if a is None or b is None:
                    changed.append(f"reports.{number}")
                else:
                    changed += [
                        f"reports.{number}.{field}"
                        for field in sorted(set(a) | set(b))
                        if a.get(field) != b.get(field)
                    ]
        else:
            changed.append(key)
    return changed
