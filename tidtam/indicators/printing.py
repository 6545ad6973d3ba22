"""The indicator's print-out as PDF, with the project form's verification: each print is a
recorded copy (``documents.PrintedForm`` of kind ``indicator``: the snapshot JSON, its SHA-256,
a verification code and QR code, ``/verify/<code>/``), laid out by Typst from JSON data
(``typst/indicator.typ``) and given the form's exact Thai text layer (``documents.typesetting``)."""

import json
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tidtam.documents import formview, kinds, renderer
from tidtam.documents.models import PrintedForm
from tidtam.documents.services import record_copy, snapshot_copy
from tidtam.documents.thaiwrap import joined, segments
from tidtam.indicators import selectors, sources
from tidtam.indicators.models import Direction, IndicatorYear, QuarterAssessment, QuarterResult
from tidtam.orgs.models import User
from tidtam.reports.models import ReviewStatus

KIND = "indicator"
SCHEMA = "tidtam.indicator-form/1"
TEMPLATE = Path(__file__).parent / "typst" / "indicator.typ"
QUARTER_FIELDS = ("target", "result", "status", "narrative", "reason", "score", "second", "note")


def load(code: str, fiscal_year: int) -> IndicatorYear | None:
    """The indicator's year with everything its print-out reads, whoever asks."""
    return (
        IndicatorYear.objects.filter(indicator__code=code, fiscal_year=fiscal_year)
        .select_related("indicator__agency", "responsible_unit")
        .prefetch_related(
            Prefetch("results", QuarterResult.objects.order_by("quarter")),
            Prefetch(
                "assessments",
                QuarterAssessment.objects.order_by("quarter", "-assessed_at", "-pk"),
            ),
            "plan_targets",
            "projects",
        )
        .first()
    )


def _text(value) -> str | None:
    return None if value is None else str(value)


def indicator_data(year: IndicatorYear) -> dict:
    """What the print-out prints, as stored (Decimal as strings): the snapshot that is hashed,
    embedded in the PDF and compared on the verify page. Flat, so that the verify page names
    each changed field (``q2_result``). Words drawn from the data are in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        outcome = sources.outcome(year)
    data = {
        "code": year.indicator.code,
        "name": year.name,
        "fiscal_year": year.fiscal_year,
        "agency": year.indicator.agency.name,
        "responsible_unit": year.responsible_unit.path_names(),
        "kind": year.kind,
        "dimension": year.dimension,
        "negotiated": year.negotiated,
        "unit_of_measure": year.unit_of_measure,
        "direction": year.direction,
        "target": str(year.target),
        "result": _text(outcome.value),
        "result_from": outcome.where,
        "definition": year.definition,
        "calculation": year.calculation,
        "data_source": year.data_source,
        "alignment": [str(node) for node in year.plan_targets.all()],
        "projects": [f"{p.code} {p.name}" for p in year.projects.all()],
    }
    for row in selectors.quarter_rows(year):
        result, assessment = row.result, row.assessment
        values = {
            "target": _text(row.target),
            "result": _text(result.result) if result else None,
            "status": result.status if result else None,
            "narrative": result.narrative if result else "",
            "reason": result.reason if result else "",
            "score": _text(assessment.score) if assessment else None,
            "second": _text(assessment.second) if assessment else None,
            "note": assessment.note if assessment else "",
        }
        data.update({f"q{row.quarter}_{name}": value for name, value in values.items()})
    return data


@transaction.atomic
def indicator_print(*, actor: User | None, year: IndicatorYear) -> tuple[str, str, bytes]:
    """Print the indicator's year (the caller has checked the actor may read it): one recorded
    copy, audited; a PDF that cannot be made leaves no record of a print."""
    year = load(year.indicator.code, year.fiscal_year)
    printed = snapshot_copy(
        actor=actor,
        printed_at=timezone.now(),
        kind=KIND,
        code=year.indicator.code,
        name=year.name,
        schema=SCHEMA,
        data=indicator_data(year),
    )
    record_copy(printed, unit=year.responsible_unit, subject=year.indicator)
    stamp = renderer.file_stamp(printed.printed_at)
    filename = f"tidtam-indicator-{printed.project_code}-{year.fiscal_year}-{stamp}.pdf"
    pdf = renderer.render_kind(printed, actor, view, TEMPLATE)
    return filename, renderer.CONTENT_TYPE, pdf


def _figure(value: str | None) -> str:
    """A target or result with two decimals, as the old system shows them."""
    return "–" if value is None else f"{Decimal(value):,.2f}"


def _score(value: str | None) -> str:
    """A score without needless decimals: 100, 87.5."""
    if value is None:
        return "–"
    text = f"{Decimal(value):.2f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _quarters(data: dict) -> list[dict]:
    quarters = []
    for q in (1, 2, 3, 4):
        field = {name: data[f"q{q}_{name}"] for name in QUARTER_FIELDS}
        pair = (
            f"{_score(field['score'])} / {_score(field['second'])}"
            if field["score"] is not None and field["second"] is not None
            else "–"
        )
        status = ReviewStatus(field["status"]).label if field["status"] else "–"
        quarters.append(
            {
                "cells": [
                    str(q),
                    _figure(field["target"]),
                    _figure(field["result"]),
                    _score(field["score"]),
                    pair,
                    str(status),
                ],
                "heading": _("Report of quarter %(q)s") % {"q": q},
                "narrative": segments(field["narrative"])
                if field["narrative"]
                else segments(_("Not filed yet.")),
                "reason": segments(field["reason"]),
                "note": segments(field["note"]),
            }
        )
    return quarters


def _assessment_line(data: dict) -> str:
    """``*** สยป. ตรวจประเมินตัวชี้วัด : ไตรมาสที่ 2: 100`` for the latest quarter assessed."""
    for q in (4, 3, 2, 1):
        score, note = data[f"q{q}_score"], data[f"q{q}_note"]
        if score is not None or note:
            quarter = _("quarter %(q)s") % {"q": q}
            shown = _score(score) if score is not None else note
            return f"*** {_('The Strategy Department assessed the indicator')} : {quarter}: {shown}"
    return ""


def view(printed: PrintedForm, signer: User | None) -> dict:
    """The display strings of the print-out, from its stored snapshot."""
    snapshot = json.loads(printed.data)
    data = snapshot[KIND]
    unit = data["unit_of_measure"]
    year = IndicatorYear(kind=data["kind"], dimension=data["dimension"])
    rows = [
        [_("Indicator code"), data["code"]],
        [_("Fiscal year (B.E.)"), str(data["fiscal_year"])],
        [
            f"{_('Target value')} {unit}",
            f"{_figure(data['target'])} ({Direction(data['direction']).label})",
        ],
        [f"{_('Result so far')} {unit}", _figure(data["result"])],
        [_("Where the number comes from"), data["result_from"]],
        [_("Kind"), year.get_kind_display()],
        [
            _("Dimension"),
            year.get_dimension_display()
            + (f" · {_('negotiated indicator')}" if data["negotiated"] else ""),
        ],
        [_("Agency"), data["agency"]],
        [_("Responsible unit"), " / ".join(data["responsible_unit"])],
    ]
    details = [
        [_("Definition"), data["definition"]],
        [_("How it is calculated"), data["calculation"]],
        [_("Data source"), data["data_source"]],
        [_("Plan alignment"), "\n".join(data["alignment"])],
        [_("Contributing projects"), "\n".join(data["projects"])],
    ]
    base = formview.labels()
    return {
        "labels": {
            "title": _("Indicator form"),
            "quarters": _("Results against the target, by quarter"),
            "columns": [
                _("Quarter"),
                _("Target value"),
                _("Cumulative result"),
                _("Score"),
                _("Pair"),
                _("Review"),
            ],
            "reason": _("Why it is off its quarterly target"),
            "note": _("Assessment note"),
            "details": _("Details"),
            "sign_role": _("(person responsible for the indicator)"),
            **{
                key: base[key]
                for key in ("certify", "sign", "position", "verify_code", "verify_at", "page")
            },
        },
        "code": data["code"],
        "heading": segments(f"{data['name']} : {data['code']}"),
        "printed_line": segments(formview.printed_line(snapshot, printed.printed_at)),
        "keywords": [joined(formview.printed_line(snapshot, printed.printed_at))],
        "author": " / ".join(data["responsible_unit"]),
        "rows": [[label, segments(value)] for label, value in rows],
        "assessment_line": segments(_assessment_line(data)),
        "quarters": _quarters(data),
        "details": [[label, segments(value)] for label, value in details if value],
        **formview.closing(
            printed,
            snapshot,
            signer,
            f"tidtam-{data['code']}-{data['fiscal_year']}-{printed.code}.json",
        ),
    }


# the verify page ---------------------------------------------------------------------------

FIELD_LABELS = {
    "code": gettext_lazy("Indicator code"),
    "name": gettext_lazy("Indicator name"),
    "fiscal_year": gettext_lazy("Fiscal year (B.E.)"),
    "agency": gettext_lazy("Agency"),
    "responsible_unit": gettext_lazy("Responsible unit"),
    "kind": gettext_lazy("Kind"),
    "dimension": gettext_lazy("Dimension"),
    "negotiated": gettext_lazy("negotiated indicator"),
    "unit_of_measure": gettext_lazy("Unit of measure"),
    "direction": gettext_lazy("Direction"),
    "target": gettext_lazy("Target value"),
    "result": gettext_lazy("Result so far"),
    "result_from": gettext_lazy("Where the number comes from"),
    "definition": gettext_lazy("Definition"),
    "calculation": gettext_lazy("How it is calculated"),
    "data_source": gettext_lazy("Data source"),
    "alignment": gettext_lazy("Plan alignment"),
    "projects": gettext_lazy("Contributing projects"),
}
QUARTER_LABELS = {
    "target": gettext_lazy("Target value"),
    "result": gettext_lazy("Cumulative result"),
    "status": gettext_lazy("Review"),
    "narrative": gettext_lazy("What was done"),
    "reason": gettext_lazy("Why it is off its quarterly target"),
    "score": gettext_lazy("Score"),
    "second": gettext_lazy("Second figure of the pair"),
    "note": gettext_lazy("Assessment note"),
}


def field_label(name: str) -> str:
    """``q2_result`` → "Quarter 2: Cumulative result", translated."""
    if name[:1] == "q" and name[1:2].isdigit() and name[2:3] == "_":
        return _("Quarter %(q)s: %(field)s") % {
            "q": name[1],
            "field": QUARTER_LABELS.get(name[3:], name[3:]),
        }
    return str(FIELD_LABELS.get(name, name))


def _printed_year(printed: PrintedForm) -> tuple[str, int]:
    data = json.loads(printed.data)[KIND]
    return data["code"], data["fiscal_year"]


def _now(printed: PrintedForm) -> dict | None:
    year = load(*_printed_year(printed))
    return indicator_data(year) if year is not None else None


def _readable(user: User, printed: PrintedForm) -> bool:
    if not user.is_authenticated:
        return False
    try:
        selectors.year_for_user(user, *_printed_year(printed))
    except Http404:
        return False
    return True


PRINT_KIND = kinds.PrintKind(
    name=KIND,
    key=KIND,
    labels={
        "code": gettext_lazy("Indicator code"),
        "name": gettext_lazy("Indicator name"),
        "unchanged": gettext_lazy("The indicator has not changed since this copy was printed."),
        "gone": gettext_lazy("The indicator no longer exists in the system."),
        "login": gettext_lazy(
            "Log in with an account that may read this indicator to see the values."
        ),
    },
    current=_now,
    readable=_readable,
    field_label=field_label,
)
