"""Every real printout: any separator in a closing line, inline list blocks, and a printout
with one unreadable report read in part (exit 1), imported only when that is confirmed."""

import json
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from tidtam.core import audit
from tidtam.legacy.actions import PRINTOUT_IMPORTED
from tidtam.legacy.models import LegacyImport
from tidtam.legacy.parser import parse
from tidtam.legacy.services import import_printout
from tidtam.legacy.tests.helpers import covered, sample_text
from tidtam.projects.models import Project

SEPARATORS = [
    "variant-g-colon-separator.txt",  # the second export: ":" where the first has "%"
    "variant-h-mixed-separators.txt",  # , ; | tab ： none %: Thai digits ％ and no spaces
    "variant-i-pipe-separators.txt",  # "|" between every field, the statuses too
]
MANGLED = "= สี่สิบห้า งบประมาณ"  # report 4's progress in words: its closing line is unreadable


def mangled(text: str | None = None) -> str:
    text = text or sample_text()
    assert text.count("= 45.00 % งบประมาณ") == 1
    return text.replace("= 45.00 % งบประมาณ", MANGLED)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize("name", SEPARATORS)
def test_every_separator_reads_like_the_first_export(name):
    result = parse(sample_text(name))
    assert covered(result) and not result.partial
    assert result.to_dict() == parse(sample_text()).to_dict()


def test_inline_list_blocks_read_like_list_items():
    result = parse(sample_text("variant-j-inline-lists.txt"))
    assert result.to_dict() == parse(sample_text("variant-c-lists-page-break.txt")).to_dict()
    assert result.reports[1]["narrative"].splitlines() == [
        "1. งานเสาเข็มแล้วเสร็จ",
        "2. งานฐานรากแล้วเสร็จก่อนกำหนด",
        "3. เริ่มงานตอม่อ",  # the list went on in the next row, after a page break
    ]


def test_one_unreadable_report_leaves_the_others():
    result = parse(mangled())
    assert covered(result) and result.partial
    assert [r["number"] for r in result.reports] == [1, 2, 3, 5, 6, 7, 8, 9, 10]
    assert result.reports[3]["date"] == "2023-04-21"  # report 5 keeps its own date
    assert [item["line"] for item in result.unparsed] == [114]
    assert result.unparsed[0]["text"].startswith("รายงานครั้งที่4\t<p>:: 22/03/2566 :</p>")
    assert [(part["line"], part["last"]) for part in result.missing] == [(114, 114)]
    assert "report_unread" in [w.code for w in result.warnings]


@pytest.mark.parametrize(
    ("change", "numbers", "lines"),
    [
        # report 1's closing line on page one, its status lines apart: all of it left out
        (("= 20.00 % งบ", "= ?? งบ"), [2, 3, 4, 5, 6, 7, 8, 9, 10], list(range(71, 100, 2))),
        # report 2 runs over a page break into the row of report 3, which is still read
        (("= 30.00 % งบ", "= ?? งบ"), [1, 3, 4, 5, 6, 7, 8, 9, 10], [101, 103, 105, 113]),
        # report 7 lost its closing line: its text would run into report 8's
        ((":: ความก้าวหน้าของงานฯ = 90.00 % งบประมาณที่เบิกใช้ (ครั้งที่ 7) = 0 บาท", ""), None, [117]),
        # the last report lost its closing line
        ((":: ความก้าวหน้าของงานฯ = 100.00 % งบประมาณที่เบิกใช้ (ครั้งที่ 10) = 0 บาท", ""), None, [120]),
    ],
)
def test_where_an_unreadable_report_lies(change, numbers, lines):
    text = sample_text()
    assert text.count(change[0]) == 1
    result = parse(text.replace(*change))
    assert covered(result) and result.partial
    assert [item["line"] for item in result.unparsed] == lines
    if numbers:
        assert [r["number"] for r in result.reports] == numbers
    assert len(result.reports) == 9
    expected = {r["date"]: r for r in parse(text).reports}
    for report in result.reports:  # what was read, was read right
        assert report == expected[report["date"]]


def run_command(name, *args, **kwargs):
    out, err = StringIO(), StringIO()
    try:
        call_command(name, *args, stdout=out, stderr=err, **kwargs)
    except CommandError as error:
        return error.returncode, out.getvalue(), err.getvalue() + str(error)
    return 0, out.getvalue(), err.getvalue()


def test_parse_legacy_exit_codes(tmp_path):
    partial, whole, other = tmp_path / "p.txt", tmp_path / "g.txt", tmp_path / "x.txt"
    partial.write_text(mangled(), encoding="utf-8")
    whole.write_text(sample_text(SEPARATORS[0]), encoding="utf-8")
    other.write_text("Minutes of the meeting\nNothing to do with projects.\n", encoding="utf-8")
    code, out, message = run_command("parse_legacy", str(partial))
    assert code == 1
    data = json.loads(out)
    assert len(data["reports"]) == 9 and [u["line"] for u in data["unparsed"]] == [114]
    assert str(partial) in message and "1 report could not be read" in message
    assert "(lines 114)" in message
    assert run_command("parse_legacy", str(whole))[0] == 0
    code, out, message = run_command("parse_legacy", str(other))
    assert (code, out) == (2, "") and "not a printout" in message


@pytest.mark.django_db
def test_import_legacy_refuses_a_partial_printout_without_the_flag(cast, tmp_path):
    path = tmp_path / "p.txt"
    path.write_text(mangled(), encoding="utf-8")
    code, _out, message = run_command("import_legacy", str(path), "--user", "root")
    assert code == 1 and "--accept-partial" in message
    assert f"{path}:114: รายงานครั้งที่4 :: 22/03/2566 : - ดำเนินการ" in message  # what is missing
    assert not Project.objects.exists() and not LegacyImport.objects.exists()

    code, out, message = run_command("import_legacy", str(path), "--accept-partial")
    assert code == 0, message
    assert "(lines 114)" in message  # still said, on stderr
    project = Project.objects.get()
    assert list(project.reports.values_list("number", flat=True)) == [1, 2, 3]
    assert "Reports 5, 6, 7, 8, 9, 10 are not imported" in out
    entry = audit.history(project).get(action=PRINTOUT_IMPORTED.name)
    assert entry.field_changes["partial"] == [None, "114"]


@pytest.mark.django_db
def test_a_partial_import_fills_in_once_the_missing_report_is_in(cast):
    import_printout(actor=cast.root, parsed=parse(sample_text()), source_name="a.txt")
    outcome = import_printout(
        actor=cast.root, parsed=parse(mangled()), source_name="b.txt", accept_partial=True
    )
    assert not outcome.changed  # report 4 is there: 5 to 10 are the same
    assert "Reports 4 are in tidtam but not in the printout" in outcome.notes[0]


@pytest.mark.django_db
def test_the_service_refuses_an_unconfirmed_partial_import(cast):
    with pytest.raises(ValidationError, match="confirmed what will be missing"):
        import_printout(actor=cast.root, parsed=parse(mangled()), source_name="p.txt")
    assert not Project.objects.exists()


@pytest.mark.django_db
def test_the_page_shows_what_will_be_missing_and_asks_first(client, cast):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tidtam.core.testing import page_of

    client.force_login(cast.root)
    upload = SimpleUploadedFile("p.txt", mangled().encode())
    page = page_of(client.post(reverse("legacy:upload"), {"file": upload}))
    assert 'id="missing"' in page and 'href="#line-114"' in page
    assert 'name="accept_partial"' in page and "นำเข้าส่วนที่อ่านได้" in page
    assert "รายงานครั้งที่ 5, 6, 7, 8, 9, 10 ไม่ได้นำเข้า" in page  # the dry run says so
    assert not Project.objects.exists()

    posted = {"source": mangled(), "name": "p.txt"}
    response = client.post(reverse("legacy:import"), posted)  # the box not ticked
    assert response.status_code == 200
    page = page_of(response)
    assert 'class="error-summary"' in page and 'id="id_accept_partial_error"' in page
    assert not Project.objects.exists()

    response = client.post(reverse("legacy:import"), {**posted, "accept_partial": "on"})
    assert response.status_code == 302
    assert Project.objects.get().reports.count() == 3
    entry = LegacyImport.objects.get()
    assert entry.file_name == "p.txt"


def test_a_pdf_text_read_in_part_tries_the_other_mode(monkeypatch):
    """The second pdftotext mode runs when the first text reads only in part, and wins when it
    reads completely; when neither does, the first partial reading is kept."""
    from tidtam.legacy import sources

    texts = {"-layout": mangled(), "": sample_text()}
    monkeypatch.setattr(sources, "pdf_text", lambda data, mode: texts["".join(mode)])
    result, text = sources.parse_bytes(b"%PDF-1.4 stand-in")
    assert not result.partial and text == sample_text()
    texts[""] = mangled().replace("= 60.00 % งบประมาณ", MANGLED)
    result, text = sources.parse_bytes(b"%PDF-1.4 stand-in")
    assert result.partial and text == mangled()
