"""Edits of a year's framework by the city's ITA assessors and admins, each audited."""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max, Q
from django.utils.translation import gettext as _

from tidtam.core import concurrency
from tidtam.core.audit import json_value, record, record_changes, snapshot
from tidtam.ita.actions import (
    LEVEL_CHANGED,
    OIT_ITEM_ADDED,
    OIT_ITEM_CHANGED,
    OIT_ITEM_DELETED,
    QUESTION_ADDED,
    QUESTION_CHANGED,
    QUESTION_DELETED,
    WEIGHTS_CHANGED,
)
from tidtam.ita.models import (
    Answer,
    AnswerOption,
    Framework,
    Indicator,
    OitEntry,
    OitItem,
    Question,
    ResultLevel,
    SubIndicator,
    Tool,
)
from tidtam.orgs.models import User

PREFIX = re.compile(r"[^\d]*")  # the letters of a question code: "i" of i25


def _changes(before: dict, after: dict) -> dict:
    return {
        k: [json_value(before[k]), json_value(after[k])] for k in after if before[k] != after[k]
    }


@transaction.atomic
def question_update(
    *,
    actor: User,
    question: Question,
    text: str,
    polarity: str,
    verified: bool,
    points: list[Decimal],
    version: int | None = None,
) -> Question:
    """Wording, polarity and points of a question. ``version``: the version the form was
    loaded from; a save over a later one is refused (so are those of the rows below)."""
    question = Question.objects.select_for_update().get(pk=question.pk)
    concurrency.check(question, version)
    options = list(question.options.all())
    if len(points) != len(options):
        raise ValidationError(_("Give points for every answer option."))
    if any(not Decimal(0) <= p <= Decimal(100) for p in points):
        raise ValidationError(_("Points lie between 0 and 100."))
    before = {
        "text": question.text,
        "polarity": question.polarity,
        "verified": question.verified,
        "points": [o.points for o in options],
    }
    question.text, question.polarity, question.verified = text, polarity, verified
    question.save(update_fields=["text", "polarity", "verified"])
    for option, value in zip(options, points, strict=True):
        if option.points != value:
            option.points = value
            option.save(update_fields=["points"])
    after = {"text": text, "polarity": polarity, "verified": verified, "points": points}
    concurrency.record_save(
        action=QUESTION_CHANGED,
        actor=actor,
        target=question,
        changes=_changes(before, after),
    )
    return question


@transaction.atomic
def weights_update(
    *,
    actor: User,
    framework: Framework,
    weights: dict[str, Decimal],
    version: int | None = None,
) -> None:
    """Tool code → weight (0.30 for 30 %); the weights of a year add up to 1. They are the
    framework's: ``version`` is the framework's the form was loaded from."""
    framework = Framework.objects.select_for_update().get(pk=framework.pk)
    concurrency.check(framework, version)
    if sum(weights.values(), Decimal(0)) != Decimal(1):
        raise ValidationError(_("The weights must add up to 100 percent."))
    tools = {tool.code: tool for tool in framework.tools.all()}
    before = {code: tool.weight for code, tool in tools.items()}
    for code, weight in weights.items():
        tools[code].weight = weight
        tools[code].save(update_fields=["weight"])
    concurrency.record_save(
        action=WEIGHTS_CHANGED,
        actor=actor,
        target=framework,
        changes=_changes(before, weights),
    )


def _update_fields(*, actor: User, target, action: str, version: int | None, **fields):
    """Set plain fields of one framework row, validate, save, and record what changed.
    ``version``: the row's version the form was loaded from; a save over a later one is
    refused."""
    target = type(target).objects.select_for_update().get(pk=target.pk)
    concurrency.check(target, version)
    before = snapshot(target, list(fields))
    for name, value in fields.items():
        setattr(target, name, value)
    target.full_clean()
    target.save()
    concurrency.record_edit(
        action=action, actor=actor, target=target, before=before, fields=list(fields)
    )
    return target


@transaction.atomic
def level_update(
    *,
    actor: User,
    level: ResultLevel,
    name: str,
    min_total: Decimal,
    min_each_tool: Decimal | None,
    version: int | None = None,
) -> ResultLevel:
    return _update_fields(
        actor=actor,
        target=level,
        action=LEVEL_CHANGED,
        version=version,
        name=name,
        min_total=min_total,
        min_each_tool=min_each_tool,
    )


@transaction.atomic
def oit_item_update(
    *,
    actor: User,
    item: OitItem,
    title: str,
    evidence: str,
    tidtam_source: str,
    version: int | None = None,
) -> OitItem:
    return _update_fields(
        actor=actor,
        target=item,
        action=OIT_ITEM_CHANGED,
        version=version,
        title=title,
        evidence=evidence,
        tidtam_source=tidtam_source,
    )


def _refuse_questions_in_use(tool: Tool) -> None:
    if Answer.objects.filter(question__indicator__tool=tool).exists():
        raise ValidationError(
            _("%(tool)s of %(year)s has answers already: its questions can be added or "
              "removed only before the first response. Their wording can still be edited.")
            % {"tool": tool.code, "year": tool.framework.fiscal_year}
        )  # fmt: skip


def _next_number(codes, prefix: str) -> int:
    numbers = [int(code[len(prefix) :]) for code in codes if code[len(prefix) :].isdigit()]
    return max(numbers, default=0) + 1


@transaction.atomic
def question_add(*, actor: User, indicator: Indicator, text: str, polarity: str) -> Question:
    """A new question at the end of the indicator, with the answer scale of the tool's other
    questions and the next code of the tool (i26 after i25); its wording starts as a draft."""
    tool = indicator.tool
    _refuse_questions_in_use(tool)
    questions = Question.objects.filter(indicator__tool=tool)
    model = questions.prefetch_related("options").order_by("indicator__order", "order").first()
    if model is None:
        raise ValidationError(_("%(tool)s has no question to take the answer scale from.")
                              % {"tool": tool.code})  # fmt: skip
    prefix = PREFIX.match(model.code).group(0)
    last = indicator.questions.aggregate(last=Max("order"))["last"]
    question = Question(
        indicator=indicator,
        code=f"{prefix}{_next_number(questions.values_list('code', flat=True), prefix)}",
        text=text.strip(),
        polarity=polarity,
        order=(last or 0) + 1,
    )
    question.full_clean()
    question.save()
    AnswerOption.objects.bulk_create(
        AnswerOption(question=question, label=o.label, points=o.points, order=o.order)
        for o in model.options.all()
    )
    record_changes(
        action=QUESTION_ADDED,
        actor=actor,
        target=question,
        before={},
        fields=["code", "text", "polarity"],
    )
    return question


@transaction.atomic
def question_delete(*, actor: User, question: Question) -> None:
    _refuse_questions_in_use(question.indicator.tool)
    record(
        action=QUESTION_DELETED,
        actor=actor,
        target=question,
        changes={"code": [question.code, None], "text": [question.text, None]},
    )
    question.delete()


@transaction.atomic
def oit_item_add(
    *, actor: User, sub_indicator: SubIndicator, title: str, evidence: str, tidtam_source: str
) -> OitItem:
    """A new item at the end of its sub-indicator, with the next code of the year (O34 after
    O33). Agencies see it on their checklist at once (entries are made when they open it)."""
    framework = sub_indicator.indicator.tool.framework
    items = OitItem.objects.filter(sub_indicator__indicator__tool__framework=framework)
    after = items.filter(sub_indicator=sub_indicator).aggregate(last=Max("order"))["last"]
    if after is None:  # the sub-indicator's first item: at the end of the year's list
        after = items.aggregate(last=Max("order"))["last"] or 0
    items.filter(order__gt=after).update(order=F("order") + 1)  # keep the year's sequence
    item = OitItem(
        sub_indicator=sub_indicator,
        code=f"O{_next_number(items.values_list('code', flat=True), 'O')}",
        title=title.strip(),
        evidence=evidence.strip(),
        tidtam_source=tidtam_source,
        order=after + 1,
    )
    item.full_clean()
    item.save()
    record_changes(
        action=OIT_ITEM_ADDED,
        actor=actor,
        target=item,
        before={},
        fields=["code", "title", "evidence", "tidtam_source"],
    )
    return item


@transaction.atomic
def oit_item_delete(*, actor: User, item: OitItem) -> None:
    """Only while no agency has answered it: its blank checklist rows go with it."""
    entries = OitEntry.objects.filter(item=item)
    answered = entries.filter(
        Q(has_it__isnull=False) | Q(passed__isnull=False) | ~Q(note="") | Q(evidence__isnull=False)
    )
    if answered.exists():
        raise ValidationError(
            _("%(code)s has been answered by an agency already and cannot be removed; edit "
              "its title or evidence instead.")
            % {"code": item.code}
        )  # fmt: skip
    record(
        action=OIT_ITEM_DELETED,
        actor=actor,
        target=item,
        changes={"code": [item.code, None], "title": [item.title, None]},
    )
    entries.delete()
    item.delete()
