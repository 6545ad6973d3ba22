"""Opening an agency's assessment for a year and keeping its setup."""

import math
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tidtam.core import concurrency
from tidtam.core.audit import record, snapshot
from tidtam.ita.actions import (
    ASSESSMENT_CREATED,
    ROLE_GRANTED,
    ROLE_REVOKED,
    SETUP_CHANGED,
    SURVEYS_CLOSED,
    SURVEYS_OPENED,
)
from tidtam.ita.models import Assessment, DivisionStaff, Framework, ItaRole, Population, Tool
from tidtam.ita.services import oit
from tidtam.orgs.models import Unit, User

CONTACT_FIELDS = [
    "eit_target",
    "coordinator_name",
    "coordinator_phone",
    "coordinator_email",
    "executive_name",
    "executive_position",
    "executive_phone",
]


def minimum_sample(count: int, percent: Decimal) -> int:
    """The framework's share of eligible staff, rounded up to whole people."""
    return math.ceil(Decimal(count) * percent / Decimal(100))


@transaction.atomic
def assessment_create(*, actor: User, framework: Framework, agency: Unit) -> Assessment:
    if agency.kind != Unit.Kind.AGENCY:
        raise ValidationError({"agency": _("Choose an agency.")})
    if Assessment.objects.filter(framework=framework, agency=agency).exists():
        raise ValidationError({"agency": _("This agency already has an assessment for that year.")})
    assessment = Assessment.objects.create(
        framework=framework, agency=agency, eit_target=framework.eit_default_target
    )
    oit.entries(assessment)  # one OIT entry per item of the year, ready to fill
    record(
        action=ASSESSMENT_CREATED,
        actor=actor,
        target=assessment,
        changes={"fiscal_year": [None, framework.fiscal_year], "agency": [None, str(agency)]},
        unit=agency,
    )
    return assessment


@transaction.atomic
def assessment_setup(
    *,
    actor: User,
    assessment: Assessment,
    counts: dict[int, int],
    divisions: list[Unit],
    division_counts: dict[int, int | None] | None = None,
    version: int | None = None,
    **contacts,
) -> Assessment:
    """Save populations (group id → eligible staff), divisions with their eligible staff
    (division id → count, optional) and contacts in one go. ``version``: the version the
    setup form was loaded from; a save over a later one is refused."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    concurrency.check(assessment, version)
    outside = [d for d in divisions if not d.path.startswith(assessment.agency.path)]
    if outside:
        raise ValidationError({"divisions": _("Choose divisions of this agency only.")})
    fields = [*CONTACT_FIELDS, "divisions"]
    before = snapshot(assessment, fields)
    before_pop = {str(p.group): [p.count, p.minimum] for p in assessment.populations.all()}
    for name, value in contacts.items():
        if name not in CONTACT_FIELDS:
            raise TypeError(name)
        setattr(assessment, name, value)
    assessment.full_clean(exclude=["divisions"])
    assessment.save()
    assessment.divisions.set(divisions)
    iit = assessment.framework.tools.get(kind=Tool.Kind.INTERNAL)
    percent = assessment.framework.iit_minimum_percent
    for group in iit.groups.all():
        count = counts.get(group.pk, 0)
        Population.objects.update_or_create(
            assessment=assessment,
            group=group,
            defaults={"count": count, "minimum": minimum_sample(count, percent)},
        )
    before_div = {str(d.division): d.count for d in assessment.division_staff.all()}
    division_counts = division_counts or {}
    assessment.division_staff.exclude(division__in=divisions).delete()
    for division in divisions:
        count = division_counts.get(division.pk)
        if count is None:
            assessment.division_staff.filter(division=division).delete()
        else:
            DivisionStaff.objects.update_or_create(
                assessment=assessment, division=division, defaults={"count": count}
            )
    after_div = {str(d.division): d.count for d in assessment.division_staff.all()}
    after = snapshot(assessment, fields)
    changes = {n: [before[n], after[n]] for n in fields if before[n] != after[n]}
    after_pop = {str(p.group): [p.count, p.minimum] for p in assessment.populations.all()}
    if before_pop != after_pop:
        changes["populations"] = [before_pop, after_pop]
    if before_div != after_div:
        changes["division_staff"] = [before_div, after_div]
    concurrency.record_save(
        action=SETUP_CHANGED,
        actor=actor,
        target=assessment,
        changes=changes,
        unit=assessment.agency,
    )
    return assessment


@transaction.atomic
def set_surveys_open(*, actor: User, assessment: Assessment, is_open: bool) -> None:
    if assessment.surveys_open == is_open:
        return
    assessment.surveys_open = is_open
    assessment.save(update_fields=["surveys_open"])
    record(
        action=SURVEYS_OPENED if is_open else SURVEYS_CLOSED,
        actor=actor,
        target=assessment,
        changes={"surveys_open": [not is_open, is_open]},
        unit=assessment.agency,
    )


@transaction.atomic
def role_grant(*, actor: User, user: User, role: str, agency: Unit | None) -> ItaRole:
    if role == ItaRole.Role.COORDINATOR and agency is None:
        raise ValidationError({"agency": _("An ITA coordinator belongs to an agency.")})
    granted, _created = ItaRole.objects.get_or_create(
        user=user, role=role, agency=agency if role == ItaRole.Role.COORDINATOR else None
    )
    record(
        action=ROLE_GRANTED,
        actor=actor,
        target=granted,
        changes={"role": [None, role], "user": [None, str(user)]},
        unit=agency,
    )
    return granted


@transaction.atomic
def role_revoke(*, actor: User, role: ItaRole) -> None:
    record(
        action=ROLE_REVOKED,
        actor=actor,
        target=role,
        changes={"role": [role.role, None], "user": [str(role.user), None]},
        unit=role.agency,
    )
    role.delete()
