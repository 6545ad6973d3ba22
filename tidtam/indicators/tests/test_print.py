"""The indicator's print-out: Thai text exactly in the PDF's text layer, one recorded copy per
print with the project form's verification, read only by those who read the indicator."""

import hashlib
import io
import re
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from pypdf import PdfReader

from tidtam.core.models import AuditEntry
from tidtam.core.testing import page_of
from tidtam.documents.actions import FORM_PRINTED
from tidtam.documents.models import PrintedForm
from tidtam.documents.tests.helpers import fold, pdf_text
from tidtam.indicators import printing, services
from tidtam.indicators.tests.helpers import file_result, make_year

pytestmark = pytest.mark.django_db

YEAR = 2566
NAME = "ร้อยละของเรื่องร้องเรียนที่ได้รับการแก้ไขภายในเวลาที่กำหนด ตรวจสอบแล้ว"
RESULTS = {1: "20.50", 2: "41.25", 3: "60.00", 4: "104.15"}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def year(cast):
    """A's indicator of 2566 with four quarters filed and accepted, quarter 2 assessed."""
    year = make_year(cast, fiscal_year=YEAR, name=NAME, definition="นิยาม: เรื่องร้องเรียน")
    for quarter, value in RESULTS.items():
        row = file_result(cast, year, quarter, value)
        row = services.result_step(actor=cast.alice, row=row, action="submit")
        services.result_step(actor=cast.carol, row=row, action="accept")
    services.assess(
        actor=cast.carol, year=year, quarter=2, score=Decimal("100"), second=Decimal("50")
    )
    return year


def _url(year):
    return reverse("indicators:print", args=[year.indicator.code, year.fiscal_year])


def test_the_pdf_reads_back_the_exact_thai_text(client, cast, year):
    client.force_login(cast.alice)
    answer = client.post(_url(year))
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/pdf"
    assert f"tidtam-indicator-{year.indicator.code}-{YEAR}-" in answer["Content-Disposition"]
    text = pdf_text(answer.content)
    folded = fold(text)
    assert fold(f"{NAME} : {year.indicator.code}") in folded  # the name wraps: folded
    # a label and its value are two cells of a grid: pdftotext may put them on two lines
    assert fold("ค่าเป้าหมาย ร้อยละ : 80.00 (ยิ่งมากยิ่งดี)") in folded
    assert fold("ผลงานที่ทำได้ ร้อยละ : 104.15") in folded
    laid_out = pdf_text(answer.content, layout=True)  # the quarterly table, row by row
    assert re.search(r"^ *2 +40\.00 +41\.25 +100 +100 / 50 +รับแล้ว *$", laid_out, re.M)
    assert re.search(r"^ *4 +80\.00 +104\.15 +– +– +รับแล้ว *$", laid_out, re.M)
    for quarter, value in RESULTS.items():
        assert f"รายงานผลฯ ไตรมาสที่ {quarter}" in text
        assert f"ผลการดำเนินงานไตรมาสที่ {quarter}" in text  # the narrative
        assert value in text
    for target in ("20.00", "40.00", "60.00", "80.00"):
        assert target in text
    assert "100 / 50" in text
    assert "*** สยป. ตรวจประเมินตัวชี้วัด : ไตรมาสที่ 2: 100" in text
    assert "นิยาม: เรื่องร้องเรียน" in text
    printed = PrintedForm.objects.get()
    assert printed.kind == "indicator" and printed.code in text and printed.sha256 in fold(text)


def test_each_print_is_recorded_with_its_snapshot_hash_and_audit(client, cast, year):
    client.force_login(cast.alice)
    pdf = client.post(_url(year)).content
    printed = PrintedForm.objects.get()
    (attached,) = PdfReader(io.BytesIO(pdf)).attachments.values()
    assert attached[0] == printed.data.encode()
    assert hashlib.sha256(attached[0]).hexdigest() == printed.sha256
    snapshot = printing.json.loads(printed.data)
    assert snapshot["schema"] == printing.SCHEMA
    assert snapshot["indicator"]["q4_result"] == "104.15"
    assert snapshot["indicator"]["q2_score"] == "100.00"
    entry = AuditEntry.objects.filter(action=FORM_PRINTED.name).get()
    assert entry.actor == cast.alice
    assert entry.changes["sha256"] == [None, printed.sha256]
    assert client.get(_url(year)).status_code == 405  # a link followed prints nothing


def test_the_verify_page_finds_the_snapshot_and_its_changes(client, cast, year):
    client.force_login(cast.alice)
    client.post(_url(year))
    printed = PrintedForm.objects.get()
    verify = reverse("documents:verify", kwargs={"code": printed.code})
    client.logout()
    html = page_of(client.get(verify))
    assert year.indicator.code in html and NAME in html
    assert "รหัสตัวชี้วัด" in html
    assert 'id="unchanged"' in html
    services.assess(actor=cast.carol, year=year, quarter=3, score=Decimal("87.5"))
    html = page_of(client.get(verify))
    assert 'id="changed"' in html
    assert "ไตรมาสที่ 3 : คะแนน" in html
    assert "87.50" not in html  # values only for a reader
    client.force_login(cast.alice)
    assert "87.50" in page_of(client.get(verify))


def test_another_agency_cannot_print_and_anonymous_is_sent_to_log_in(client, cast, year):
    client.force_login(cast.cody)
    assert client.post(_url(year)).status_code == 404
    client.logout()
    assert client.post(_url(year)).status_code == 302
    assert not PrintedForm.objects.exists()


def test_the_page_offers_the_print(client, cast, year):
    client.force_login(cast.alice)
    page = page_of(client.get(reverse("indicators:detail", args=[year.indicator.code])))
    assert _url(year) in page


def test_the_command_prints_as_a_user_or_refuses(cast, year, tmp_path):
    out = tmp_path / "kpi.pdf"
    code = year.indicator.code
    call_command("print_indicator", code, "--year", "2566", "-o", str(out), "--user", "alice")
    assert fold(NAME) in fold(pdf_text(out.read_bytes()))
    assert PrintedForm.objects.get().printed_by == cast.alice
    for args in (["--user", "cody"], ["--user", "nobody"], []):
        year_args = ["--year", "2567"] if not args else ["--year", "2566"]
        with pytest.raises(CommandError):
            call_command("print_indicator", code, *year_args, "-o", str(out), *args)
    assert PrintedForm.objects.count() == 1


def test_query_counts_are_pinned(client, cast, year, django_assert_num_queries):
    client.force_login(cast.alice)
    client.get(reverse("indicators:index"))  # warm the session
    # the session and the user (2); the reader's indicator year with its results, evidence,
    # assessments, plan targets and projects (6); then in one transaction (2 savepoints +
    # 2 releases): the year afresh with what it prints (5), the unit's path names (2), the copy
    # (1) and its audit entry in the hash chain (3)
    with django_assert_num_queries(23):
        client.post(_url(year))
    printed = PrintedForm.objects.get()
    # the copy (1); the indicator now, to compare (5) with its unit's path names (2); whether
    # the reader may see the values: the session and the user (2), the reader's year (6)
    with django_assert_num_queries(16):
        client.get(reverse("documents:verify", kwargs={"code": printed.code}))
