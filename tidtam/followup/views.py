"""Follow-up pages: the review queue, reports to work on, dashboards, rounds and exports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tidtam.core import jobs
from tidtam.core.downloads import attachment
from tidtam.core.forms import apply_errors
from tidtam.core.jobs import job_file, job_page
from tidtam.followup import background, curves, exports, selectors, services
from tidtam.followup.dashboard import STATUSES
from tidtam.followup.dashboard import dashboard as build_dashboard
from tidtam.followup.forms import DashboardForm, FiscalYearForm, ReopenForm, ScoreForm
from tidtam.followup.models import ExportJob
from tidtam.followup.tasks import run_export
from tidtam.lib.thai import fiscal_year_of, lines
from tidtam.orgs import access
from tidtam.orgs.models import Membership, Unit
from tidtam.projects.forms import ProjectFilterForm
from tidtam.projects.selectors import get_project_for_user, project_list
from tidtam.rounds import rules
from tidtam.rounds.models import ReportingRound, RoundCalendar
from tidtam.rounds.services import round_reopen
from tidtam.workplans import money as plan_money
from tidtam.workplans import selectors as plan_selectors
from tidtam.workplans.forms import ComputedStatusFilterForm

PAGE_SIZE = 50


def _download(export: exports.Export) -> HttpResponse:
    return attachment(*export)


def _year_and_form(request: HttpRequest, form_class=FiscalYearForm) -> tuple[int, FiscalYearForm]:
    """The year of ``?fy=``, or the current one when it is missing or out of range (the
    form then carries the message)."""
    form = form_class(request.GET or None)
    if form.is_valid() and form.cleaned_data.get("fy"):
        return form.cleaned_data["fy"], form
    return fiscal_year_of(timezone.localdate()), form


def _fiscal_year(request: HttpRequest) -> int:
    return _year_and_form(request)[0]


@require_GET
@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    """A coordinator's submitted reports, oldest first."""
    if not access.follows_up(request.user):
        raise PermissionDenied
    form = ComputedStatusFilterForm(request.GET or None)
    reports = selectors.review_queue(request.user)
    computed = form.cleaned_data["computed"] if form.is_valid() else ""
    if computed:  # the status computed from each report's plan (tidtam/workplans)
        reports = plan_selectors.filter_reports(list(reports), computed)
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    if not computed:
        plan_selectors.keep_checks(page.object_list)
    extra = f"computed={computed}&" if computed else ""  # the pages keep the filter
    return render(request, "followup/queue.html", {"page": page, "form": form, "extra": extra})


@require_GET
@login_required
def my_reports(request: HttpRequest) -> HttpResponse:
    """A reporter's returned reports first, then their drafts."""
    page = Paginator(selectors.reports_to_work_on(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "followup/my_reports.html", {"page": page})


def _dashboard(request: HttpRequest):
    """The dashboard of the year asked for, and the form that read it; a year out of range
    leaves the form with its error and the dashboard at the current year."""
    if not access.sees_dashboard(request.user):
        raise PermissionDenied
    fiscal_year, form = _year_and_form(request, DashboardForm)
    computed = form.cleaned_data.get("computed", "") if form.is_valid() else ""
    board = build_dashboard(
        request.user, fiscal_year=fiscal_year, today=timezone.localdate(), computed=computed
    )
    return board, form


@require_GET
@login_required
def money(request: HttpRequest) -> HttpResponse:
    """Planned against actual disbursement per agency and for the city, and the forecast on 30
    September (``workplans.money``), for the projects of the user's dashboard."""
    if not access.sees_dashboard(request.user):
        raise PermissionDenied
    fiscal_year, form = _year_and_form(request)
    figures = plan_money.money(
        selectors.dashboard_projects(request.user),
        fiscal_year=fiscal_year,
        today=timezone.localdate(),
        shown=MISSING_SHOWN,
    )
    context = {"figures": figures, "form": form, "missing": figures.missing}
    return render(request, "followup/money.html", context, status=400 if form.errors else 200)


MISSING_SHOWN = 100


@require_GET
@login_required
def money_curve(request: HttpRequest, agency: int | None = None) -> HttpResponse:
    """The S-curve of one agency the user follows, or of every project they follow (the city
    for the city's executive): month by month, planned against actual (``curves``)."""
    if not access.sees_dashboard(request.user):
        raise PermissionDenied
    fiscal_year, form = _year_and_form(request)
    projects = selectors.dashboard_projects(request.user)
    unit = None
    if agency is not None:
        unit = get_object_or_404(Unit, pk=agency, kind=Unit.Kind.AGENCY)
        projects = projects.filter(agency=unit)
        if not projects.exists():  # not an agency the user follows
            raise Http404
    curve = curves.group_curve(projects, fiscal_year=fiscal_year, today=timezone.localdate())
    context = {
        "unit": unit,
        "fiscal_year": fiscal_year,
        "form": form,
        "curve": curve,
        "figures": plan_selectors.chart_figures(curve),
    }
    return render(request, "followup/money_curve.html", context, status=400 if form.errors else 200)


@require_GET
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return _dashboard_page(request, *_dashboard(request))


def _dashboard_page(request: HttpRequest, board, form) -> HttpResponse:
    labels = dict(ProjectFilterForm.STATUS_CHOICES)
    statuses = [(status, str(labels[status])) for status in STATUSES]
    return render(
        request,
        "followup/dashboard.html",
        {
            "board": board,
            "statuses": statuses,
            "agency_chart": _status_chart(board.agencies, statuses),
            "strategy_chart": _status_chart(board.strategies, statuses),
            "formats": exports.FORMATS,
            "form": form,
        },
        status=400 if form.errors else 200,
    )


CHART_LABEL_WIDTH = 18  # characters


def _status_chart(rows, statuses) -> dict:
    """Projects by status per row, as the chart script reads it (``json_script``); each label
    on short lines cut between words, so that it fits beside its bar on a phone."""
    return {
        "labels": [lines(row.label, CHART_LABEL_WIDTH) for row in rows],
        "series": [
            {"key": key, "label": label, "counts": [row.status_count(key) for row in rows]}
            for key, label in statuses
        ],
        "axis": _("Projects"),
    }


@require_GET
@login_required
def dashboard_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in exports.FORMATS:
        raise Http404
    board, form = _dashboard(request)
    if form.errors:  # no file of another year than the one asked for
        return _dashboard_page(request, board, form)
    return _download(exports.export_dashboard(board, fmt))


@require_GET
@login_required
def projects_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The project list, with the list page's filters, as a file; a large one is written in
    the background and the page shows its progress."""
    if fmt not in exports.FORMATS:
        raise Http404
    filters = ProjectFilterForm(request.GET or None, user=request.user).filters()
    total = project_list(request.user, **filters).count()
    if total > background.LARGE_EXPORT_ROWS:
        job = background.export_job_create(
            actor=request.user, fmt=fmt, filters=filters, total=total
        )
        jobs.enqueue(job, run_export)
        return redirect("followup:export_job", pk=job.pk)
    return _download(exports.export_projects(request.user, fmt=fmt, **filters))


def _own_job(request: HttpRequest, pk: int) -> ExportJob:
    return get_object_or_404(ExportJob, pk=pk, requested_by=request.user)


@require_GET
@login_required
def export_job(request: HttpRequest, pk: int) -> HttpResponse:
    return job_page(request, _own_job(request, pk), "followup/export_job.html")


@require_GET
@login_required
def export_job_download(request: HttpRequest, pk: int) -> FileResponse:
    return job_file(_own_job(request, pk))


@require_GET
@login_required
def round_list(request: HttpRequest) -> HttpResponse:
    """The reporting calendar of a fiscal year: due dates and lock dates (public to staff)."""
    fiscal_year = _fiscal_year(request)
    calendar = RoundCalendar.objects.filter(fiscal_year=fiscal_year).first()
    rounds = list(calendar.rounds.select_related("calendar")) if calendar else []
    return render(
        request,
        "followup/rounds.html",
        {
            "fiscal_year": fiscal_year,
            "calendar": calendar,
            "rounds": rounds,
            "today": timezone.localdate(),
            "years": RoundCalendar.objects.values_list("fiscal_year", flat=True),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Each followed project's report for one round: on time, late or missing; reopening."""
    if not access.sees_dashboard(request.user):
        raise PermissionDenied
    round_ = get_object_or_404(ReportingRound.objects.select_related("calendar"), pk=pk)
    today = timezone.localdate()
    units = _reopenable_units(request.user)
    can_reopen = units.exists()
    form = ReopenForm(request.POST or None, units=units)
    if request.method == "POST":
        if not can_reopen:
            raise PermissionDenied
        if form.is_valid():
            target = _reopen_target(request, form)
            if target is not None:
                try:
                    round_reopen(
                        actor=request.user,
                        round_=round_,
                        reason=form.cleaned_data["reason"],
                        until=form.cleaned_data["until"],
                        **target,
                    )
                except ValidationError as error:
                    apply_errors(form, error)
                else:
                    messages.success(request, _("The round was reopened."))
                    return redirect("followup:round", pk=round_.pk)
    page = Paginator(selectors.round_projects(request.user, round_), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [
        (
            project,
            rules.timeliness(
                due_date=round_.due_date,
                filed_on=timezone.localdate(project.filed_at) if project.filed_at else None,
                today=today,
                imported=project.imported_in_round,
            ),
        )
        for project in page
    ]
    locked = rules.is_locked(
        due_date=round_.due_date,
        lock_after_days=round_.calendar.lock_after_days,
        today=today,
        reopened_until=None,
    )
    return render(
        request,
        "followup/round.html",
        {
            "round": round_,
            "rows": rows,
            "page": page,
            "locked": locked,
            "form": form if can_reopen else None,
            "reopenings": selectors.round_reopenings(request.user, round_),
        },
    )


def _reopenable_units(user):
    """Units of the agencies the user coordinates (every unit for an admin)."""
    units = Unit.objects.exclude(kind=Unit.Kind.CITY).select_related("parent__parent__parent")
    if access.is_admin(user):
        return units
    paths = access.paths_in_role(user, {Membership.Role.COORDINATOR})
    return units.filter(access.subtree_q(paths, "path")) if paths else units.none()


def _reopen_target(request: HttpRequest, form: ReopenForm) -> dict | None:
    if form.cleaned_data.get("unit"):
        return {"unit": form.cleaned_data["unit"]}
    code = form.cleaned_data["project"].strip()
    project = selectors.dashboard_projects(request.user).filter(code=code).first()
    if project is None:
        form.add_error("project", _("No project with this code among the agencies you follow."))
        return None
    return {"project": project}


@require_http_methods(["GET", "POST"])
@login_required
def project_scores(request: HttpRequest, code: str) -> HttpResponse:
    """A project's quarterly scores; the coordinator of its agency sets them."""
    project, _can_edit = get_project_for_user(request.user, code)
    can_score = access.coordinates_agency(request.user, project.agency_id)
    form = ScoreForm(request.POST or None)
    if request.method == "POST":
        if not can_score:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.project_score(actor=request.user, project=project, **form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("The score was saved."))
                return redirect("followup:scores", code=project.code)
    return render(
        request,
        "followup/scores.html",
        {
            "project": project,
            "scores": project.quarter_scores.select_related("scored_by"),
            "form": form if can_score else None,
        },
    )


@require_GET
@login_required
def follow_up(request: HttpRequest) -> HttpResponse:
    """A coordinator's followed projects that have no report this month."""
    if not access.follows_up(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    projects = selectors.followed_without_report(request.user, today)
    return render(request, "followup/follow_up.html", {"projects": projects, "today": today})
