"""The display strings of one printed form, built from its stored snapshot: labels in the
active language, Buddhist Era dates, baht, rich text as blocks cut where Thai may break, and
the verification code with its QR code. Everything here becomes JSON for the template."""

import datetime as dt
import json
from decimal import Decimal
from urllib.parse import quote

import qrcode
import qrcode.constants
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from tidtam.documents.models import PrintedForm
from tidtam.documents.richtext import to_blocks
from tidtam.documents.thaiwrap import segments
from tidtam.lib.money import format_baht, format_percent
from tidtam.lib.thai import format_date_long, format_date_short
from tidtam.orgs.models import User
from tidtam.projects.models import PlanStatus
from tidtam.reports.models import TargetStatus


def _wrapped(blocks: list[dict]) -> list[dict]:
    """Rich text blocks with each run's text cut where Thai lines may break."""
    out = []
    for block in blocks:
        if "p" in block:
            out.append(
                {
                    "p": [
                        run if "br" in run else {**run, "t": segments(run["t"])}
                        for run in block["p"]
                    ]
                }
            )
        else:
            ((kind, items),) = block.items()
            out.append({kind: [_wrapped(item) for item in items]})
    return out


def _rows(rows: list[list[str]]) -> list[list]:
    return [[label, segments(value)] for label, value in rows]


def labels() -> dict:
    return {
        "title": _("Progress report and project information form"),
        "s1": _("1. Project name and responsible unit"),
        "s11": _("1.1 Project code and name"),
        "s12": _("1.2 Responsible unit"),
        "s13": _("1.3 Rationale"),
        "s14": _("1.4 Objectives of the project"),
        "s15": _("1.5 Targets of the project"),
        "s16": _(
            "1.6 Support of the Bangkok 20-year development plan "
            "(strategy – strategic issue – plan strategy / indicator)"
        ),
        "s2": _("2. Progress of the project and budget spending"),
        "report_no": _("Report no."),
        "report_detail": _("Date, progress, budget and status"),
        "report_continued": _("Report no. %(number)s (continued)"),
        "no_reports": _("No progress report yet."),
        "certify": segments(
            _(
                "I certify that the information in this document was printed by the unit "
                "from the live system as evidence for audit."
            )
        ),
        "sign": _("Signed"),
        "sign_role": _("(person responsible for the project)"),
        "position": _("Position"),
        "verify_code": _("Verification code"),
        "verify_at": _("Verify at"),
        "page": _("Page"),
    }


# The verification page's path (``documents:verify``, mounted at the site's root). It is
# printed on every form and in its QR code, so it stays fixed for good; building the link from
# it spares a one-off print (`tidtam print_form`) loading every app's URLconf and views
# (~0.2 s), which ``reverse`` would.
VERIFY_PATH = "verify/"


def verify_url(code: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}/{VERIFY_PATH}{quote(code, safe='')}/"


def qr_svg(url: str) -> str:
    """The QR code of the verify link as SVG: one path, a rectangle for each run of dark
    modules along a row (the qrcode library's own SVG writer drew module by module, ~4 ms a
    form). A fixed mask pattern skips trying all eight (a third of the time in pure Python);
    any mask is valid for a reader."""
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, border=1, mask_pattern=0
    )
    code.add_data(url)
    code.make(fit=True)
    matrix = code.get_matrix()  # the border included
    runs = []
    for y, row in enumerate(matrix):
        x = 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                runs.append(f"M{start} {y}h{x - start}v1h-{x - start}z")
            else:
                x += 1
    size = len(matrix)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
        f'shape-rendering="crispEdges"><rect width="{size}" height="{size}" fill="#fff"/>'
        f'<path fill="#000" d="{"".join(runs)}"/></svg>'
    )


def _baht(value: str) -> str:
    return _("%(amount)s baht") % {"amount": format_baht(Decimal(value))}


def _alignment_rows(row: dict) -> list[list[str]]:
    rows = []
    if row.get("strategy"):
        strategy = row["strategy"]
        rows.append(
            [
                _("Strategic issue"),
                _("Strategy %(code)s – %(title)s") % strategy,
            ]
        )
    if row.get("sub_strategy"):
        rows.append([_("Sub-issue"), "{code} - {title}".format(**row["sub_strategy"])])
    if row.get("target"):
        rows.append([_("Target no."), "{code} {title}".format(**row["target"])])
    for kpi in row.get("kpis", []):
        rows.append([_("Indicator"), kpi["title"]])
    return rows


def printed_line(snapshot: dict, printed_at) -> str:
    local = timezone.localtime(printed_at)
    values = {
        "date": format_date_long(local.date()),
        "time": local.strftime("%H:%M"),
        "name": snapshot["printed_by"],
        "code": snapshot["verification_code"],
    }
    if snapshot["printed_by"]:
        return _("Printed %(date)s at %(time)s by %(name)s · code %(code)s") % values
    return _("Printed %(date)s at %(time)s by the system · code %(code)s") % values


def closing(printed: PrintedForm, snapshot: dict, signer: User | None, name: str) -> dict:
    """What every printed record ends with: who signs it, its verification code, link and QR
    code, its hash, and its snapshot attached under ``name``."""
    url = verify_url(printed.code)
    return {
        "signer_name": snapshot["printed_by"] or " " * 40,
        "signer_position": (signer.position if signer else "") or "",
        "verify_code": printed.code,
        "verify_url": url,
        "sha256": printed.sha256,
        "qr_svg": qr_svg(url),
        "qr_alt": _("QR code of the verification link %(url)s") % {"url": url},
        "attachment": {
            "name": name,
            "content": printed.data,
            "description": _("Snapshot of the printed data, SHA-256 %(hash)s")
            % {"hash": printed.sha256},
        },
    }


def form_view(printed: PrintedForm, signer: User | None) -> dict:
    """The display strings of one form, from its stored snapshot."""
    snapshot = json.loads(printed.data)
    project = snapshot["project"]
    day = dt.date.fromisoformat
    return {
        "project_code": project["code"],
        "unit": " / ".join(project["responsible_unit"]),
        "printed_line": segments(printed_line(snapshot, printed.printed_at)),
        "s11_top": _rows(
            [
                [_("Project / activity name"), project["name"]],
                [_("Project code"), project["code"]],
                [_("Fiscal year (B.E.)"), str(project["fiscal_year"])],
            ]
        ),
        "s11_grid": [
            [
                _("Project start"),
                segments(format_date_long(day(project["start_date"]))),
                _("Budget received"),
                _baht(project["budget_received"]),
            ],
            [
                _("Project end"),
                segments(format_date_long(day(project["end_date"]))),
                _("Budget used"),
                _baht(project["budget_used"]),
            ],
        ],
        "s12": _rows(
            [
                [_("Responsible unit"), " / ".join(project["responsible_unit"])],
                [_("Responsible person"), project["responsible_person"]],
                [_("Coordinator (Strategy and Evaluation Department)"), project["coordinator"]],
            ]
        ),
        "rationale": _wrapped(to_blocks(project["rationale"])),
        "objectives": _wrapped(to_blocks(project["objectives"])),
        "targets": _wrapped(to_blocks(project["targets"])),
        "alignment": [_rows(_alignment_rows(row)) for row in project["alignment"]],
        "reports": [
            {
                "number": str(report["number"]),
                "date_line": _("Report date: %(date)s")
                % {"date": format_date_short(day(report["date"]))},
                "narrative": _wrapped(to_blocks(report["narrative"])),
                "progress_line": _("Work progress = %(percent)s %%")
                % {"percent": format_percent(Decimal(report["progress_percent"]))},
                "budget_line": _("Budget disbursed (report %(number)s) = %(amount)s")
                % {"number": report["number"], "amount": _baht(report["budget_disbursed"])},
                "plan_line": _("Against the plan: %(status)s")
                % {"status": PlanStatus(report["plan_status"]).label},
                "target_line": _("Against the target: %(status)s")
                % {"status": TargetStatus(report["target_status"]).label},
            }
            for report in project["reports"]
        ],
        **closing(printed, snapshot, signer, f"tidtam-{project['code']}-{printed.code}.json"),
    }
