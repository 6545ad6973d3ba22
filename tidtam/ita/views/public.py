"""The public survey pages, reached by the agency's link: no login, nothing identifying
kept. EIT visitors draw a one-time code here, within rate limits."""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tidtam.annual import build as annual_build
from tidtam.annual import printing as annual_printing
from tidtam.annual import sheets
from tidtam.annual import tables as annual_tables
from tidtam.core import ratelimit
from tidtam.core.downloads import attachment
from tidtam.core.forms import apply_errors
from tidtam.documents.models import PrintedForm
from tidtam.ita import reports_link
from tidtam.ita.forms import SurveyForm
from tidtam.ita.models import Assessment, Tool
from tidtam.ita.services import surveys

KINDS = {"iit": Tool.Kind.INTERNAL, "eit": Tool.Kind.EXTERNAL}
CODES_PER_CLIENT_PER_HOUR = 5
CODES_PER_LINK_PER_HOUR = 300
WRONG_CODES_PER_CLIENT_PER_HOUR = 20


def _survey(token: str, kind: str) -> tuple[Assessment, Tool]:
    assessment = get_object_or_404(
        Assessment.objects.select_related("framework", "agency"), token=token
    )
    if kind not in KINDS:
        raise Http404
    return assessment, assessment.framework.tools.get(kind=KINDS[kind])


@require_GET
def landing(request: HttpRequest, token: str) -> HttpResponse:
    assessment, _tool = _survey(token, "iit")
    return render(request, "ita/public/landing.html", {"assessment": assessment})


@never_cache
@require_http_methods(["GET", "POST"])
def survey(request: HttpRequest, token: str, kind: str) -> HttpResponse:
    assessment, tool = _survey(token, kind)
    form = SurveyForm(
        request.POST or None,
        assessment=assessment,
        tool=tool,
    )
    blocked = request.method == "POST" and not ratelimit.allowed(
        f"wrong:{ratelimit.client_key(request)}", WRONG_CODES_PER_CLIENT_PER_HOUR
    )
    if blocked:
        form.is_valid()
        form.add_error(None, _("Too many wrong codes from this device. Please try again later."))
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            surveys.response_submit(
                assessment=assessment,
                tool=tool,
                code=data["code"],
                group=data["group"],
                division=data.get("division"),
                choices=form.choices(),
            )
        except ValidationError as error:
            code_errors = getattr(error, "error_dict", {}).get("code", [])
            if any(code_error.code == "wrong" for code_error in code_errors):
                ratelimit.count(f"wrong:{ratelimit.client_key(request)}")
            apply_errors(form, error)
        else:
            return redirect("ita:survey_thanks", token=token)
    return render(
        request,
        "ita/public/survey.html",
        {"assessment": assessment, "tool": tool, "kind": kind, "form": form},
        status=429 if blocked else 200,
    )


@require_POST
def eit_code(request: HttpRequest, token: str) -> HttpResponse:
    """Draw one EIT code: at most a few per visitor and a few hundred per link each hour."""
    assessment, tool = _survey(token, "eit")
    status = 429
    if not assessment.surveys_open:
        error, status = _("This survey is closed."), 409
    elif not ratelimit.hit(f"client:{ratelimit.client_key(request)}", CODES_PER_CLIENT_PER_HOUR):
        error = _("Too many codes requested from this device. Please try again in an hour.")
    elif not ratelimit.hit(f"link:{assessment.pk}", CODES_PER_LINK_PER_HOUR):
        error = _("Too many codes requested for this survey. Please try again later.")
    else:
        code = surveys.code_issue_public(assessment=assessment, tool=tool)
        form = SurveyForm(initial={"code": code}, assessment=assessment, tool=tool)
        return render(
            request,
            "ita/public/survey.html",
            {"assessment": assessment, "tool": tool, "kind": "eit", "form": form, "code": code},
        )
    return render(
        request,
        "ita/public/landing.html",
        {"assessment": assessment, "error": error},
        status=status,
    )


@require_GET
def thanks(request: HttpRequest, token: str) -> HttpResponse:
    assessment, _tool = _survey(token, "iit")
    return render(request, "ita/public/thanks.html", {"assessment": assessment})


def _open(token: str, kind: str) -> Assessment:
    assessment = get_object_or_404(
        Assessment.objects.select_related("framework", "agency"), token=token
    )
    if kind not in reports_link.KINDS:
        raise Http404
    return assessment


@require_GET
def open_report(request: HttpRequest, token: str, kind: str) -> HttpResponse:
    """tidtam's own published document for an OIT item (O11–O13 in FY2566): its summary
    table and the links to the verifiable PDF and the XLSX."""
    assessment = _open(token, kind)
    data = reports_link.document(assessment, kind)
    return render(
        request,
        "ita/public/open_report.html",
        {
            "assessment": assessment,
            "title": annual_build.TITLES[kind],
            "kind": kind,
            "cutoff": annual_build.cutoff(assessment.framework.fiscal_year, kind),
            "table": annual_tables.display(annual_tables.summary(data)),
            "copy": reports_link.published(assessment, kind),
        },
    )


@require_GET
def open_report_xlsx(request: HttpRequest, token: str, kind: str) -> HttpResponse:
    assessment = _open(token, kind)
    return attachment(*sheets.workbook(reports_link.document(assessment, kind)))


@require_GET
def open_report_pdf(request: HttpRequest, token: str, kind: str) -> HttpResponse:
    """The latest copy the agency printed, from its stored snapshot (a GET records nothing);
    a 404 before the first print."""
    copy = reports_link.published(_open(token, kind), kind)
    if copy is None:
        raise Http404
    copy = PrintedForm.objects.select_related("printed_by").get(pk=copy.pk)
    return attachment(*annual_printing.render_copy(copy))
