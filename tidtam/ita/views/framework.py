"""A year's framework: readable by every signed-in user, edited by ITA assessors and admins."""

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tidtam.core.forms import apply_errors
from tidtam.ita import access
from tidtam.ita.forms import LevelForm, NewQuestionForm, OitItemForm, QuestionForm, WeightsForm
from tidtam.ita.models import Framework, Indicator, OitItem, Question, ResultLevel, SubIndicator
from tidtam.ita.services import framework as service


def assessor_only(view):
    """The framework's edits: the city's ITA assessors and admins; anyone else gets a 403."""

    @functools.wraps(view)
    def checked(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not access.is_assessor(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return checked


@require_GET
@login_required
def framework_detail(request: HttpRequest, year: int) -> HttpResponse:
    framework = get_object_or_404(Framework, fiscal_year=year)
    tools = framework.tools.prefetch_related(
        "groups", "parts", "indicators__questions__options", "indicators__subs__items"
    )
    can_edit = access.is_assessor(request.user)
    return render(
        request,
        "ita/framework.html",
        {
            "framework": framework,
            "tools": tools,
            "levels": framework.levels.all(),
            "can_edit": can_edit,
            "weights_form": WeightsForm(framework=framework) if can_edit else None,
            "years": Framework.objects.values_list("fiscal_year", flat=True),
        },
    )


@require_POST
@login_required
@assessor_only
def weights(request: HttpRequest, year: int) -> HttpResponse:
    framework = get_object_or_404(Framework, fiscal_year=year)
    form = WeightsForm(request.POST, framework=framework)
    try:
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        service.weights_update(actor=request.user, framework=framework, weights=form.weights())
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The weights are saved."))
    return redirect("ita:framework", year=year)


@require_http_methods(["GET", "POST"])
@login_required
@assessor_only
def question_edit(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    question = get_object_or_404(
        Question.objects.select_related("indicator__tool__framework"),
        pk=pk,
        indicator__tool__framework__fiscal_year=year,
    )
    initial = {"text": question.text, "polarity": question.polarity, "verified": question.verified}
    form = QuestionForm(request.POST or None, initial=initial, question=question)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            service.question_update(
                actor=request.user,
                question=question,
                text=data["text"],
                polarity=data["polarity"],
                verified=data["verified"],
                points=form.points(),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("%(code)s saved.") % {"code": question.code})
            return redirect("ita:framework", year=year)
    return render(
        request, "ita/question_form.html", {"form": form, "question": question, "year": year}
    )


def _edit(request, year, form, save, heading):
    """The form of one framework row on its own page; back to the framework once saved."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            code = getattr(saved, "code", None) or heading  # a new row: name it by its code
            messages.success(request, _("%(code)s saved.") % {"code": code})
            return redirect("ita:framework", year=year)
    return render(
        request, "ita/framework_edit.html", {"form": form, "heading": heading, "year": year}
    )


@require_http_methods(["GET", "POST"])
@login_required
@assessor_only
def level_edit(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    level = get_object_or_404(ResultLevel, pk=pk, framework__fiscal_year=year)
    initial = {
        "name": level.name,
        "min_total": level.min_total,
        "min_each_tool": level.min_each_tool,
    }
    form = LevelForm(request.POST or None, initial=initial)
    return _edit(
        request,
        year,
        form,
        lambda data: service.level_update(actor=request.user, level=level, **data),
        level.name,
    )


@require_http_methods(["GET", "POST"])
@login_required
@assessor_only
def oit_item_edit(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    item = get_object_or_404(
        OitItem, pk=pk, sub_indicator__indicator__tool__framework__fiscal_year=year
    )
    initial = {"title": item.title, "evidence": item.evidence, "tidtam_source": item.tidtam_source}
    form = OitItemForm(request.POST or None, initial=initial)
    return _edit(
        request,
        year,
        form,
        lambda data: service.oit_item_update(actor=request.user, item=item, **data),
        item.code,
    )


@require_http_methods(["GET", "POST"])
@login_required
@assessor_only
def question_add(request: HttpRequest, year: int, indicator: int) -> HttpResponse:
    found = get_object_or_404(
        Indicator.objects.select_related("tool__framework"),
        pk=indicator,
        tool__framework__fiscal_year=year,
    )
    return _edit(
        request,
        year,
        NewQuestionForm(request.POST or None),
        lambda data: service.question_add(actor=request.user, indicator=found, **data),
        _("New question, indicator %(number)s") % {"number": found.number},
    )


@require_http_methods(["GET", "POST"])
@login_required
@assessor_only
def question_delete(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    question = get_object_or_404(
        Question.objects.select_related("indicator__tool__framework"),
        pk=pk,
        indicator__tool__framework__fiscal_year=year,
    )
    return _delete(
        request,
        year,
        f"{question.code} {question.text}",
        lambda: service.question_delete(actor=request.user, question=question),
    )


@require_http_methods(["GET", "POST"])
@login_required
@assessor_only
def oit_item_add(request: HttpRequest, year: int, sub: int) -> HttpResponse:
    found = get_object_or_404(
        SubIndicator.objects.select_related("indicator__tool__framework"),
        pk=sub,
        indicator__tool__framework__fiscal_year=year,
    )
    return _edit(
        request,
        year,
        OitItemForm(request.POST or None),
        lambda data: service.oit_item_add(actor=request.user, sub_indicator=found, **data),
        _("New item, %(sub)s") % {"sub": found.code},
    )


@require_http_methods(["GET", "POST"])
@login_required
@assessor_only
def oit_item_delete(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    item = get_object_or_404(
        OitItem, pk=pk, sub_indicator__indicator__tool__framework__fiscal_year=year
    )
    return _delete(
        request,
        year,
        f"{item.code} {item.title}",
        lambda: service.oit_item_delete(actor=request.user, item=item),
    )


def _delete(request, year: int, label: str, remove) -> HttpResponse:
    """A page that asks first; the removal itself is a POST, refused once the row is in use."""
    if request.method == "POST":
        try:
            remove()
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Removed: %(what)s") % {"what": label})
        return redirect("ita:framework", year=year)
    return render(request, "ita/framework_delete.html", {"heading": label, "year": year})
