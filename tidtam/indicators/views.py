"""Indicator pages: the list, an indicator's page with its quarters, filing a quarter's result,
its review and assessment, an agency's annual results and the city view."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tidtam.core.downloads import attachment
from tidtam.core.forms import apply_errors, save_edit
from tidtam.indicators import annual, printing, selectors, services, sources
from tidtam.indicators.forms import (
    AssessForm,
    IndicatorForm,
    ListFilter,
    NewIndicatorForm,
    ResultForm,
    StepForm,
)
from tidtam.indicators.models import ResultEvidence, Source
from tidtam.lib.thai import fiscal_year_of
from tidtam.orgs import access
from tidtam.orgs.models import Unit


def _year_asked(request: HttpRequest) -> int | None:
    form = ListFilter(request.GET)
    form.is_valid()
    return form.cleaned_data.get("year")


@require_GET
@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The indicators of a fiscal year the user may read."""
    years = selectors.years_for_user(request.user)
    asked = ListFilter(request.GET)
    asked.is_valid()
    if strategy := asked.cleaned_data.get("strategy"):  # the city view's drill-down
        years = years.filter(plan_targets__parent__parent=strategy).distinct()
    chosen = asked.cleaned_data.get("year")
    if chosen is None:
        chosen = years.order_by("-fiscal_year").values_list("fiscal_year", flat=True).first()
    chosen = chosen or fiscal_year_of(timezone.localdate())
    shown = list(
        selectors.with_results(years.filter(fiscal_year=chosen)).order_by("indicator__code")
    )
    found = sources.outcomes(shown, words=False)  # the list shows the figure and met only
    agencies = sorted({y.indicator.agency for y in shown}, key=lambda a: a.agency_code)
    context = {
        "fiscal_year": chosen,
        "strategy": strategy,
        "rows": [(year, found[year.pk]) for year in shown],
        "agencies": agencies,
        "can_see_city": access.sees_dashboard(request.user),
        "can_register": access.is_admin(request.user)
        or access.followed_agencies(request.user).exists(),
    }
    return render(request, "indicators/index.html", context)


def _detail_context(request, year, failed=None) -> dict:
    """``failed``: a refused step or assessment's form, by (kind, quarter), to show again."""
    rows = selectors.quarter_rows(year)
    failed = failed or {}
    for row in rows:
        row.actions = services.allowed_actions(request.user, row.result) if row.result else []
        ids = f"q{row.quarter}_%s"  # four quarters' forms on one page, each with its own ids
        row.step_form = failed.get(("step", row.quarter)) or StepForm(auto_id=ids)
        row.assess_form = failed.get(("assess", row.quarter)) or AssessForm(auto_id=ids)
    return {
        "year": year,
        "indicator": year.indicator,
        "outcome": sources.outcome(year),
        "rows": rows,
        "latest": selectors.latest_assessment(rows),
        "can_file": services.can_file(request.user, year),
        "can_assess": services.is_reviewer(request.user, year),
        "can_manage": services.can_manage(request.user, year.indicator.agency),
        "other_years": year.indicator.years.exclude(pk=year.pk).values_list(
            "fiscal_year", flat=True
        ),
    }


@require_GET
@login_required
def detail(request: HttpRequest, code: str) -> HttpResponse:
    year = selectors.year_for_user(request.user, code, _year_asked(request))
    return render(request, "indicators/detail.html", _detail_context(request, year))


@require_POST
@login_required
def print_pdf(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """The indicator's print-out: a POST, because each print is recorded (its snapshot and
    verification code), as the project form's."""
    found = selectors.year_for_user(request.user, code, year)
    return attachment(*printing.indicator_print(actor=request.user, year=found))


def _as_saved(row) -> dict:
    return {
        "result": row.result,
        "narrative": row.narrative,
        "reason": row.reason,
        "version": row.version,
    }


@require_http_methods(["GET", "POST"])
@login_required
def result_edit(request: HttpRequest, code: str, year: int, quarter: int) -> HttpResponse:
    """File or change a quarter's result (the responsible unit's reporters and approvers)."""
    found = selectors.year_for_user(request.user, code, year)
    if quarter not in (1, 2, 3, 4):
        raise Http404
    if not services.can_file(request.user, found):
        raise PermissionDenied
    row = next((r for r in found.results.all() if r.quarter == quarter), None)
    typed = found.source == Source.TYPED
    initial = _as_saved(row) if row else {}
    form = ResultForm(request.POST or None, request.FILES or None, initial=initial, typed=typed)
    stale = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        form, stale, saved = save_edit(
            form,
            lambda: services.result_save(
                actor=request.user,
                year=found,
                quarter=quarter,
                result=data.get("result"),
                narrative=data["narrative"],
                reason=data["reason"],
                version=data.get("version"),
                files=data["files"],
            ),
            _as_saved,
            lambda again: ResultForm(initial=again, typed=typed),
        )
        if saved:
            messages.success(request, _("The result of quarter %(q)s is saved.") % {"q": quarter})
            return redirect(f"{_page(found)}#quarter-{quarter}")
    context = {
        "year": found,
        "quarter": quarter,
        "target": found.quarter_target(quarter),
        "row": row,
        "form": form,
        "stale": stale,
    }
    return render(request, "indicators/result_form.html", context)


def _page(year) -> str:
    page = reverse("indicators:detail", kwargs={"code": year.indicator.code})
    return f"{page}?year={year.fiscal_year}"


@require_POST
@login_required
def result_step(
    request: HttpRequest, code: str, year: int, quarter: int, action: str
) -> HttpResponse:
    """Submit, accept or return a quarter's result; the service decides who may and when."""
    if action not in ("submit", "accept", "return"):
        raise Http404
    found = selectors.year_for_user(request.user, code, year)
    row = next((r for r in found.results.all() if r.quarter == quarter), None)
    if row is None:
        raise Http404
    form = StepForm(request.POST, auto_id=f"q{quarter}_%s")
    form.is_valid()
    try:
        services.result_step(
            actor=request.user, row=row, action=action, comment=form.cleaned_data.get("comment", "")
        )
    except ValidationError as error:
        apply_errors(form, error)
        context = _detail_context(request, found, {("step", quarter): form})
        return render(request, "indicators/detail.html", context, status=400)
    done = {
        "submit": _("The result of quarter %(q)s is submitted for review."),
        "accept": _("The result of quarter %(q)s is accepted."),
        "return": _("The result of quarter %(q)s is returned to the unit."),
    }
    messages.success(request, done[action] % {"q": quarter})
    return redirect(f"{_page(found)}#quarter-{quarter}")


@require_POST
@login_required
def assess(request: HttpRequest, code: str, year: int, quarter: int) -> HttpResponse:
    """The agency's coordinator scores a quarter."""
    found = selectors.year_for_user(request.user, code, year)
    if quarter not in (1, 2, 3, 4):
        raise Http404
    form = AssessForm(request.POST, auto_id=f"q{quarter}_%s")
    if form.is_valid():
        try:
            services.assess(actor=request.user, year=found, quarter=quarter, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Quarter %(q)s is assessed.") % {"q": quarter})
            return redirect(f"{_page(found)}#quarter-{quarter}")
    context = _detail_context(request, found, {("assess", quarter): form})
    return render(request, "indicators/detail.html", context, status=400)


@require_GET
@login_required
def evidence(request: HttpRequest, pk: int) -> HttpResponse:
    """An evidence file of a result the user may read."""
    readable = access.readable_units_q(
        request.user, "result__indicator_year__responsible_unit__path"
    )
    found = get_object_or_404(ResultEvidence.objects.filter(readable), pk=pk)
    return FileResponse(found.file.open("rb"), as_attachment=True, filename=found.name)


@require_GET
@login_required
def agency(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    """An agency's annual results, grouped by dimension, with met or not met."""
    unit = get_object_or_404(Unit.objects.filter(kind=Unit.Kind.AGENCY), agency_code=agency)
    years = selectors.years_for_user(request.user).filter(indicator__agency=unit, fiscal_year=year)
    if not access.readable_units(request.user).filter(pk=unit.pk).exists() and not years:
        raise Http404
    groups = annual.by_dimension(list(selectors.with_results(years)))
    context = {"agency": unit, "fiscal_year": year, "groups": groups}
    return render(request, "indicators/agency.html", context)


def _city(request: HttpRequest, year: int) -> annual.City:
    if not access.sees_dashboard(request.user):
        raise Http404
    return annual.city(selectors.years_for_user(request.user).filter(fiscal_year=year))


@require_GET
@login_required
def city(request: HttpRequest, year: int) -> HttpResponse:
    """Indicators met per agency, as a chart and the same figures as a table."""
    board = _city(request, year)
    context = {
        "fiscal_year": year,
        "board": board,
        "agency_chart": annual.chart(board.agencies),
        "strategy_chart": annual.chart(board.strategies),
    }
    return render(request, "indicators/city.html", context)


@require_GET
@login_required
def city_export(request: HttpRequest, year: int, fmt: str) -> HttpResponse:
    if fmt not in annual.FORMATS:
        raise Http404
    return attachment(*annual.export(_city(request, year), year, fmt))


def _managed_agencies(user):
    """The agencies whose indicators the user registers: all for an admin, else those the
    coordinator follows."""
    if access.is_admin(user):
        return Unit.objects.filter(kind=Unit.Kind.AGENCY).exclude(agency_code="")
    return access.followed_agencies(user).exclude(agency_code="")


YEAR_KEPT = [*services.YEAR_FIELDS, "plan_targets"]


def _year_as_saved(year) -> dict:
    """The form's values as the indicator's year is saved now, with its version."""
    values = {name: getattr(year, name) for name in services.YEAR_FIELDS}
    values["plan_targets"] = list(year.plan_targets.all())
    values["projects"] = "\n".join(p.code for p in year.projects.all())
    return {**values, "version": year.version}


def _form_page(request, form, indicator=None, fiscal_year=None, stale=None) -> HttpResponse:
    context = {"form": form, "indicator": indicator, "fiscal_year": fiscal_year, "stale": stale}
    return render(request, "indicators/indicator_form.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def indicator_new(request: HttpRequest) -> HttpResponse:
    """Register an indicator of an agency the user coordinates (or any, for an admin)."""
    agencies = _managed_agencies(request.user)
    if not agencies.exists():
        raise PermissionDenied
    form = NewIndicatorForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version", None)
        try:
            year = services.indicator_create(actor=request.user, **data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("Indicator %(code)s registered.") % {"code": year.indicator.code}
            )
            return redirect(_page(year))
    return _form_page(request, form)


@require_http_methods(["GET", "POST"])
@login_required
def indicator_edit(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """Change an indicator's year, or add the next year to the same indicator (prefilled from
    its latest year)."""
    latest = selectors.year_for_user(request.user, code)
    indicator = latest.indicator
    if not services.can_manage(request.user, indicator.agency):
        raise PermissionDenied
    if not 2500 <= year <= 2700:
        raise Http404
    found = indicator.years.filter(fiscal_year=year).first()
    initial = _year_as_saved(found or latest)
    if found is None:
        initial["version"] = None
    agencies = Unit.objects.filter(pk=indicator.agency_id)

    def again(values):
        return IndicatorForm(initial=values, agencies=agencies)

    form = IndicatorForm(request.POST or None, initial=initial, agencies=agencies)
    stale = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        form, stale, saved = save_edit(
            form,
            lambda: services.year_save(
                actor=request.user,
                indicator=indicator,
                fiscal_year=year,
                **{name: data[name] for name in [*YEAR_KEPT, "projects", "version"]},
            ),
            _year_as_saved,
            again,
        )
        if saved:
            messages.success(request, _("Indicator %(code)s saved.") % {"code": code})
            return redirect(f"{reverse('indicators:detail', kwargs={'code': code})}?year={year}")
    return _form_page(request, form, indicator, year, stale)
