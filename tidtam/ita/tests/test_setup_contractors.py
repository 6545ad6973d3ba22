import io

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from tidtam.core.models import AuditEntry
from tidtam.ita.models import Contractor
from tidtam.ita.services import contractors, setup


def valid_tax_id(first12: str) -> str:
    total = sum(int(d) * (13 - i) for i, d in enumerate(first12))
    return first12 + str((11 - total % 11) % 10)


def test_tax_id_check_digit():
    assert contractors.tax_id_valid("0105536000445")
    assert contractors.tax_id_valid(valid_tax_id("310550012345"))
    assert not contractors.tax_id_valid("0105536000446")
    assert not contractors.tax_id_valid("12345")
    assert contractors.clean_tax_id("๐-๑๐๕๕-๓๖๐๐๐-๔๔-๕") == "0105536000445"


def test_minimum_sample_rounds_up():
    from decimal import Decimal

    assert setup.minimum_sample(226, Decimal(100)) == 226
    assert setup.minimum_sample(503, Decimal("12.5")) == 63


def test_setup_saves_populations_and_is_audited(ita):
    rows = {p.group.code: (p.count, p.minimum) for p in ita.aa.populations.all()}
    assert rows == {"civil_servant": (226, 226), "employee": (503, 503)}
    entry = AuditEntry.objects.filter(action="ita.assessment.setup_changed").first()
    assert entry.actor == ita.alice
    assert "populations" in entry.changes


def test_setup_refuses_another_agencys_division(ita):
    with pytest.raises(ValidationError):
        setup.assessment_setup(
            actor=ita.alice, assessment=ita.aa, counts={}, divisions=[ita.b_admin]
        )


def test_second_assessment_for_same_year_refused(ita, framework):
    with pytest.raises(ValidationError):
        setup.assessment_create(actor=ita.assessor, framework=framework, agency=ita.a)


def _csv(lines: list[str]) -> bytes:
    return ("\ufeff" + "\n".join(lines)).encode()


def test_contractor_csv_upload(ita):
    ids = [valid_tax_id(f"01055{n:07d}") for n in range(53)]
    lines = ["เลขประจำตัวผู้เสียภาษี,ชื่อ,ผู้ติดต่อ"] + [f"{t},บริษัท {i} จำกัด,02" for i, t in enumerate(ids)]
    saved, errors = contractors.contractors_replace(
        actor=ita.alice, assessment=ita.aa, name="list.csv", content=_csv(lines)
    )
    assert (saved, errors) == (53, [])
    assert ita.aa.contractors.count() == 53
    assert AuditEntry.objects.filter(action="ita.contractors.replaced").exists()


def test_contractor_xlsx_with_bad_rows_saves_nothing(ita):
    good = valid_tax_id("010553600044")
    book = Workbook()
    sheet = book.active
    sheet.append(["Tax ID", "Name"])
    sheet.append([good, "ดี จำกัด"])
    sheet.append(["0105536000446", "เลขผิด"])
    sheet.append([good, "ซ้ำ"])
    sheet.append([None, "ไม่มีเลข"])
    sheet.append([valid_tax_id("010553600045"), None])
    buffer = io.BytesIO()
    book.save(buffer)
    saved, errors = contractors.contractors_replace(
        actor=ita.alice, assessment=ita.aa, name="list.xlsx", content=buffer.getvalue()
    )
    assert saved == 0
    assert [e.row for e in errors] == [3, 4, 5, 6]
    assert "repeats row 2" in errors[1].messages[0]
    assert Contractor.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("list.pdf", b"x", "xlsx"),
        ("list.xlsx", b"not a zip", "XLSX"),
        ("list.csv", b"a,b\n1,2", "columns"),
        ("list.csv", b"", "empty"),
        ("list.csv", b"\xff\xfe\x00", "UTF-8"),
        ("list.csv", b"x" * (contractors.MAX_BYTES + 1), "MB"),
    ],
)
def test_malformed_contractor_files(ita, name, content, message):
    with pytest.raises(ValidationError) as caught:
        contractors.contractors_replace(
            actor=ita.alice, assessment=ita.aa, name=name, content=content
        )
    assert message in str(caught.value)
    assert Contractor.objects.count() == 0
