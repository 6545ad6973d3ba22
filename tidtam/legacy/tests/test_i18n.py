"""The parser speaks English; screens and commands say the same in the reader's language."""

from django.utils import translation

from tidtam.legacy import i18n, messages
from tidtam.legacy.parser import parse
from tidtam.legacy.tests.helpers import sample_text


def test_templates_agree():
    assert {k: str(v) for k, v in i18n.ERRORS.items()} == messages.ERRORS
    assert {k: str(v) for k, v in i18n.WARNINGS.items()} == messages.WARNINGS


def test_thai_and_english():
    warning = parse(sample_text()).warnings[-1]
    with translation.override("th"):
        assert i18n.warning_message(warning).startswith("รายงานครั้งที่ 2 ต่อเนื่อง")
        error = messages.LegacyParseError("pdf", reason="x")
        assert i18n.error_message(error) == "แปลง PDF เป็นข้อความไม่ได้: x"
        unread = messages.warning("report_unread", line=7, last=9)
        assert i18n.warning_message(unread).startswith("บรรทัด 7–9: รายงานที่อ่านบรรทัดสรุป")
    with translation.override("en"):
        assert i18n.warning_message(warning) == warning.message
