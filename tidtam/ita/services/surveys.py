"""Access codes and survey answers. A code admits one response: it is spent by a conditional
UPDATE … WHERE used = false inside the same transaction that saves the answers, so two
simultaneous submissions cannot both pass."""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tidtam.core.audit import record
from tidtam.ita.actions import CODES_ISSUED
from tidtam.ita.models import (
    AccessCode,
    Answer,
    Assessment,
    CodeBatch,
    Question,
    RespondentGroup,
    Response,
    Tool,
)
from tidtam.orgs.models import Unit, User

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
CODE_LENGTH = 8
MAX_BATCH = 2000


def normalise(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def _new_codes(count: int) -> set[str]:
    codes: set[str] = set()
    while len(codes) < count:
        codes.add("".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH)))
    taken = set(AccessCode.objects.filter(code__in=codes).values_list("code", flat=True))
    return (codes - taken) | (_new_codes(len(taken)) if taken else set())


@transaction.atomic
def codes_issue_batch(*, actor: User, assessment: Assessment, tool: Tool, size: int) -> CodeBatch:
    """A batch of one-time codes for the agency to hand out (IIT)."""
    if not 1 <= size <= MAX_BATCH:
        raise ValidationError(
            {"size": _("Issue between 1 and %(max)s codes.") % {"max": MAX_BATCH}}
        )
    today = timezone.localdate()
    batch = CodeBatch.objects.create(
        assessment=assessment, tool=tool, size=size, issued_by=actor, issued_on=today
    )
    AccessCode.objects.bulk_create(
        AccessCode(assessment=assessment, tool=tool, batch=batch, code=code, issued_on=today)
        for code in sorted(_new_codes(size))
    )
    record(
        action=CODES_ISSUED,
        actor=actor,
        target=assessment,
        changes={"codes": [None, size], "tool": [None, tool.code]},
        unit=assessment.agency,
    )
    return batch


def code_issue_public(*, assessment: Assessment, tool: Tool) -> str:
    """One code for a visitor of the public link (EIT); the view applies the rate limits."""
    code = _new_codes(1).pop()
    AccessCode.objects.create(
        assessment=assessment, tool=tool, code=code, issued_on=timezone.localdate()
    )
    return code


def code_is_open(*, assessment: Assessment, tool: Tool, code: str) -> bool:
    return AccessCode.objects.filter(
        assessment=assessment, tool=tool, code=normalise(code), used=False
    ).exists()


def questions_of(tool: Tool):
    return (
        Question.objects.filter(indicator__tool=tool)
        .select_related("indicator")
        .prefetch_related("options")
        .order_by("indicator__order", "order")
    )


@transaction.atomic
def response_submit(
    *,
    assessment: Assessment,
    tool: Tool,
    code: str,
    group: RespondentGroup,
    division: Unit | None,
    choices: dict[int, int],
) -> Response:
    """Save one anonymous response. ``choices``: question id → option id, every question."""
    if tool.framework_id != assessment.framework_id or tool.kind == Tool.Kind.DISCLOSURE:
        raise ValidationError(_("This survey is not part of the assessment."))
    if not assessment.surveys_open:
        raise ValidationError(_("This survey is closed."))
    if group.tool_id != tool.pk:
        raise ValidationError({"group": _("Choose one of the listed groups.")})
    if tool.kind == Tool.Kind.INTERNAL and assessment.divisions.exists():
        if division is None or not assessment.divisions.filter(pk=division.pk).exists():
            raise ValidationError({"division": _("Choose your division.")})
    else:
        division = None  # EIT, or an IIT without divisions set up: nothing to state
    answers = []
    missing = []
    for question in questions_of(tool):
        option_id = choices.get(question.pk)
        option = next((o for o in question.options.all() if o.pk == option_id), None)
        if option is None:
            missing.append(question.code)
        else:
            answers.append((question, option))
    if missing:
        raise ValidationError(
            _("Please answer every question (%(codes)s).") % {"codes": ", ".join(missing)}
        )
    codes = AccessCode.objects.filter(assessment=assessment, tool=tool, code=normalise(code))
    if codes.filter(used=False).update(used=True) != 1:
        # "used": a real code, spent meanwhile (e.g. a race lost to a second submission), which
        # the public page does not count as a guess; "wrong": no such code
        kind = "used" if codes.exists() else "wrong"
        message = _("This code is wrong or has already been used.")
        raise ValidationError({"code": ValidationError(message, code=kind)})
    response = Response.objects.create(
        assessment=assessment,
        tool=tool,
        group=group,
        division=division,
        submitted_on=timezone.localdate(),
    )
    Answer.objects.bulk_create(Answer(response=response, question=q, option=o) for q, o in answers)
    return response
