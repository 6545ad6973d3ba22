"""The plan from a spreadsheet: the template, an upload through the grid's rules and versions,
every problem on its row and column, nothing saved on any problem, no server error for any
file; and the freeze of a plan first entered after a report was accepted."""

import datetime as dt
import io
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from tidtam.core.models import AuditEntry
from tidtam.core.testing import page_of
from tidtam.projects.tests.factories import add_report, make_project
from tidtam.reports.review import report_accept, report_submit
from tidtam.workplans import services
from tidtam.workplans.models import WorkPlan
from tidtam.workplans.rules import Row, months_between
from tidtam.workplans.sheets import month_short

# FY2566: October 2565 to September 2566, 12 months, 100,000 baht
MONTHS = months_between(dt.date(2022, 10, 1), dt.date(2023, 9, 30))
STEADY = [
    Row(m, D(min(100, 9 * (i + 1)) if i < 11 else 100), D("8000")) for i, m in enumerate(MONTHS)
]
THAI = ["เดือน", "ผลการดำเนินงานสะสมตามแผน (%)", "เบิกจ่ายตามแผน (บาท)", "กิจกรรมตามแผน"]
ENGLISH = [
    "Month",
    "Planned cumulative progress (%)",
    "Planned disbursement (baht)",
    "Planned activities",
]
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


@pytest.fixture
def project(cast):
    return make_project(cast.alice, cast.a_admin)


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _url(project, name="plan", **kwargs):
    return reverse(f"workplans:{name}", kwargs={"code": project.code, **kwargs})


def _lines(rows=STEADY):
    return [[month_short(r.month), r.progress, r.disbursement, r.activities] for r in rows]


def xlsx(lines, headers=(THAI, ENGLISH)):
    book = Workbook()
    sheet = book.active
    for line in [*headers, *lines]:
        sheet.append(list(line))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv(lines, headers=(THAI,), bom=True):
    text = "\n".join(",".join(f'"{cell}"' for cell in line) for line in [*headers, *lines])
    return ("\ufeff" if bom else "").encode() + text.encode()


def upload(client, project, name, data, **extra):
    payload = {"upload-file": SimpleUploadedFile(name, data), **extra}
    return client.post(_url(project, "upload"), payload)


def problems(response) -> list[tuple[str, str, str]]:
    """(row, column, message) of each problem the page shows, as its table shows them."""
    found = response.context.get("problems") or []
    shown = page_of(response)
    assert all(p.message in shown for p in found)
    return [(str(p.row or "—"), p.column or "—", p.message) for p in found]


# the template


def test_the_xlsx_template_has_the_months_and_the_plan_in_force(cast, project):
    client = _client(cast.alice)
    empty = load_workbook(io.BytesIO(client.get(_url(project, "template", fmt="xlsx")).content))
    sheet = empty.active
    assert [c.value for c in sheet[1]] == THAI and [c.value for c in sheet[2]] == ENGLISH
    assert [sheet.cell(r, 1).value for r in range(3, 15)][:2] == ["ต.ค. 2565", "พ.ย. 2565"]
    assert sheet.cell(14, 1).value == "ก.ย. 2566" and sheet.cell(3, 2).value is None
    services.plan_save(actor=cast.alice, project=project, rows=STEADY)
    response = client.get(_url(project, "template", fmt="xlsx"))
    assert response["Content-Disposition"].endswith(f'plan-{project.code}.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert (sheet.cell(3, 2).value, sheet.cell(3, 3).value) == (9, 8000)
    assert sheet.cell(14, 2).value == 100


def test_the_csv_template_is_utf8_with_a_bom_and_reads_back_unchanged(cast, project):
    client = _client(cast.alice)
    services.plan_save(actor=cast.alice, project=project, rows=STEADY)
    data = client.get(_url(project, "template", fmt="csv")).content
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig").splitlines()
    assert text[0].startswith("เดือน,") and text[1].startswith("Month,")
    assert text[2] == "ต.ค. 2565,9,8000.00,"
    # uploading the template as it came changes nothing
    assert upload(client, project, "plan.csv", data, **{"upload-version": 1}).status_code == 302
    assert WorkPlan.objects.get().version == 1
    assert client.get(_url(project, "template", fmt="pdf")).status_code == 404


# uploads


def test_an_xlsx_upload_enters_the_plan_audited_with_its_file_name(cast, project):
    lines = _lines()
    lines[0][3] = "สำรวจพื้นที่"
    response = upload(_client(cast.alice), project, "แผน 2566.xlsx", xlsx(lines))
    assert response.status_code == 302
    plan = WorkPlan.objects.get()
    assert plan.state == WorkPlan.State.IN_FORCE and plan.frozen_at is None
    assert [m.progress for m in plan.months.all()] == [r.progress for r in STEADY]
    assert plan.months.first().activities == "สำรวจพื้นที่"
    entry = AuditEntry.objects.get(action="workplans.plan.created")
    assert entry.changes["source_file"] == [None, "แผน 2566.xlsx"]
    history = page_of(_client(cast.alice).get(project.get_absolute_url()))
    assert "ไฟล์ที่อัปโหลด" in history and "แผน 2566.xlsx" in history


@pytest.mark.parametrize("bom", [True, False])
def test_a_csv_takes_thai_digits_and_thousands_separators(cast, project, bom):
    lines = [[m, "", "", ""] for m, *_rest in _lines()]
    for i, line in enumerate(lines):
        line[1] = "๑๐๐" if i == 11 else f"{9 * (i + 1)}".translate(THAI_DIGITS)
        line[2] = "8,000.00"
    lines[0][0] = "ตุลาคม ๒๕๖๕"  # the long name and Thai digits
    lines[1][0] = "11/2565"
    response = upload(_client(cast.alice), project, "plan.csv", csv(lines, bom=bom))
    assert response.status_code == 302, problems(response)
    plan = WorkPlan.objects.get()
    assert plan.months.first().progress == D("9") and plan.months.last().progress == D("100")
    assert plan.months.first().disbursement == D("8000")


def test_rows_may_come_in_any_order_under_the_english_headers_alone(cast, project):
    lines = list(reversed(_lines()))
    response = upload(_client(cast.alice), project, "p.xlsx", xlsx(lines, headers=(ENGLISH,)))
    assert response.status_code == 302
    assert WorkPlan.objects.get().months.first().progress == D("9")


@pytest.mark.parametrize(
    ("change", "row", "column", "words"),
    [
        # the progress goes down in the second month
        (lambda ls: ls[1].__setitem__(1, 5), "4", "B (ผลการดำเนินงานสะสมตามแผน (%))", "ไม่ลดลง"),
        # it does not end at 100
        (lambda ls: ls[11].__setitem__(1, 99), "14", "B (ผลการดำเนินงานสะสมตามแผน (%))", "100"),
        # the disbursements pass the budget in the last month
        (lambda ls: ls[11].__setitem__(2, 13000), "14", "C (เบิกจ่ายตามแผน (บาท))", "101,000.00"),
        # a month outside the project's period
        (lambda ls: ls.append(["ต.ค. 2566", 100, 0, ""]), "15", "A (เดือน)", "ตุลาคม 2566"),
    ],
)
def test_each_rule_refuses_an_upload_on_its_row_and_column(
    cast, project, change, row, column, words
):
    client = _client(cast.alice)
    assert upload(client, project, "ok.xlsx", xlsx(_lines())).status_code == 302  # both ways
    lines = _lines()
    change(lines)
    response = upload(client, project, "bad.xlsx", xlsx(lines), **{"upload-version": 1})
    assert response.status_code == 200
    [(found_row, found_column, message)] = problems(response)
    assert (found_row, found_column) == (row, column) and words in message
    assert "bad.xlsx" in page_of(response) and 'id="upload-problems"' in page_of(response)
    plan = WorkPlan.objects.get()  # nothing of it saved
    assert plan.version == 1 and [m.progress for m in plan.months.all()][:2] == [D(9), D(18)]


def test_unreadable_cells_missing_and_repeated_months_are_each_said(cast, project):
    lines = _lines()
    lines[0][1] = "เก้า"
    lines[1][2] = "-5"
    lines[2][0] = "ต.ค. 2565"  # October twice, December missing
    lines[3][0] = "เดือนหน้า"
    lines[4][3] = "ก" * 1001
    response = upload(_client(cast.alice), project, "p.xlsx", xlsx(lines))
    found = problems(response)
    assert ("3", "B (ผลการดำเนินงานสะสมตามแผน (%))") in [f[:2] for f in found]
    assert ("4", "C (เบิกจ่ายตามแผน (บาท))") in [f[:2] for f in found]
    assert any(f[0] == "5" and "แถว 3" in f[2] for f in found)  # already on row 3
    assert any(f[0] == "6" and "ต.ค. 2569" in f[2] for f in found)  # how to write a month
    assert any(f[0] == "7" and "1001" in f[2] for f in found)
    assert any(f[0] == "—" and "ธันวาคม 2565" in f[2] and "มกราคม 2566" in f[2] for f in found)
    assert not WorkPlan.objects.exists()


def test_missing_and_unknown_columns_are_refused(cast, project):
    client = _client(cast.alice)
    lines = [line[:2] for line in _lines()]
    found = problems(upload(client, project, "p.xlsx", xlsx(lines, headers=(THAI[:2],))))
    assert found == [("1", "เบิกจ่ายตามแผน (บาท)", "ไม่มีคอลัมน์ “เบิกจ่ายตามแผน (บาท)”")]
    headers = [[*THAI[:3], "หมายเหตุ"]]
    found = problems(upload(client, project, "p.csv", csv(_lines(), headers=headers)))
    assert [f[:2] for f in found] == [("1", "D (หมายเหตุ)")]
    assert not WorkPlan.objects.exists()


def test_a_revision_by_upload_needs_a_reason_and_waits_for_approval(cast, project):
    services.plan_save(actor=cast.alice, project=project, rows=STEADY)
    report = add_report(cast.alice, project)
    report_accept(actor=cast.carol, report=report_submit(actor=cast.alice, report=report))
    client = _client(cast.alice)
    assert 'name="upload-reason"' in client.get(_url(project)).content.decode()
    lines = _lines()
    lines[5][2] = 5000
    response = upload(client, project, "rev.xlsx", xlsx(lines))
    assert response.status_code == 200 and WorkPlan.objects.count() == 1
    assert 'id="id_upload-reason_error"' in page_of(response)
    response = upload(client, project, "rev.xlsx", xlsx(lines), **{"upload-reason": "งบลด"})
    assert response.status_code == 302
    proposed = WorkPlan.objects.get(state=WorkPlan.State.PROPOSED)
    assert proposed.number == 2 and proposed.reason == "งบลด"
    assert proposed.months.get(month=MONTHS[5]).disbursement == D("5000")
    entry = AuditEntry.objects.get(action="workplans.plan.proposed")
    assert entry.changes["source_file"] == [None, "rev.xlsx"]


def test_a_stale_upload_is_refused(cast, project):
    services.plan_save(actor=cast.alice, project=project, rows=STEADY)
    changed = [Row(MONTHS[0], D("5"), D("8000")), *STEADY[1:]]
    services.plan_save(actor=cast.anna, project=project, rows=changed, version=1)
    response = upload(
        _client(cast.alice), project, "p.xlsx", xlsx(_lines()), **{"upload-version": 1}
    )
    assert response.status_code == 200 and 'id="upload-stale"' in page_of(response)
    assert WorkPlan.objects.get().months.first().progress == D("5")
    # the form now carries the version saved since: the same file goes in once uploaded again
    assert response.context["upload_form"].initial["version"] == 2
    again = upload(_client(cast.alice), project, "p.xlsx", xlsx(_lines()), **{"upload-version": 2})
    assert again.status_code == 302
    assert WorkPlan.objects.get().months.first().progress == D("9")


def test_another_agency_gets_404_and_a_reader_cannot_upload(cast, project):
    services.plan_save(actor=cast.alice, project=project, rows=STEADY)
    for fmt in ("xlsx", "csv"):
        assert _client(cast.bob).get(_url(project, "template", fmt=fmt)).status_code == 404
    assert upload(_client(cast.bob), project, "p.xlsx", xlsx(_lines())).status_code == 404
    reader = _client(cast.ed)
    assert 'name="upload-file"' not in reader.get(_url(project)).content.decode()
    assert reader.get(_url(project, "template", fmt="xlsx")).status_code == 200
    assert upload(reader, project, "p.xlsx", xlsx(_lines())).status_code == 403
    assert WorkPlan.objects.get().version == 1


def _formula_book():
    book = Workbook()
    book.active.append(THAI)
    book.active.append(["ต.ค. 2565", "=1+1", 0, ""])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _merged_book():
    book = Workbook()
    book.active.append(THAI)
    book.active.merge_cells("A2:B2")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("p.xlsx", b"\x00\xffgarbage" * 100, "ไม่ใช่สมุดงาน Excel"),
        ("p.xlsx", b"PK\x03\x04broken zip", "ไม่ใช่สมุดงาน Excel"),
        ("p.csv", b"", "ไฟล์"),
        ("p.csv", b"\xef\xbb\xbf", "ว่างเปล่า"),
        ("p.csv", "เดือน,ผล".encode("tis-620"), "TIS-620"),
        ("p.csv", b"\xff\xfe\x00garbage", "UTF-8"),
        ("p.csv", b"a,b\x00,c", "NUL"),
        ("p.csv", csv([["ต.ค. 2565", "=1+1", "0", ""]]), "สูตร"),
        ("p.csv", ("เดือน," + "x" * 200_000).encode(), "ยาว"),
        ("p.xlsx", _formula_book(), "สูตร"),
        ("p.xlsx", _merged_book(), "ผสาน"),
        ("p.xlsm", xlsx(_lines()), "แมโคร"),
        ("p.pdf", b"%PDF-1.4", ".xlsx"),
        ("p.xlsx", b"x" * (1024 * 1024 + 1), "1 MB"),
        ("p.csv", "\n".join(["เดือน"] + ["ต.ค. 2565"] * 600).encode(), "แถว"),
    ],
)
def test_no_file_makes_a_server_error_and_each_says_what_is_wrong(cast, project, name, data, words):
    response = upload(_client(cast.alice), project, name, data)
    assert response.status_code == 200
    form = response.context["upload_form"]
    said = " ".join([*(m for _r, _c, m in problems(response)), *form.errors.get("file", [])])
    assert words in said and said in page_of(response), said
    assert not WorkPlan.objects.exists()


def test_a_workbook_that_unpacks_to_too_much_is_refused(cast, project, monkeypatch):
    from tidtam.workplans import sheets

    monkeypatch.setattr(sheets, "MAX_UNPACKED", 1000)
    found = problems(upload(_client(cast.alice), project, "p.xlsx", xlsx(_lines())))
    assert [f[2] for f in found] == ["ไฟล์ใหญ่เกิน 1 MB"]
    assert not WorkPlan.objects.exists()


def test_random_bytes_never_make_a_server_error(cast, project):
    import random

    rng = random.Random(16)
    client = _client(cast.alice)
    for size in (1, 10, 1000, 5000):
        for name in ("p.xlsx", "p.csv"):
            data = bytes(rng.randrange(256) for _ in range(size))
            assert upload(client, project, name, data).status_code == 200
    assert not WorkPlan.objects.exists()


# the freeze of a plan entered after an accepted report


def test_a_first_plan_entered_after_an_accepted_report_is_frozen_at_once(cast, project):
    report = add_report(cast.alice, project)
    report_accept(actor=cast.carol, report=report_submit(actor=cast.alice, report=report))
    plan = services.plan_save(actor=cast.alice, project=project, rows=STEADY)
    plan.refresh_from_db()
    assert plan.state == WorkPlan.State.IN_FORCE and plan.frozen_at is not None
    assert AuditEntry.objects.filter(action="workplans.plan.frozen").count() == 1
    # from now on a change is a revision
    assert "เสนอปรับแผน" in page_of(_client(cast.alice).get(_url(project)))
    later = [Row(m, r.progress, D("5000")) for m, r in zip(MONTHS, STEADY, strict=True)]
    proposed = services.plan_save(actor=cast.alice, project=project, rows=later, reason="งบลด")
    assert proposed.state == WorkPlan.State.PROPOSED


def test_a_first_plan_before_any_accepted_report_stays_open_to_change(cast, project):
    report = add_report(cast.alice, project)
    report_submit(actor=cast.alice, report=report)  # submitted, not accepted
    plan = services.plan_save(actor=cast.alice, project=project, rows=STEADY)
    plan.refresh_from_db()
    assert plan.frozen_at is None
    changed = [Row(MONTHS[0], D("5"), D("8000")), *STEADY[1:]]
    again = services.plan_save(actor=cast.alice, project=project, rows=changed, version=1)
    assert again.pk == plan.pk and WorkPlan.objects.count() == 1


def test_without_the_reports_check_registered_nothing_freezes(cast, project, monkeypatch):
    """workplans knows of accepted reports only through what reports registers."""
    report = add_report(cast.alice, project)
    report_accept(actor=cast.carol, report=report_submit(actor=cast.alice, report=report))
    monkeypatch.setattr(services, "_accepted_report_checks", [])
    assert services.plan_save(actor=cast.alice, project=project, rows=STEADY).frozen_at is None
