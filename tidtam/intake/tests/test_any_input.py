"""No input makes the reader or the check fail other than by refusing: random bytes, random
CSV text under a template's headers, random cells in a workbook."""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError

from tidtam.core.spreadsheets import Refused
from tidtam.intake.columns import KINDS
from tidtam.intake.services import import_setup, preview
from tidtam.intake.tests.helpers import workbook

pytestmark = pytest.mark.django_db

CELLS = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.sampled_from(["50310000", "๒๕๖๖", "01/10/2565", "=1+1", "'=x", "หน่วยงาน", "ผู้รายงาน"]),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=False),
    st.dates(),
)
FAST = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))


def _try(actor, name: str, data: bytes) -> None:
    """Check the file, and import it when it passes (rolled back after)."""
    try:
        with transaction.atomic():
            preview(actor, [(name, data)])
            import_setup(actor=actor, files=[(name, data)])
            transaction.set_rollback(True)
    except Refused as refused:
        assert all(p.message for p in refused.problems)


@FAST
@given(data=st.binary(max_size=300), suffix=st.sampled_from([".csv", ".xlsx", ".xlsm", ".txt"]))
def test_any_bytes(cast, data, suffix):
    _try(cast.root, "f" + suffix, data)


@FAST
@given(kind=st.sampled_from(KINDS), rows=st.lists(st.lists(CELLS, max_size=15), max_size=4))
def test_any_cells_under_a_templates_headers(cast, kind, rows):
    try:
        data = workbook({kind.key: rows})
    except (ValueError, TypeError, IllegalCharacterError):  # openpyxl refuses to write them
        return
    _try(cast.root, "f.xlsx", data)
    _try(cast.carol, "f.xlsx", data)


WORDS = st.sampled_from(
    ["", "50310000", "50300000", "X1", "๗.๓.๒", "หน่วยงาน", "ฝ่าย/กอง", "ผู้รายงาน", "แผน",
     "เป้าหมาย", "2566", "๒๕๖๖", "01/10/2565", "30/09/2566", "1,000", "carol", "a,b"]
)  # fmt: skip


@FAST
@given(kind=st.sampled_from(KINDS), rows=st.lists(st.lists(WORDS, max_size=15), max_size=5))
def test_any_csv_of_plausible_words(cast, kind, rows):
    from tidtam.intake.tests.helpers import csv_bytes

    data = csv_bytes(kind.key, rows)
    _try(cast.root, "f.csv", data)
    _try(cast.carol, "f.csv", data)
