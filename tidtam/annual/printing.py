"""An annual document as PDF, with the project form's verification: each print is a recorded
copy (``documents.PrintedForm`` of kind ``annual``: the snapshot JSON, its SHA-256, a
verification code and QR code, ``/verify/<code>/``), laid out by Typst from JSON data
(``typst/annual.typ``) and given the form's exact Thai text layer (``documents.typesetting``).
The latest copy printed is the agency's published document: the ITA's public page gives it
again, rendered from its stored snapshot (which writes nothing)."""

import json
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tidtam.annual import build
from tidtam.annual import tables as tabled
from tidtam.annual.access import may_read
from tidtam.documents import formview, kinds, renderer
from tidtam.documents.models import PrintedForm
from tidtam.documents.services import record_copy, snapshot_copy
from tidtam.documents.thaiwrap import joined, segments
from tidtam.lib.thai import format_date_full
from tidtam.orgs.models import Unit, User

KIND = "annual"
SCHEMA = "tidtam.annual-document/1"
TEMPLATE = Path(__file__).parent / "typst" / "annual.typ"
# relative column widths in the PDF, by the kind of value
WIDTHS = {
    tabled.TEXT: 1.2,
    tabled.CODE: 1.6,  # 50310000-2963 on one line at 9pt
    tabled.LONG: 2.3,
    tabled.MONEY: 1.3,
    tabled.PERCENT: 1,
    tabled.DATE: 1.4,  # "28 ต.ค. 2569" on one line: a box wider than its cell still wraps
    tabled.NUMBER: 1,
}
RIGHT = {tabled.MONEY, tabled.PERCENT, tabled.NUMBER}


def name(data: dict) -> str:
    """แผนปฏิบัติราชการประจำปี พ.ศ. 2566 สำนักงานเขตบางซื่อ, in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("%(title)s, fiscal year %(year)s, %(agency)s") % {
            "title": build.TITLES[data["document"]],
            "year": data["fiscal_year"],
            "agency": data["agency"],
        }


@transaction.atomic
def document_print(
    *, actor: User | None, agency: Unit, fiscal_year: int, kind: str
) -> tuple[str, str, bytes]:
    """Print the document (the caller has checked the actor may read the agency's): one
    recorded copy, audited; a PDF that cannot be made leaves no record of a print."""
    data = build.document(agency, fiscal_year, kind)
    printed = snapshot_copy(
        actor=actor,
        printed_at=timezone.now(),
        kind=KIND,
        code=data["code"],
        name=name(data),
        schema=SCHEMA,
        data=data,
    )
    record_copy(printed, unit=agency, subject=agency)
    return render_copy(printed)


def render_copy(printed: PrintedForm) -> tuple[str, str, bytes]:
    """The PDF of a copy already recorded, from its stored snapshot: reads and writes nothing."""
    data = json.loads(printed.data)[KIND]
    filename = "tidtam-{kind}-{agency}-{year}-{stamp}.pdf".format(
        kind=build.SHORT[data["document"]],
        agency=data["agency_code"],
        year=data["fiscal_year"],
        stamp=renderer.file_stamp(printed.printed_at),
    )
    pdf = renderer.render_kind(printed, printed.printed_by, view, TEMPLATE)
    return filename, renderer.CONTENT_TYPE, pdf


def latest_copies(agency_code: str, fiscal_year: int) -> dict[str, PrintedForm]:
    """The latest printed copy of each document of the agency and year, by kind (one query)."""
    codes = {build.code(agency_code, fiscal_year, kind): kind for kind in build.KINDS}
    latest: dict[str, PrintedForm] = {}
    copies = PrintedForm.objects.filter(kind=KIND, project_code__in=codes).order_by(
        "-printed_at", "-pk"
    )
    for printed in copies.defer("data"):
        latest.setdefault(codes[printed.project_code], printed)
    return latest


def _cell(value, kind: str):
    return segments(tabled.shown(value, kind))


def _table(table: tabled.Table) -> dict:
    return {
        "title": table.title,
        "columns": [
            {
                "header": segments(column.header),
                "width": WIDTHS[column.kind],
                "right": column.kind in RIGHT,
            }
            for column in table.columns
        ],
        "rows": [
            [_cell(value, column.kind) for value, column in zip(row, table.columns, strict=True)]
            for row in table.rows
        ],
        "total": [
            "" if value in ("", None) else _cell(value, column.kind)
            for value, column in zip(table.total, table.columns, strict=True)
        ]
        if table.total
        else [],
    }


def _about(data: dict) -> list:
    lines = [
        f"{_('Agency')} : {data['agency']} ({data['agency_code']})",
        f"{_('Fiscal year (B.E.)')} : {data['fiscal_year']}",
    ]
    if data["cutoff"]:
        day = format_date_full(tabled.as_date(data["cutoff"]))
        lines.append(
            _("As of %(date)s, from the progress reports the coordinators accepted") % {"date": day}
        )
    else:
        lines.append(_("The projects registered for the year and their operating plans in force"))
    return [segments(line) for line in lines]


def view(printed: PrintedForm, signer: User | None) -> dict:
    """The display strings of the document, from its stored snapshot."""
    snapshot = json.loads(printed.data)
    data = snapshot[KIND]
    title = str(build.TITLES[data["document"]])
    base = formview.labels()
    line = formview.printed_line(snapshot, printed.printed_at)
    return {
        "labels": {
            "title": title,
            "none": _("No projects registered for this year."),
            "sign_role": _("(head of the agency)"),
            **{
                key: base[key]
                for key in ("certify", "sign", "position", "verify_code", "verify_at", "page")
            },
        },
        "code": data["code"],
        "heading": segments(
            _("%(title)s, fiscal year %(year)s") % {"title": title, "year": data["fiscal_year"]}
        ),
        "about": _about(data),
        "tables": [_table(table) for table in tabled.tables(data)],
        "printed_line": segments(line),
        "keywords": [joined(line)],
        "author": data["agency"],
        **formview.closing(
            printed,
            snapshot,
            signer,
            "tidtam-{}-{}.json".format(data["code"].replace("/", "-"), printed.code),
        ),
    }


# the verify page ---------------------------------------------------------------------------

FIELD_LABELS = {
    "document": gettext_lazy("Document"),
    "code": gettext_lazy("Document code"),
    "agency_code": gettext_lazy("Agency code"),
    "agency": gettext_lazy("Agency"),
    "fiscal_year": gettext_lazy("Fiscal year (B.E.)"),
    "cutoff": gettext_lazy("As of"),
    "projects": gettext_lazy("Projects in the document"),
}
PROJECT_LABELS = {
    "name": gettext_lazy("Project / activity"),
    "budget_received": gettext_lazy("Budget received (baht)"),
    "unit": gettext_lazy("Responsible unit"),
    "start_date": gettext_lazy("Start"),
    "end_date": gettext_lazy("End"),
    "alignment": gettext_lazy("Support of the 20-year development plan"),
    "months": gettext_lazy("Monthly plan"),
    "report": gettext_lazy("Accepted report no."),
    "report_date": gettext_lazy("Report date"),
    "progress_percent": gettext_lazy("Progress (%)"),
    "plan_status": gettext_lazy("Status declared"),
    "planned_progress": gettext_lazy("Planned progress on that date (%)"),
    "computed_status": gettext_lazy("Status against the plan"),
    "budget_disbursed": gettext_lazy("Disbursed (baht)"),
    "planned_disbursed": gettext_lazy("Planned disbursement by the cut-off (baht)"),
}


def field_label(field: str) -> str:
    """``50310000-0001.progress_percent`` → "Project 50310000-0001: Progress (%)", translated."""
    project, dot, rest = field.partition(".")
    if dot:
        return _("Project %(code)s: %(field)s") % {
            "code": project,
            "field": PROJECT_LABELS.get(rest, rest),
        }
    return str(FIELD_LABELS.get(field, field))


def _printed(printed: PrintedForm) -> dict:
    return json.loads(printed.data)[KIND]


def _now(printed: PrintedForm) -> dict | None:
    data = _printed(printed)
    return build.agency_document(data["agency_code"], data["fiscal_year"], data["document"])


def _readable(user: User, printed: PrintedForm) -> bool:
    agency = Unit.objects.filter(
        kind=Unit.Kind.AGENCY, agency_code=_printed(printed)["agency_code"]
    ).first()
    return agency is not None and may_read(user, agency)


PRINT_KIND = kinds.PrintKind(
    name=KIND,
    key=KIND,
    labels={
        "code": gettext_lazy("Document code"),
        "name": gettext_lazy("Document"),
        "unchanged": gettext_lazy(
            "The agency's data in this document has not changed since this copy was printed."
        ),
        "gone": gettext_lazy("The agency no longer exists in the system."),
        "login": gettext_lazy("Log in with an account of the agency to see the values."),
    },
    current=_now,
    readable=_readable,
    field_label=field_label,
)
