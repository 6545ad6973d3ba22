"""Writes of the follow-up: a coordinator's quarterly score of a project, validated and audited."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tidtam.core import audit
from tidtam.followup.actions import PROJECT_SCORED
from tidtam.followup.models import ProjectScore
from tidtam.orgs import access
from tidtam.orgs.models import User
from tidtam.projects.models import Project

SCORE_FIELDS = ["quarter", "score", "note"]


@transaction.atomic
def project_score(
    *, actor: User, project: Project, quarter: int, score: Decimal, note: str = ""
) -> ProjectScore:
    """A coordinator of the project's agency scores it for a quarter (again: the score changes)."""
    if not access.coordinates_agency(actor, project.agency_id):
        raise PermissionDenied(_("Only a coordinator of the project's agency can score it."))
    errors: dict[str, list[str]] = {}
    if quarter not in (1, 2, 3, 4):
        errors["quarter"] = [_("A quarter is 1, 2, 3 or 4.")]
    if not Decimal(0) <= score <= Decimal(100) or score.as_tuple().exponent < -2:
        errors["score"] = [_("A score is from 0 to 100 with at most two decimal places.")]
    if errors:
        raise ValidationError(errors)
    existing = ProjectScore.objects.select_for_update().filter(project=project, quarter=quarter)
    row = existing.first()
    before = audit.snapshot(row, SCORE_FIELDS) if row else {}
    if row is None:
        row = ProjectScore(project=project, quarter=quarter)
    row.score, row.note, row.scored_by = score, note.strip(), actor
    row.save()
    audit.record_changes(
        action=PROJECT_SCORED,
        actor=actor,
        target=row,
        before=before,
        fields=SCORE_FIELDS,
        unit=project.responsible_unit,
        subject=project,
    )
    return row
