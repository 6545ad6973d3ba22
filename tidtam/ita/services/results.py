"""Publishing an assessment's tool scores (computed here or received from the national
system) and last year's total when that year is not in tidtam."""

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tidtam.core.audit import record, snapshot
from tidtam.ita.actions import SCORES_PUBLISHED
from tidtam.ita.models import Assessment
from tidtam.orgs.models import User

FIELDS = ["iit_score", "eit_score", "oit_score", "previous_total"]
PLACES = Decimal("0.0001")


@transaction.atomic
def scores_publish(
    *,
    actor: User,
    assessment: Assessment,
    iit_score: Decimal,
    eit_score: Decimal,
    oit_score: Decimal,
    previous_total: Decimal | None = None,
) -> Assessment:
    values = {
        "iit_score": iit_score,
        "eit_score": eit_score,
        "oit_score": oit_score,
        "previous_total": previous_total,
    }
    errors = {
        name: _("A score lies between 0 and 100.")
        for name, value in values.items()
        if value is not None and not Decimal(0) <= value <= Decimal(100)
    }
    if errors:
        raise ValidationError(errors)
    # Stored to the model's four places, half up (computed scores may run longer).
    values = {
        name: None if value is None else value.quantize(PLACES, rounding=ROUND_HALF_UP)
        for name, value in values.items()
    }
    before = snapshot(assessment, FIELDS)
    for name, value in values.items():
        setattr(assessment, name, value)
    assessment.save(update_fields=FIELDS)
    after = snapshot(assessment, FIELDS)
    record(
        action=SCORES_PUBLISHED,
        actor=actor,
        target=assessment,
        changes={n: [before[n], after[n]] for n in FIELDS if before[n] != after[n]},
        unit=assessment.agency,
    )
    return assessment
