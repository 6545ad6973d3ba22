"""Pages for the agency and the assessor: list, setup, contractors, codes, tracking."""

import csv
import io

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tidtam.core import audit
from tidtam.core.downloads import attachment
from tidtam.core.forms import apply_errors, save_edit
from tidtam.core.models import AuditEntry
from tidtam.ita import access, selectors
from tidtam.ita.forms import AssessmentCreateForm, BatchForm, ContractorUploadForm, SetupForm
from tidtam.ita.models import Framework, ItaRole, Tool
from tidtam.ita.services import contractors, setup, surveys
from tidtam.ita.views.common import assessment_for
from tidtam.lib.spreadsheet import neutralise


@require_GET
@login_required
def index(request: HttpRequest) -> HttpResponse:
    assessments = access.assessments_for_user(request.user)
    return render(
        request,
        "ita/index.html",
        {
            "assessments": assessments,
            "can_create": access.agencies_to_assess(request.user).exists(),
            "is_assessor": access.is_assessor(request.user),
            "years": list(
                Framework.objects.filter(assessments__isnull=False)
                .distinct()
                .values_list("fiscal_year", flat=True)
            )
            if access.can_compare(request.user)
            else [],
            "frameworks": Framework.objects.values_list("fiscal_year", flat=True),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def create(request: HttpRequest) -> HttpResponse:
    agencies = access.agencies_to_assess(request.user)
    if not agencies.exists():
        raise PermissionDenied
    form = AssessmentCreateForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = setup.assessment_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect("ita:setup", pk=assessment.pk)
    return render(request, "ita/create.html", {"form": form})


def public_links(request: HttpRequest, assessment) -> dict[str, str]:
    return {
        kind: request.build_absolute_uri(reverse(f"ita:survey_{kind}", args=[assessment.token]))
        for kind in ("iit", "eit")
    }


@require_GET
@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment, can_manage = assessment_for(request, pk)
    history, history_break = _history(assessment)
    return render(
        request,
        "ita/detail.html",
        {
            "assessment": assessment,
            "can_manage": can_manage,
            "can_review": access.can_review(request.user),
            "links": public_links(request, assessment),
            "populations": assessment.populations.select_related("group"),
            "ita_coordinators": ItaRole.objects.filter(
                role=ItaRole.Role.COORDINATOR, agency=assessment.agency
            ).select_related("user"),
            "history": history,
            "history_break": history_break,
        },
    )


def _history(assessment):
    entries = AuditEntry.objects.filter(unit=assessment.agency, action__startswith="ita.")
    return audit.checked(entries.select_related("actor"), 100)


@require_GET
@login_required
def qr(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    assessment, _can_manage = assessment_for(request, pk)
    links = public_links(request, assessment)
    if kind not in links:
        raise Http404
    link = links[kind]
    image = qrcode.make(link, image_factory=qrcode.image.svg.SvgPathImage)
    return HttpResponse(image.to_string(), content_type="image/svg+xml")


@require_http_methods(["GET", "POST"])
@login_required
def setup_view(request: HttpRequest, pk: int) -> HttpResponse:
    assessment, _can_manage = assessment_for(request, pk, manage=True)
    form = SetupForm(
        request.POST or None, initial=_setup_as_saved(assessment), assessment=assessment
    )
    stale = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        form, stale, saved = save_edit(
            form,
            lambda: setup.assessment_setup(
                actor=request.user,
                assessment=assessment,
                counts=form.counts(),
                divisions=list(data["divisions"]),
                division_counts=form.division_counts(),
                version=data["version"],
                **{name: data[name] for name in setup.CONTACT_FIELDS},
            ),
            _setup_as_saved,
            lambda initial: SetupForm(initial=initial, assessment=assessment),
            kept_as=form.kept_as(),
        )
        if saved:
            messages.success(request, _("The setup is saved."))
            return redirect("ita:detail", pk=assessment.pk)
    context = {"assessment": assessment, "form": form, "stale": stale}
    return render(request, "ita/setup.html", context)


def _setup_as_saved(assessment) -> dict:
    """The setup form's values as the assessment is saved now, with its version."""
    initial = {name: getattr(assessment, name) for name in setup.CONTACT_FIELDS}
    initial["divisions"] = list(assessment.divisions.all())
    initial.update({f"count_{p.group_id}": p.count for p in assessment.populations.all()})
    initial.update({f"staff_{d.division_id}": d.count for d in assessment.division_staff.all()})
    initial["version"] = assessment.version
    return initial


@require_POST
@login_required
def surveys_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    assessment, _can_manage = assessment_for(request, pk, manage=True)
    setup.set_surveys_open(
        actor=request.user, assessment=assessment, is_open=request.POST.get("open") == "1"
    )
    return redirect("ita:detail", pk=assessment.pk)


@require_http_methods(["GET", "POST"])
@login_required
def contractor_list(request: HttpRequest, pk: int) -> HttpResponse:
    assessment, can_manage = assessment_for(request, pk)
    form = ContractorUploadForm(request.POST or None, request.FILES or None)
    row_errors = []
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > contractors.MAX_BYTES:
                form.add_error("file", _("The file is larger than 2 MB."))
            else:
                try:
                    saved, row_errors = contractors.contractors_replace(
                        actor=request.user,
                        assessment=assessment,
                        name=upload.name,
                        content=upload.read(),
                    )
                except ValidationError as error:
                    apply_errors(form, error)
                else:
                    if not row_errors:
                        messages.success(request, _("%(n)s contractors saved.") % {"n": saved})
                        return redirect("ita:contractors", pk=assessment.pk)
                    form.add_error(
                        "file",
                        _("%(n)s rows have errors; nothing was saved.") % {"n": len(row_errors)},
                    )
    return render(
        request,
        "ita/contractors.html",
        {
            "assessment": assessment,
            "can_manage": can_manage,
            "form": form,
            "row_errors": row_errors,
            "contractors": assessment.contractors.all(),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def codes(request: HttpRequest, pk: int) -> HttpResponse:
    assessment, _can_manage = assessment_for(request, pk, manage=True)
    form = BatchForm(request.POST or None, assessment=assessment)
    if request.method == "POST" and form.is_valid():
        try:
            batch = surveys.codes_issue_batch(
                actor=request.user, assessment=assessment, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("%(n)s codes issued.") % {"n": batch.size})
            return redirect("ita:codes", pk=assessment.pk)
    # Only totals per survey: a used count per batch (a batch may be one person's) would
    # show who answered and, with the day of each response, what they answered.
    batches = assessment.batches.select_related("issued_by", "tool").order_by("-pk")
    totals = (
        assessment.codes.values("tool__code")
        .annotate(issued=Count("id"), used=Count("id", filter=Q(used=True)))
        .order_by("tool__code")
    )
    return render(
        request,
        "ita/codes.html",
        {"assessment": assessment, "form": form, "batches": batches, "totals": totals},
    )


@require_GET
@login_required
def batch_download(request: HttpRequest, pk: int, batch: int) -> HttpResponse:
    assessment, _can_manage = assessment_for(request, pk, manage=True)
    found = get_object_or_404(assessment.batches.select_related("tool"), pk=batch)
    kind = "iit" if found.tool.kind == Tool.Kind.INTERNAL else "eit"
    link = public_links(request, assessment)[kind]
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    # Which code was used is never shown: with the day of each response it could tell who
    # answered what. Only the batch's count of used codes appears on the codes page.
    writer.writerow([_("Access code"), _("Survey link")])
    for code in found.codes.order_by("code"):
        writer.writerow([neutralise(code.code), neutralise(link)])
    return attachment(f"ita-codes-{found.pk}.csv", "text/csv; charset=utf-8", buffer.getvalue())


@require_GET
@login_required
def tracking(request: HttpRequest, pk: int) -> HttpResponse:
    assessment, _can_manage = assessment_for(request, pk)
    template = "ita/tracking.html"
    if request.headers.get("HX-Request"):
        template += "#figures"
    return render(
        request,
        template,
        {"assessment": assessment, "t": selectors.tracking(assessment)},
    )
