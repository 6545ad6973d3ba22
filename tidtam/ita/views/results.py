"""Results of one agency, and the comparison of every agency for a year."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tidtam.core.downloads import attachment
from tidtam.core.forms import apply_errors
from tidtam.ita import access, exports, scoring, selectors
from tidtam.ita.forms import PublishForm
from tidtam.ita.models import Assessment, Framework
from tidtam.ita.services import results as results_service
from tidtam.ita.views.common import assessment_for
from tidtam.orgs.models import Unit

SORTS = {"agency", "total", "change"}


@require_http_methods(["GET", "POST"])
@login_required
def result(request: HttpRequest, pk: int) -> HttpResponse:
    assessment, _can_manage = assessment_for(request, pk)
    can_review = access.can_review(request.user)
    computed = selectors.computed_scores(assessment)
    form = None
    if can_review:
        by_code = {t.kind: t.code for t in assessment.framework.tools.all()}

        def prefill(field: str, kind: str):
            stored = getattr(assessment, field)
            value = stored if stored is not None else computed.get(by_code.get(kind))
            if value is None:
                return None
            return format(value.quantize(Decimal("0.0001")).normalize(), "f")  # 100, 76.25

        initial = {
            "iit_score": prefill("iit_score", "internal"),
            "eit_score": prefill("eit_score", "external"),
            "oit_score": prefill("oit_score", "disclosure"),
            "previous_total": assessment.previous_total,
        }
        form = PublishForm(request.POST or None, initial=initial)
    elif request.method == "POST":
        raise PermissionDenied
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            results_service.scores_publish(
                actor=request.user, assessment=assessment, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The scores are published."))
            return redirect("ita:result", pk=assessment.pk)
    return render(
        request,
        "ita/result.html",
        {
            "assessment": assessment,
            "computed": {code: scoring.display(v) for code, v in computed.items()},
            "result": selectors.result(assessment),
            "form": form,
        },
    )


def _sorted(rows: list[dict], key: str) -> list[dict]:
    low = Decimal(-1000)

    def value(row):
        result = row["result"]
        if key == "agency":
            return row["agency"].agency_code
        found = None if result is None else result["scores"].get(key, result.get(key))
        return low if found is None else Decimal(found)

    return sorted(rows, key=value, reverse=key != "agency")


def _comparison(request: HttpRequest, year: int):
    if not access.can_compare(request.user):
        raise PermissionDenied
    framework = get_object_or_404(Framework, fiscal_year=year)
    sort = request.GET.get("sort", "total")
    codes = {t.code for t in framework.tools.all()}
    sort = sort if sort in SORTS | codes else "total"
    agencies = Unit.objects.filter(kind=Unit.Kind.AGENCY)
    rows = selectors.comparison(framework, Assessment.objects.all(), agencies)
    return framework, _sorted(rows, sort), sort


@require_GET
@login_required
def compare(request: HttpRequest, year: int) -> HttpResponse:
    framework, rows, sort = _comparison(request, year)
    return render(
        request,
        "ita/compare.html",
        {
            "framework": framework,
            "rows": rows,
            "sort": sort,
            "codes": [t.code for t in framework.tools.all()],
            "years": Framework.objects.values_list("fiscal_year", flat=True),
        },
    )


@require_GET
@login_required
def compare_xlsx(request: HttpRequest, year: int) -> HttpResponse:
    framework, rows, _sort = _comparison(request, year)
    return attachment(*exports.comparison_xlsx(framework, rows))
