"""Edits of a year's framework by the city's ITA assessors and admins, each audited."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tidtam.core.audit import json_value, record, record_changes, snapshot
from tidtam.ita.models import Framework, OitItem, Question, ResultLevel
from tidtam.orgs.models import User


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
) -> Question:
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
    record(
        action="ita.framework.question_changed",
        actor=actor,
        target=question,
        changes=_changes(before, after),
    )
    return question


@transaction.atomic
def weights_update(*, actor: User, framework: Framework, weights: dict[str, Decimal]) -> None:
    """Tool code → weight (0.30 for 30 %); the weights of a year add up to 1."""
    if sum(weights.values(), Decimal(0)) != Decimal(1):
        raise ValidationError(_("The weights must add up to 100 percent."))
    tools = {tool.code: tool for tool in framework.tools.all()}
    before = {code: tool.weight for code, tool in tools.items()}
    for code, weight in weights.items():
        tools[code].weight = weight
        tools[code].save(update_fields=["weight"])
    record(
        action="ita.framework.weights_changed",
        actor=actor,
        target=framework,
        changes=_changes(before, weights),
    )


def _update_fields(*, actor: User, target, action: str, **fields):
    """Set plain fields of one framework row, validate, save, and record what changed."""
    before = snapshot(target, list(fields))
    for name, value in fields.items():
        setattr(target, name, value)
    target.full_clean()
    target.save()
    record_changes(action=action, actor=actor, target=target, before=before, fields=list(fields))
    return target


@transaction.atomic
def level_update(
    *,
    actor: User,
    level: ResultLevel,
    name: str,
    min_total: Decimal,
    min_each_tool: Decimal | None,
) -> ResultLevel:
    return _update_fields(
        actor=actor,
        target=level,
        action="ita.framework.level_changed",
        name=name,
        min_total=min_total,
        min_each_tool=min_each_tool,
    )


@transaction.atomic
def oit_item_update(
    *, actor: User, item: OitItem, title: str, evidence: str, tidtam_source: str
) -> OitItem:
    return _update_fields(
        actor=actor,
        target=item,
        action="ita.framework.oit_item_changed",
        title=title,
        evidence=evidence,
        tidtam_source=tidtam_source,
    )
