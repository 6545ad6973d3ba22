"""OIT pages: the checklist, one item's evidence and verdict, and the workflow steps."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tidtam.core.forms import save_edit
from tidtam.ita import access
from tidtam.ita.forms import FinishReviewForm, OitFillForm, OitReviewForm, yes_no
from tidtam.ita.models import OitEvidence
from tidtam.ita.services import oit
from tidtam.ita.views.common import assessment_for


@require_GET
@login_required
def checklist(request: HttpRequest, pk: int) -> HttpResponse:
    assessment, can_manage = assessment_for(request, pk)
    entries = oit.entries(assessment)
    return render(
        request,
        "ita/oit.html",
        {
            "assessment": assessment,
            "entries": entries,
            "can_manage": can_manage,
            "can_review": access.can_review(request.user),
            "finish_form": FinishReviewForm(),
            "passed": sum(1 for e in entries if e.passed),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def entry(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    assessment, can_manage = assessment_for(request, pk)
    can_review = access.can_review(request.user)
    found = next((e for e in oit.entries(assessment) if e.pk == entry_pk), None)
    if found is None:
        raise Http404
    refusal = oit.agency_may_edit(assessment, found, timezone.localdate())
    step = request.POST.get("step") if request.method == "POST" else None
    fill_form = review_form = stale = None
    if can_manage:
        fill_form = OitFillForm(
            request.POST if step == "fill" else None,
            request.FILES or None,
            initial=_fill_as_saved(found),
        )
    if can_review:
        review_form = OitReviewForm(
            request.POST if step == "review" else None, initial=_review_as_saved(found)
        )
    if request.method == "POST":
        form = fill_form if step == "fill" else review_form if step == "review" else None
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            if step == "fill":
                save = partial(
                    oit.entry_fill,
                    actor=request.user,
                    assessment=assessment,
                    entry=found,
                    has_it=data["has_it"] == "yes",
                    note=data["note"],
                    urls=data["urls"],
                    files=data["files"],
                    use_tidtam_report=data["use_tidtam_report"],
                    remove_files=data["remove_files"],
                    version=data["version"],
                )
                as_saved, again = _fill_as_saved, lambda initial: OitFillForm(initial=initial)
            else:
                save = partial(
                    oit.entry_review,
                    actor=request.user,
                    assessment=assessment,
                    entry=found,
                    passed=data["passed"] == "yes",
                    observation=data["observation"],
                    version=data["version"],
                )
                as_saved, again = _review_as_saved, lambda initial: OitReviewForm(initial=initial)
            form, stale, saved = save_edit(form, save, as_saved, again, kept_as=form.kept_as())
            if saved:
                messages.success(request, _("%(code)s saved.") % {"code": found.item.code})
                return redirect("ita:oit", pk=assessment.pk)
            if step == "fill":
                fill_form = form
            else:
                review_form = form
    return render(
        request,
        "ita/oit_entry.html",
        {
            "assessment": assessment,
            "entry": found,
            "fill_form": fill_form,
            "review_form": review_form,
            "refusal": refusal,
            "stale": stale,
            "stale_step": step,
        },
    )


def _fill_as_saved(entry) -> dict:
    """The agency's form as the entry is saved now, with its version."""
    return {
        "has_it": yes_no(entry.has_it),
        "note": entry.note,
        "urls": [e.url for e in entry.evidence.all() if e.url],
        "version": entry.version,
    }


def _review_as_saved(entry) -> dict:
    """The assessor's form as the entry is saved now, with its version."""
    return {
        "passed": yes_no(entry.passed),
        "observation": entry.observation,
        "version": entry.version,
    }


@require_POST
@login_required
def step(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """submit (agency), finish (assessor, with the correction window), close (assessor)."""
    manage = action == "submit"
    assessment, _can_manage = assessment_for(request, pk, manage=manage, review=not manage)
    try:
        if action == "submit":
            oit.oit_submit(actor=request.user, assessment=assessment)
        elif action == "finish":
            form = FinishReviewForm(request.POST)
            if not form.is_valid():
                raise ValidationError(form.errors["correction_until"])
            oit.oit_finish_review(
                actor=request.user,
                assessment=assessment,
                correction_until=form.cleaned_data["correction_until"],
            )
        elif action == "close":
            oit.oit_close(actor=request.user, assessment=assessment)
        else:
            raise PermissionDenied
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The OIT has moved on."))
    return redirect("ita:oit", pk=assessment.pk)


@require_GET
@login_required
def evidence_file(request: HttpRequest, pk: int, evidence_pk: int) -> FileResponse:
    """An uploaded evidence file, for those who may read the assessment only."""
    assessment, _can_manage = assessment_for(request, pk)
    evidence = get_object_or_404(
        OitEvidence, pk=evidence_pk, entry__assessment=assessment, file__gt=""
    )
    return FileResponse(evidence.file.open("rb"), as_attachment=True)
