"""Pages of the annual documents: the agencies a user reads, an agency's three documents of a
fiscal year, and their downloads (XLSX; PDF printed as a recorded, verifiable copy)."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from tidtam.annual import build, printing, sheets
from tidtam.annual.access import agencies_for_user, agency_for_user
from tidtam.core.downloads import attachment
from tidtam.lib.thai import fiscal_year_of
from tidtam.orgs.models import Unit
from tidtam.projects.models import Project

YEARS = range(2500, 2701)


def _agency_year(request: HttpRequest, agency: str, year: int, kind: str | None = None) -> Unit:
    """The agency the user may read, for a fiscal year and document that exist; else a 404."""
    if year not in YEARS or (kind is not None and kind not in build.KINDS):
        raise Http404
    return agency_for_user(request.user, agency)


@require_GET
@login_required
def index(request: HttpRequest) -> HttpResponse:
    this_year = fiscal_year_of(timezone.localdate())
    context = {
        "agencies": agencies_for_user(request.user),
        "years": [this_year, this_year - 1],
    }
    return render(request, "annual/index.html", context)


@require_GET
@login_required
def agency_year(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    unit = _agency_year(request, agency, year)
    copies = printing.latest_copies(unit.agency_code, year)
    documents = [
        {
            "kind": kind,
            "title": build.TITLES[kind],
            "cutoff": build.cutoff(year, kind),
            "copy": copies.get(kind),
        }
        for kind in build.KINDS
    ]
    totals = Project.objects.filter(agency=unit, fiscal_year=year).aggregate(
        projects=Count("pk"), budget=Sum("budget_received")
    )
    context = {"agency": unit, "fiscal_year": year, "documents": documents, "totals": totals}
    return render(request, "annual/year.html", context)


@require_GET
@login_required
def xlsx(request: HttpRequest, agency: str, year: int, kind: str) -> HttpResponse:
    unit = _agency_year(request, agency, year, kind)
    return attachment(*sheets.workbook(build.document(unit, year, kind)))


@require_POST
@login_required
def pdf(request: HttpRequest, agency: str, year: int, kind: str) -> HttpResponse:
    """A POST, because each print is recorded (its snapshot and verification code), as the
    project form's."""
    unit = _agency_year(request, agency, year, kind)
    return attachment(
        *printing.document_print(actor=request.user, agency=unit, fiscal_year=year, kind=kind)
    )
