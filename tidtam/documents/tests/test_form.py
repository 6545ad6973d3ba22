"""The printed form: every field, every report, page by page."""

import hashlib
import io
import json
import re
from collections import Counter

from pypdf import PdfReader

from tidtam.core import audit
from tidtam.documents.models import PrintedForm
from tidtam.documents.richtext import blocks_text, to_blocks
from tidtam.documents.services import form_print
from tidtam.documents.tests.helpers import (
    READERS,
    body_text,
    fold,
    forty_reports,
    found,
    pdf_text,
    thai_letters,
)

TITLE = "แบบแสดงรายงานความก้าวหน้าและข้อมูลเกี่ยวกับโครงการ"
TABLE_HEADER = ["รายงานครั้งที่", "วันที่ ผลการดำเนินงาน ความก้าวหน้า งบประมาณ และสถานะ"]


def _print(actor, project):
    filename, content_type, pdf = form_print(actor=actor, projects=[project])
    return filename, content_type, pdf


def _assert_every_reader_reads(pdf: bytes, fields: list[str], repeated: list[str]) -> None:
    """poppler, PDFium (Chrome) and MuPDF each give every field exactly (NFKC, whitespace
    folded), the same Thai letters as poppler (none doubled, none lost), and each one's
    own search finds the words officers look for."""
    letters = Counter(thai_letters(pdf_text(pdf)))
    for reader, read in READERS.items():
        folded = fold(body_text(pdf, repeated, read)).replace("•", "")
        for field in fields:
            assert fold(field) in folded, (reader, field)
        assert Counter(thai_letters(read(pdf))) == letters, reader
        for word in ["ซึ่ง", "ครั้งที่", "ทั่ว"]:
            assert found(pdf, reader, word), (reader, word)


def test_the_sample_prints_every_field_and_all_ten_reports(sample, reporter):
    filename, content_type, pdf = _print(reporter, sample)
    assert content_type == "application/pdf"
    assert filename.startswith("tidtam-form-50310000-2961-") and filename.endswith(".pdf")
    text = pdf_text(pdf)
    for expected in [
        TITLE,
        "1. ชื่อโครงการและหน่วยงานที่รับผิดชอบโครงการ",
        "1.1 รหัสโครงการและชื่อโครงการ",
        "ชื่อโครงการ/กิจกรรม :",
        "50310000-2961",
        "ปีงบประมาณ พ.ศ. :",
        "2566",
        "เริ่มต้นโครงการ : 1 ต.ค. 2565",
        "สิ้นสุดโครงการ : 30 ก.ย. 2566",
        "งบประมาณที่ได้รับ : 0.00 บาท",
        "งบประมาณที่ใช้ไป : 0.00 บาท",
        "1.2 หน่วยงานที่รับผิดชอบ",
        "สำนักงานเขตบางซื่อ / ฝ่ายปกครอง",
        "นางสาวอรนิชา ศาลิคุปต์",
        "1.3 หลักการและเหตุผล",
        "1.4 วัตถุประสงค์ของโครงการ",
        "1.5 เป้าหมายของโครงการ",
        "1.6 สนับสนุนแผนพัฒนา กทม. ระยะ 20 ปี",
        "ยุทธศาสตร์ที่ ๗ – การสร้างความเป็นมืออาชีพในการบริหารจัดการมหานคร",
        "๗.๓ - การบริหารทรัพยากรบุคคล",
        "2. รายงานความก้าวหน้าของโครงการและการใช้จ่ายงบประมาณ",
        "ขอรับรองว่า ข้อมูลที่ปรากฏในเอกสารฉบับนี้ หน่วยงานได้จัดพิมพ์จากระบบงานจริง",
        "(ผู้รับผิดชอบโครงการ)",
        "(นายสมชาย ใจดี)",
        "ตำแหน่ง",
        "เจ้าพนักงานปกครองชำนาญงาน",
        "โดย นายสมชาย ใจดี",
    ]:
        assert expected in text, expected
    # no raw tags, no ISO dates, no "?" for a dash outside the code page
    assert "<p>" not in text and "</" not in text
    assert "2022-10-01" not in text and "00:00:00" not in text
    assert "?" not in text
    folded = fold(body_text(pdf, [TITLE, sample.code, *TABLE_HEADER]))
    for field in [sample.name, sample.rationale, sample.objectives, sample.targets]:
        assert fold(blocks_text(to_blocks(field))) in folded
    assert fold("๗.๓.๒ กรุงเทพมหานครมีระบบบริหารทรัพยากรบุคคลเข้มแข็งเอื้อต่อความเป็นธรรม") in folded
    assert fold("มิติที่1 (2566) ระดับความสำเร็จของการประเมินคุณธรรมและความโปร่งใส") in folded
    reports = list(sample.reports.order_by("number"))
    assert len(reports) == 10
    for report in reports:
        assert fold(f"วันที่รายงาน : {report.date:%d/%m}/{report.date.year + 543}") in folded
        assert fold(blocks_text(to_blocks(report.narrative))) in folded
        assert fold(f"ความก้าวหน้าของงานฯ = {report.progress_percent} %") in folded
        assert fold(f"งบประมาณที่เบิกใช้ (ครั้งที่ {report.number}) = 0.00 บาท") in folded
    assert text.count("เทียบกับแผน : เป็นไปตามแผน") == 10
    assert text.count("เทียบกับเป้าหมาย : เป็นไปตามเป้าหมาย") == 10
    progress = re.findall(r"ความก้าวหน้าของงานฯ = ([\d.]+) %", pdf_text(pdf, layout=True))
    assert progress == [
        "20.00", "30.00", "40.00", "45.00", "60.00", "80.00", "90.00", "94.00", "95.00", "100.00"
    ]  # fmt: skip
    pages = text.split("\f")[:-1]
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert TITLE in page
        assert f"หน้า {number}/{len(pages)}" in page


def test_every_reader_reads_the_sample_exactly_and_finds_its_words(sample, reporter):
    _name, _type, pdf = _print(reporter, sample)
    fields = [
        sample.name,
        "สำนักงานเขตบางซื่อ / ฝ่ายปกครอง",
        *(blocks_text(to_blocks(f)) for f in [sample.rationale, sample.objectives, sample.targets]),
        "๗.๓.๒ กรุงเทพมหานครมีระบบบริหารทรัพยากรบุคคลเข้มแข็งเอื้อต่อความเป็นธรรม",
        *(blocks_text(to_blocks(report.narrative)) for report in sample.reports.all()),
    ]
    _assert_every_reader_reads(pdf, fields, [TITLE, sample.code, *TABLE_HEADER])
    for reader in READERS:
        assert found(pdf, reader, "กิจกรรมการประเมินคุณธรรมและความโปร่งใส"), reader


def test_each_print_is_a_snapshot_attached_to_the_pdf_with_its_hash(sample, reporter):
    _name, _type, pdf = _print(reporter, sample)
    printed = PrintedForm.objects.get()
    assert printed.project == sample and printed.printed_by == reporter
    assert printed.sha256 == hashlib.sha256(printed.data.encode()).hexdigest()
    reader = PdfReader(io.BytesIO(pdf))
    attachments = reader.attachments
    name = f"tidtam-{sample.code}-{printed.code}.json"
    assert list(attachments) == [name]
    (content,) = attachments[name]
    assert hashlib.sha256(content).hexdigest() == printed.sha256
    snapshot = json.loads(content)
    assert snapshot["verification_code"] == printed.code
    assert snapshot["printed_by"] == "นายสมชาย ใจดี"
    assert snapshot["project"]["code"] == sample.code
    assert len(snapshot["project"]["reports"]) == 10
    text = pdf_text(pdf)
    assert printed.code in text and printed.sha256 in text
    assert f"/verify/{printed.code}/" in text
    metadata = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert "pdfaid:part" in metadata and "3" in metadata  # PDF/A-3 (Typst's own export)
    assert audit.history(sample).filter(action="documents.form.printed").exists()


def test_forty_long_reports_repeat_the_headers_and_lose_no_text(cast):
    sentence = (
        "ดำเนินการเก็บรวบรวมข้อมูลแบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายในตามแบบประเมินที่"
        "กำหนด ทั่วถึงซึ่งเป้าหมาย น้ำ ผู้ "
    )
    project = forty_reports(
        cast.root,
        cast.a_admin,
        cast.carol,
        lambda number: (
            "".join(f"<p>{number}.{i} {sentence * 3}</p>" for i in range(1, 5))
            + f"<ul><li>สรุปครั้งที่ {number}</li></ul>"
        ),
    )
    _name, _type, pdf = form_print(actor=cast.alice, projects=[project])
    text = pdf_text(pdf)
    pages = text.split("\f")[:-1]
    assert 20 <= len(pages) <= 40
    continued = 0
    for number, page in enumerate(pages, start=1):
        assert TITLE in page, number
        assert f"หน้า {number}/{len(pages)}" in page
        if "2. รายงานความก้าวหน้า" not in page and "ขอรับรองว่า" not in page:
            assert all(header in page for header in TABLE_HEADER), number  # header repeats
            continued += 1
    assert continued >= len(pages) - 3
    # the bullets are the template's list markers, not text of the report
    folded = fold(body_text(pdf, [TITLE, project.code, *TABLE_HEADER])).replace("•", "")
    for report in project.reports.all():
        assert fold(blocks_text(to_blocks(report.narrative))) in folded, report.number
    assert "ทั่ทั่" not in text and "ซึ่ซึ่" not in text
    narratives = [blocks_text(to_blocks(report.narrative)) for report in project.reports.all()]
    _assert_every_reader_reads(pdf, narratives, [TITLE, project.code, *TABLE_HEADER])
    assert "งบประมาณที่ได้รับ : 1,234,567.50 บาท" in text
    assert "งบประมาณที่ใช้ไป : 40,010.00 บาท" in text


def test_several_projects_print_as_one_pdf_each_paged_on_its_own(demo, sample):
    from tidtam.orgs.models import User
    from tidtam.projects.models import Project

    admin = User.objects.get(username="admin")
    projects = [sample, *Project.objects.exclude(pk=sample.pk).order_by("code")[:2]]
    filename, _type, pdf = form_print(actor=admin, projects=projects)
    assert filename.startswith("tidtam-form-3-projects-")
    text = pdf_text(pdf)
    assert PrintedForm.objects.count() == 3
    assert len(PdfReader(io.BytesIO(pdf)).attachments) == 3
    pages = text.split("\f")[:-1]
    firsts = [i for i, page in enumerate(pages) if "1. ชื่อโครงการ" in page]
    assert len(firsts) == 3
    for start in firsts:
        assert "หน้า 1/" in pages[start]
