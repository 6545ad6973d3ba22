"""Mangled printouts never half-import: the import either succeeds or leaves nothing behind."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tidtam.core.models import AuditEntry
from tidtam.legacy.parser import LegacyParseError, parse
from tidtam.legacy.services import import_printout
from tidtam.legacy.tests.helpers import sample_text
from tidtam.legacy.tests.test_parser_properties import mangled
from tidtam.orgs.models import Unit, User
from tidtam.plans.models import KPI, PlanNode
from tidtam.projects.models import Project
from tidtam.reports.models import ProgressReport

MODELS = [Unit, User, PlanNode, KPI, Project, ProgressReport, AuditEntry]


def counts() -> list[int]:
    return [model.objects.count() for model in MODELS]


@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=mangled())
def test_all_or_nothing(cast, text):
    with transaction.atomic():
        before = counts()
        try:
            import_printout(actor=cast.root, parsed=parse(text), source_name="mangled.txt")
        except (LegacyParseError, ValidationError):
            assert counts() == before
        transaction.set_rollback(True)


SAMPLE_LINES = sample_text().split("\n")
FIELD_LINES = [i for i, line in enumerate(SAMPLE_LINES) if " : " in line and "\t" not in line]
NUMBERS = st.from_regex(r"-?[0-9๐-๙]{0,12}([.,][0-9]{0,4})?", fullmatch=True)


@st.composite
def edited(draw) -> str:
    """The sample with values replaced: texts of any length, odd numbers and dates."""
    lines = list(SAMPLE_LINES)
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.sampled_from(FIELD_LINES))
        label = lines[i].split(" : ", 1)[0]
        lines[i] = f"{label} : {draw(st.one_of(st.text(max_size=1200), NUMBERS))}"
    if draw(st.booleans()):
        old = draw(st.sampled_from(["= 20.00 %", "= 0 บาท", ":: 16/01/2566", "(ครั้งที่ 4)"]))
        new = draw(st.sampled_from(["= 120.00 %", "= -5 บาท", ":: 31/12/2570", "(ครั้งที่ 9)"]))
        lines = [line.replace(old, new, 1) for line in lines]
    return "\n".join(lines)


@pytest.mark.django_db
@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=edited())
def test_edited_values_all_or_nothing(cast, text):
    with transaction.atomic():
        before = counts()
        try:
            import_printout(actor=cast.root, parsed=parse(text), source_name="edited.txt")
        except (LegacyParseError, ValidationError):
            assert counts() == before
        transaction.set_rollback(True)
