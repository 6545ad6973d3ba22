"""A year's framework: readable by every signed-in user, edited by ITA assessors and admins."""

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tidtam.core.forms import save_edit
from tidtam.ita import access
from tidtam.ita.forms import (
    LevelForm,
    NewQuestionForm,
    OitItemEditForm,
    OitItemForm,
    QuestionForm,
    WeightsForm,
)
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
    weights_form = None
    if access.is_assessor(request.user):
        weights_form = WeightsForm(initial=_weights_as_saved(framework), framework=framework)
    return _framework_page(request, framework, weights_form)


def _framework_page(request, framework, weights_form, stale=None) -> HttpResponse:
    tools = framework.tools.prefetch_related(
        "groups", "parts", "indicators__questions__options", "indicators__subs__items"
    )
    return render(
        request,
        "ita/framework.html",
        {
            "framework": framework,
            "tools": tools,
            "levels": framework.levels.all(),
            "can_edit": weights_form is not None,
            "weights_form": weights_form,
            "stale": stale,
            "years": Framework.objects.values_list("fiscal_year", flat=True),
        },
    )


def _weights_as_saved(framework) -> dict:
    """The weights form's values (percent) as the framework is saved now, with its version."""
    return {
        **{tool.code: tool.weight * 100 for tool in framework.tools.all()},
        "version": framework.version,
    }


@require_POST
@login_required
@assessor_only
def weights(request: HttpRequest, year: int) -> HttpResponse:
    """Saved, back to the framework; refused, a message; stale, the framework page with the
    notice and the user's weights put back on the current ones."""
    framework = get_object_or_404(Framework, fiscal_year=year)
    form = WeightsForm(request.POST, framework=framework)
    if form.is_valid():
        form, stale, saved = save_edit(
            form,
            lambda: service.weights_update(
                actor=request.user,
                framework=framework,
                weights=form.weights(),
                version=form.cleaned_data["version"],
            ),
            _weights_as_saved,
            lambda initial: WeightsForm(initial=initial, framework=framework),
            kept_as=form.kept_as(),
        )
        if saved:
            messages.success(request, _("The weights are saved."))
            return redirect("ita:framework", year=year)
        if stale:
            return _framework_page(request, framework, form, stale)
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, message)
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
    form = QuestionForm(
        request.POST or None, initial=_question_as_saved(question), question=question
    )
    stale = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        form, stale, saved = save_edit(
            form,
            lambda: service.question_update(
                actor=request.user,
                question=question,
                text=data["text"],
                polarity=data["polarity"],
                verified=data["verified"],
                points=form.points(),
                version=data["version"],
            ),
            _question_as_saved,
            lambda initial: QuestionForm(initial=initial, question=question),
            kept_as=form.kept_as(),
        )
        if saved:
            messages.success(request, _("%(code)s saved.") % {"code": question.code})
            return redirect("ita:framework", year=year)
    context = {"form": form, "question": question, "year": year, "stale": stale}
    return render(request, "ita/question_form.html", context)


def _question_as_saved(question) -> dict:
    """The question's form as it is saved now, with its version."""
    return {
        "text": question.text,
        "polarity": question.polarity,
        "verified": question.verified,
        **{f"points_{o.pk}": o.points for o in question.options.all()},
        "version": question.version,
    }


def _edit(request, year, form, save, heading, as_saved=None, again=None):
    """The form of one framework row on its own page; back to the framework once saved. An
    edit (``as_saved``, ``again``: see ``core.forms.save_edit``) refused as stale shows the
    notice and the user's changes put back on the current values."""
    stale = None
    if request.method == "POST" and form.is_valid():
        saved = []
        form, stale, done = save_edit(
            form, lambda: saved.append(save(form.cleaned_data)), as_saved, again
        )
        if done:
            code = getattr(saved[0], "code", None) or heading  # a new row: name it by its code
            messages.success(request, _("%(code)s saved.") % {"code": code})
            return redirect("ita:framework", year=year)
    context = {"form": form, "heading": heading, "year": year, "stale": stale}
    return render(request, "ita/framework_edit.html", context)


def _as_saved(*fields: str):
    """The values of a row's edit form as the row is saved now, with its version."""
    return lambda row: {
        **{name: getattr(row, name) for name in fields},
        "version": row.version,
    }


@require_http_methods(["GET", "POST"])
@login_required
@assessor_only
def level_edit(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    level = get_object_or_404(ResultLevel, pk=pk, framework__fiscal_year=year)
    as_saved = _as_saved("name", "min_total", "min_each_tool")
    return _edit(
        request,
        year,
        LevelForm(request.POST or None, initial=as_saved(level)),
        lambda data: service.level_update(actor=request.user, level=level, **data),
        level.name,
        as_saved,
        lambda initial: LevelForm(initial=initial),
    )


@require_http_methods(["GET", "POST"])
@login_required
@assessor_only
def oit_item_edit(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    item = get_object_or_404(
        OitItem, pk=pk, sub_indicator__indicator__tool__framework__fiscal_year=year
    )
    as_saved = _as_saved("title", "evidence", "tidtam_source")
    return _edit(
        request,
        year,
        OitItemEditForm(request.POST or None, initial=as_saved(item)),
        lambda data: service.oit_item_update(actor=request.user, item=item, **data),
        item.code,
        as_saved,
        lambda initial: OitItemEditForm(initial=initial),
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
