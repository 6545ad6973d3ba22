"""Writes of indicators: registering them, their years, quarterly results through review, and
the assessment. Each in one transaction, validated and audited."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tidtam.core import audit, concurrency
from tidtam.indicators import rules, sources
from tidtam.indicators.actions import (
    ASSESSED,
    EVIDENCE_ADDED,
    INDICATOR_CREATED,
    INDICATOR_YEAR_SAVED,
    RESULT_ACCEPTED,
    RESULT_CHANGED,
    RESULT_CREATED,
    RESULT_RESUBMITTED,
    RESULT_RETURNED,
    RESULT_SUBMITTED,
)
from tidtam.indicators.models import (
    Indicator,
    IndicatorYear,
    QuarterAssessment,
    QuarterResult,
    ResultEvidence,
    Source,
)
from tidtam.ita.services.oit import check_uploads
from tidtam.lib.thai import format_date_short
from tidtam.orgs import access
from tidtam.orgs.models import Unit, User
from tidtam.reports.models import ReviewStatus
from tidtam.reports.review import TRANSITIONS
from tidtam.rounds import rules as round_rules
from tidtam.rounds.models import Reopening
from tidtam.rounds.services import round_of

S = ReviewStatus
DEFAULT_LOCK_AFTER_DAYS = 10
YEAR_FIELDS = [
    "name",
    "responsible_unit",
    "kind",
    "dimension",
    "negotiated",
    "unit_of_measure",
    "direction",
    "target",
    "q1_target",
    "q2_target",
    "q3_target",
    "q4_target",
    "definition",
    "calculation",
    "data_source",
    "source",
]
AUDITED_YEAR = [*YEAR_FIELDS, "plan_targets", "projects"]
RESULT_FIELDS = ["result", "narrative", "reason"]
REVIEW_FIELDS = ["status", "review_comment"]


# --- the register ---------------------------------------------------------------------------


def can_manage(user: User, agency: Unit) -> bool:
    """Admins and the coordinators who follow the agency manage its indicators."""
    return access.coordinates_agency(user, agency.pk)


@transaction.atomic
def indicator_create(*, actor: User, agency: Unit, fiscal_year: int, **fields) -> IndicatorYear:
    """Register an indicator of an agency with its first year. Its code is the agency code's
    first four digits, a dash and the agency's next running number."""
    if agency.kind != Unit.Kind.AGENCY or not agency.agency_code:
        raise ValidationError(_("An indicator belongs to an agency with an agency code."))
    if not can_manage(actor, agency):
        raise PermissionDenied(_("Only a coordinator of the agency can register its indicators."))
    Unit.objects.select_for_update().get(pk=agency.pk)  # one running number at a time
    last = Indicator.objects.filter(agency=agency).aggregate(n=Max("running_number"))["n"] or 0
    indicator = Indicator.objects.create(
        code=f"{agency.agency_code[:4]}-{last + 1:04d}", agency=agency, running_number=last + 1
    )
    audit.record(
        action=INDICATOR_CREATED,
        actor=actor,
        target=indicator,
        changes={"code": [None, indicator.code]},
        unit=agency,
        subject=indicator,
    )
    return year_save(actor=actor, indicator=indicator, fiscal_year=fiscal_year, **fields)


@transaction.atomic
def year_save(
    *,
    actor: User,
    indicator: Indicator,
    fiscal_year: int,
    version: int | None = None,
    plan_targets=None,
    projects=None,
    **fields,
) -> IndicatorYear:
    """Add or change what the indicator is in a fiscal year (the same identity across years).
    ``version``: the version the editor's form was loaded from."""
    if not can_manage(actor, indicator.agency):
        raise PermissionDenied(_("Only a coordinator of the agency can change its indicators."))
    unknown = set(fields) - set(YEAR_FIELDS)
    if unknown:
        raise TypeError(f"not an indicator field: {sorted(unknown)}")
    year = (
        IndicatorYear.objects.select_for_update()
        .filter(indicator=indicator, fiscal_year=fiscal_year)
        .first()
    )
    created = year is None
    if created:
        year = IndicatorYear(indicator=indicator, fiscal_year=fiscal_year)
        before = {}
    else:
        concurrency.check(year, version)
        before = audit.snapshot(year, AUDITED_YEAR)
    for name, value in fields.items():
        setattr(year, name, value)
    unit = year.responsible_unit if year.responsible_unit_id else None
    if unit is not None and unit.agency != indicator.agency:
        raise ValidationError(
            {"responsible_unit": [_("The responsible unit must belong to the indicator's agency.")]}
        )
    year.full_clean(exclude=["indicator"], validate_unique=False, validate_constraints=False)
    year.save()
    if plan_targets is not None:
        year.plan_targets.set(plan_targets)
    if projects is not None:
        outside = [p.code for p in projects if p.agency_id != indicator.agency_id]
        if outside:
            raise ValidationError(
                {"projects": [_("Not projects of the agency: %s") % ", ".join(outside)]}
            )
        year.projects.set(projects)
    common = {"action": INDICATOR_YEAR_SAVED, "actor": actor, "target": year}
    common.update(unit=indicator.agency, subject=indicator)
    after = audit.snapshot(year, AUDITED_YEAR)
    if created:  # a new row starts at version 1
        audit.record(changes=audit.differences({}, after), **common)
    else:
        concurrency.record_save(changes=audit.differences(before, after), **common)
    return year


# --- quarters: due dates and locks -------------------------------------------------------------


def quarter_lock_date(fiscal_year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """(due date, lock date) of a quarter's result: those of the monthly round of the quarter's
    last month when the year has a reporting calendar, else the default rule."""
    round_ = round_of(rules.quarter_bounds(fiscal_year, quarter)[1])
    if round_ is None:
        due = rules.default_due_date(fiscal_year, quarter)
        return due, round_rules.lock_date(due, DEFAULT_LOCK_AFTER_DAYS)
    return round_.due_date, round_.lock_date


def check_quarter_open(*, year: IndicatorYear, quarter: int, today: dt.date | None = None) -> None:
    """Refuse a result for a quarter not begun, or locked (its lock date passed) unless the
    quarter's round was reopened for the unit."""
    today = today or timezone.localdate()
    start, end = rules.quarter_bounds(year.fiscal_year, quarter)
    due, lock = quarter_lock_date(year.fiscal_year, quarter)
    if rules.is_open(fiscal_year=year.fiscal_year, quarter=quarter, today=today, lock_date=lock):
        return
    if today < start:
        raise ValidationError(
            _("Quarter %(quarter)s begins on %(start)s: its result can be filed from then.")
            % {"quarter": quarter, "start": format_date_short(start)}
        )
    round_ = round_of(end)
    reopened = (
        Reopening.objects.filter(
            round=round_, unit_id__in=year.responsible_unit.path_ids
        ).aggregate(until=Max("until"))["until"]
        if round_
        else None
    )
    if reopened is None or today > reopened:
        raise ValidationError(
            _(
                "Quarter %(quarter)s was due on %(due)s and locked after %(lock)s. A coordinator "
                "of the agency can reopen the round of its last month for this unit."
            )
            % {"quarter": quarter, "due": format_date_short(due), "lock": format_date_short(lock)}
        )


# --- quarterly results ------------------------------------------------------------------------


def can_file(user: User, year: IndicatorYear) -> bool:
    """The responsible unit's reporters and approvers file its results."""
    return access.can_edit_unit(user, year.responsible_unit)


def is_reviewer(user: User, year: IndicatorYear) -> bool:
    return access.coordinates_agency(user, year.indicator.agency_id)


def _reason_errors(year: IndicatorYear, result: QuarterResult) -> dict:
    met = rules.on_target(result.result, year.quarter_target(result.quarter), year.direction)
    if met is False and not result.reason.strip():
        return {
            "reason": [
                _("The result is off its quarterly target: say why, as for a delayed report.")
            ]
        }
    return {}


def _locked_year(year: IndicatorYear) -> IndicatorYear:
    return (
        IndicatorYear.objects.select_for_update()
        .select_related("indicator__agency", "responsible_unit")
        .get(pk=year.pk)
    )


@transaction.atomic
def result_save(
    *,
    actor: User,
    year: IndicatorYear,
    quarter: int,
    narrative: str,
    result: Decimal | None = None,
    reason: str = "",
    version: int | None = None,
    files=(),
    today: dt.date | None = None,
) -> QuarterResult:
    """File or change (while draft or returned) a quarter's cumulative result. An indicator
    whose result comes from tidtam's data takes the figure of the day, not a typed one."""
    year = _locked_year(year)
    if not can_file(actor, year):
        raise PermissionDenied(_("Only the responsible unit files this indicator's results."))
    if quarter not in (1, 2, 3, 4):
        raise ValidationError({"quarter": [_("A quarter is 1, 2, 3 or 4.")]})
    check_quarter_open(year=year, quarter=quarter, today=today)
    row = QuarterResult.objects.select_for_update().filter(indicator_year=year, quarter=quarter)
    row = row.first()
    if row is None:
        row, before = QuarterResult(indicator_year=year, quarter=quarter, created_by=actor), {}
    else:
        concurrency.check(row, version)
        if not row.is_editable:
            raise ValidationError(
                _(
                    "The result of quarter %(quarter)s is %(status)s: only a draft or a returned "
                    "result can be changed."
                )
                % {"quarter": quarter, "status": row.get_status_display()}
            )
        before = audit.snapshot(row, RESULT_FIELDS)
    if year.source != Source.TYPED:
        result = sources.outcome(year).value
    elif result is None:
        raise ValidationError({"result": [_("Enter the cumulative result of the quarter.")]})
    row.result, row.narrative, row.reason = result, narrative.strip(), reason.strip()
    errors = _reason_errors(year, row)
    if not row.narrative:
        errors["narrative"] = [_("Describe what was done this quarter.")]
    if errors:
        raise ValidationError(errors)
    row.full_clean(exclude=["indicator_year", "created_by"], validate_constraints=False)
    row.save()
    common = {
        "actor": actor,
        "target": row,
        "unit": year.responsible_unit,
        "subject": year.indicator,
    }
    if before:
        concurrency.record_edit(
            action=RESULT_CHANGED, before=before, fields=RESULT_FIELDS, **common
        )
    else:
        audit.record_changes(action=RESULT_CREATED, before={}, fields=RESULT_FIELDS, **common)
    check_uploads(files)
    for upload in files:
        evidence = ResultEvidence.objects.create(
            result=row, file=upload, name=upload.name[:255], uploaded_by=actor
        )
        audit.record(action=EVIDENCE_ADDED, changes={"file": [None, evidence.name]}, **common)
    return row


def allowed_actions(user: User, row: QuarterResult) -> list[str]:
    """The review steps this user may take on this result now (for showing buttons)."""
    year = row.indicator_year
    found = []
    if row.status in TRANSITIONS["submit"][0] and can_file(user, year):
        found.append("submit")
    if row.status == S.SUBMITTED and is_reviewer(user, year):
        found += ["accept", "return"]
    return found


STATE_MESSAGES = {
    "submit": gettext_lazy(
        "The result of quarter %(quarter)s is %(status)s: only a draft or a returned result can "
        "be submitted."
    ),
    "accept": gettext_lazy(
        "The result of quarter %(quarter)s is %(status)s: only a submitted result can be accepted."
    ),
    "return": gettext_lazy(
        "The result of quarter %(quarter)s is %(status)s: only a submitted result can be returned."
    ),
}


@transaction.atomic
def result_step(
    *, actor: User, row: QuarterResult, action: str, comment: str = ""
) -> QuarterResult:
    """Submit (the unit), accept or return with a comment (the agency's coordinator)."""
    if action not in TRANSITIONS:
        raise ValueError(action)
    year = _locked_year(row.indicator_year)
    row = QuarterResult.objects.select_for_update().get(pk=row.pk)
    allowed = can_file(actor, year) if action == "submit" else is_reviewer(actor, year)
    if not allowed:
        raise PermissionDenied(
            _("Only the responsible unit submits results.")
            if action == "submit"
            else _("Only a coordinator of the agency can accept or return results.")
        )
    if row.status not in TRANSITIONS[action][0]:
        raise ValidationError(
            str(STATE_MESSAGES[action])
            % {"quarter": row.quarter, "status": row.get_status_display()}
        )
    comment = comment.strip()
    if action == "return" and not comment:
        raise ValidationError(
            {"comment": [_("Say what the unit should fix before it submits again.")]}
        )
    if action == "submit":
        errors = _reason_errors(year, row)
        if errors:
            raise ValidationError(errors)
    before = audit.snapshot(row, REVIEW_FIELDS)
    step = {
        "submit": RESULT_RESUBMITTED if row.status == S.RETURNED else RESULT_SUBMITTED,
        "accept": RESULT_ACCEPTED,
        "return": RESULT_RETURNED,
    }[action]
    row.status = TRANSITIONS[action][1]
    now = timezone.now()
    if action == "submit":
        row.submitted_at, row.submitted_by = now, actor
    else:
        row.review_comment, row.reviewed_at, row.reviewed_by = comment, now, actor
    row.save()
    audit.record(
        action=step,
        actor=actor,
        target=row,
        unit=year.responsible_unit,
        subject=year.indicator,
        changes=audit.differences(before, audit.snapshot(row, REVIEW_FIELDS)),
    )
    return row


# --- the assessment -----------------------------------------------------------------------------


@transaction.atomic
def assess(
    *,
    actor: User,
    year: IndicatorYear,
    quarter: int,
    score: Decimal | None,
    second: Decimal | None = None,
    note: str = "",
) -> QuarterAssessment:
    """The agency's coordinator scores a quarter whose result was filed: a score and the second
    figure of the pair, or a note instead of a number. Each assessment is kept."""
    year = _locked_year(year)
    if not is_reviewer(actor, year):
        raise PermissionDenied(_("Only a coordinator of the agency can assess its indicators."))
    filed = year.results.filter(quarter=quarter, status__in=sources.FILED).exists()
    if not filed:
        raise ValidationError(
            _("Quarter %(quarter)s has no submitted result to assess yet.") % {"quarter": quarter}
        )
    note = note.strip()
    errors = {}
    if score is None and not note:
        errors["score"] = [_("Give a score, or a note instead of a number.")]
    for name, value in (("score", score), ("second", second)):
        if value is not None and value < 0:
            errors.setdefault(name, []).append(_("A score is not negative."))
    if errors:
        raise ValidationError(errors)
    found = QuarterAssessment(
        indicator_year=year,
        quarter=quarter,
        score=score,
        second=second,
        note=note,
        assessed_by=actor,
    )
    found.full_clean(exclude=["indicator_year", "assessed_by"], validate_constraints=False)
    found.save()
    audit.record_changes(
        action=ASSESSED,
        actor=actor,
        target=found,
        before={},
        fields=["quarter", "score", "second", "note"],
        unit=year.indicator.agency,
        subject=year.indicator,
    )
    return found
