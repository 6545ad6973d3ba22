"""The form read as a screen reader or a whole-page copy reads it (plain ``pdftotext``, no
``-layout``), page by page: reports in order with their figures, a report's summary never cut,
a continued report labelled, dates never broken, the signature's dotted lines, the QR code's
alternative text and the document's author. The sample and a 40-report form are printed once
for the module."""

import io
import re
import subprocess

import pytest
from django.db import transaction
from pypdf import PdfReader

from tidtam.documents.tests.helpers import fold, forty_reports, pdf_text
from tidtam.documents.thaiwrap import DATE

PROGRESS, BUDGET, PLAN = "ความก้าวหน้าของงาน", "งบประมาณที่เบิกใช้", "เทียบกับแผน"
DATE_LINE = "วันที่รายงาน"
pytestmark = pytest.mark.django_db  # the module's fixture needs the test database set up
# dates a line could break inside: long and short months, with and without พ.ศ., Thai digits
DATES = "ประชุมวันที่ 23 มกราคม 2561 และวันที่ ๑๒ ธ.ค. พ.ศ. ๒๕๖๖ ตรวจรับงาน 1 ต.ค. 2565 "


@pytest.fixture(scope="module")
def printed(django_db_setup, django_db_blocker) -> dict[str, bytes]:
    """The sample (4 pages, 10 reports) and a 40-report form whose narratives are full of
    dates, printed once; the database is left as it was."""
    from tidtam.devdata.demo import load_demo
    from tidtam.documents.services import form_print
    from tidtam.orgs.models import User
    from tidtam.projects.models import Project

    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        reporter = User.objects.get(username="reporter")
        sample = Project.objects.get(code="50310000-2961")
        root = User.objects.filter(is_superuser=True).first()
        project = forty_reports(
            root,
            sample.responsible_unit,
            None,
            lambda number: "".join(
                f"<p>{number}.{i} {'ดำเนินการ' * (number % 5)} {DATES * (i + number % 3)}</p>"
                for i in range(1, 5)
            ),
        )
        forms = {
            "sample": form_print(actor=reporter, projects=[sample])[2],
            "forty": form_print(actor=root, projects=[project])[2],
        }
        transaction.set_rollback(True)
    return forms


def _pages(pdf: bytes) -> list[str]:
    return pdf_text(pdf).split("\f")[:-1]


def _numbers(text: str) -> list[int]:
    """The report numbers in reading order: the number cells and the budget lines."""
    found = []
    for line in text.splitlines():
        if re.fullmatch(r"\d{1,2}", line.strip()):
            found.append(("cell", int(line)))
        elif match := re.search(rf"{BUDGET} \(ครั้งที่ (\d+)\)", line):
            found.append(("budget", int(match.group(1))))
    return found


@pytest.mark.parametrize(("form", "count"), [("sample", 10), ("forty", 40)])
def test_plain_pdftotext_reads_the_reports_in_order_each_with_its_figures(printed, form, count):
    text = pdf_text(printed[form])
    numbers = _numbers(text[text.index("รายงานครั้งที่") :])
    budgets = [n for kind, n in numbers if kind == "budget"]
    assert budgets == list(range(1, count + 1))
    # each budget line comes after its report's own number cell, before the next one's
    current = 0
    for kind, number in numbers:
        if kind == "cell" and number == current + 1:
            current = number
        elif kind == "budget":
            assert number == current, numbers
    assert current == count


@pytest.mark.parametrize("form", ["sample", "forty"])
def test_a_reports_summary_is_never_cut_across_pages(printed, form):
    for number, page in enumerate(_pages(printed[form]), start=1):
        assert page.count(PROGRESS) == page.count(BUDGET) == page.count(PLAN), number
        body = [line for line in page.splitlines() if line.strip()]
        if PLAN in page:
            first_plan = next(i for i, line in enumerate(body) if PLAN in line)
            first_progress = next(i for i, line in enumerate(body) if PROGRESS in line)
            assert first_progress < first_plan, number


def _continued(page: str) -> int | None:
    """The report whose row began on an earlier page: the page's first budget line comes
    before its first report date."""
    budget = re.search(rf"{BUDGET} \(ครั้งที่ (\d+)\)", page)
    date = page.find(DATE_LINE)
    if budget and (date < 0 or budget.start() < date):
        return int(budget.group(1))
    return None


@pytest.mark.parametrize("form", ["sample", "forty"])
def test_a_report_continued_on_the_next_page_says_so(printed, form):
    continued = 0
    for number, page in enumerate(_pages(printed[form]), start=1):
        report = _continued(page)
        labels = re.findall(r"\(ต่อ\)", page)
        if report is None:
            assert not labels, number
        else:
            continued += 1
            assert fold(f"รายงานครั้งที่ {report} (ต่อ)") in fold(page), number
            assert len(labels) == 1, number
    if form == "sample":  # report 4 runs from page 2 onto page 3
        assert continued >= 1


@pytest.mark.parametrize("form", ["sample", "forty"])
def test_dates_are_never_broken_across_lines(printed, form):
    text = pdf_text(printed[form])
    dates = [match.group() for match in DATE.finditer(text)]
    assert len(dates) >= (3 if form == "sample" else 400)
    assert [date for date in dates if "\n" in date] == []


def test_the_signature_block_has_dotted_lines_to_sign_and_after_the_position(printed):
    text = pdf_text(printed["sample"])
    assert re.search(r"\.{20,}\s*\(ผู้รับผิดชอบโครงการ\)", text)
    assert re.search(r"ตำแหน่ง\s+เจ้าพนักงานปกครองชำนาญงาน\s*\.{20,}", text)


def test_the_author_is_the_unit_and_the_print_stamp_a_keyword(printed):
    info = PdfReader(io.BytesIO(printed["sample"])).metadata
    assert info.author == "สำนักงานเขตบางซื่อ / ฝ่ายปกครอง"
    assert "พิมพ์เมื่อ" not in info.author
    assert info["/Keywords"].startswith("พิมพ์เมื่อ")


def _figures(node) -> list:
    """The structure elements of type /Figure under ``node`` (tagged PDF)."""
    node = node.get_object()
    found = [node] if node.get("/S") == "/Figure" else []
    kids = node.get("/K")
    if kids is None:
        return found
    kids = kids.get_object()
    for kid in kids if isinstance(kids, list) else [kids]:
        kid = kid.get_object()
        if hasattr(kid, "get"):
            found += _figures(kid)
    return found


def test_the_qr_code_has_alternative_text(printed):
    reader = PdfReader(io.BytesIO(printed["sample"]))
    figures = _figures(reader.trailer["/Root"]["/StructTreeRoot"])
    alts = [str(figure.get("/Alt", "")) for figure in figures]
    assert any(alt.startswith("คิวอาร์โค้ดของลิงก์ตรวจสอบเอกสาร http") for alt in alts), alts


def test_the_qr_code_on_the_printed_page_reads_as_the_verify_link(printed, tmp_path):
    """The last page drawn as a scanner sees it (poppler at 150 dpi) and read by zbar."""
    last = len(_pages(printed["sample"]))
    (tmp_path / "form.pdf").write_bytes(printed["sample"])
    subprocess.run(
        ["pdftoppm", "-r", "150", "-f", str(last), "-l", str(last), "-png", "form.pdf", "page"],
        cwd=tmp_path,
        check=True,
    )
    [image] = tmp_path.glob("page*.png")
    scanned = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(image)], capture_output=True, text=True, check=True
    )
    [link] = re.findall(r"http\S+/verify/\S+/", pdf_text(printed["sample"]))
    assert scanned.stdout.strip() == link


def test_the_qr_path_draws_exactly_the_modules_of_the_code():
    import qrcode

    from tidtam.documents.formview import qr_svg

    url = "https://tidtam.example/verify/AZH078F2KT/"
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, border=1, mask_pattern=0
    )
    code.add_data(url)
    expected = {
        (x, y) for y, row in enumerate(code.get_matrix()) for x, dark in enumerate(row) if dark
    }
    drawn = set()
    for x, y, n in re.findall(r"M(\d+) (\d+)h(\d+)v1h-\3z", qr_svg(url)):
        drawn |= {(int(x) + i, int(y)) for i in range(int(n))}
    assert drawn == expected
