import datetime as dt
from decimal import Decimal

import pytest

from tidtam.lib import money, richtext, thai


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("16/01/2566", dt.date(2023, 1, 16)),
        ("๑๖/๐๑/๒๕๖๖", dt.date(2023, 1, 16)),
        ("7.9.2566", dt.date(2023, 9, 7)),
        ("2022-10-01", dt.date(2022, 10, 1)),
        ("2022-10-01 00:00:00", dt.date(2022, 10, 1)),
        ("15122566", dt.date(2023, 12, 15)),  # a phone keypad has no slash
        ("๑๕๑๒๒๕๖๖", dt.date(2023, 12, 15)),
    ],
)
def test_parse_date_reads_buddhist_era_and_thai_digits(text, expected):
    assert thai.parse_date(text) == expected


@pytest.mark.parametrize(
    "text", ["31/02/2566", "16/01", "abc", "", "32/01/2566", "1512566", "151225660", "31022566"]
)
def test_parse_date_refuses_what_is_not_a_date(text):
    with pytest.raises(ValueError):
        thai.parse_date(text)


@pytest.mark.parametrize("text", ["15/12/2023", "15122023", "๑๕/๑๒/๒๐๒๓"])
def test_parse_date_refuses_a_christian_era_year_offering_the_buddhist_one(text):
    with pytest.raises(thai.ChristianEraYear) as refused:
        thai.parse_date(text)
    assert (refused.value.year, refused.value.suggestion) == (2023, "15/12/2566")


def test_parse_date_says_a_christian_era_non_date_is_no_date():
    with pytest.raises(ValueError) as refused:
        thai.parse_date("31/02/2023")
    assert not isinstance(refused.value, thai.ChristianEraYear)


def test_formats_buddhist_era_dates():
    day = dt.date(2023, 1, 16)
    assert thai.format_date_short(day) == "16/01/2566"
    assert thai.format_date_long(day) == "16 ม.ค. 2566"
    assert thai.format_date_full(day) == "16 มกราคม 2566"


def test_fiscal_year_runs_october_to_september():
    assert thai.fiscal_year_bounds(2566) == (dt.date(2022, 10, 1), dt.date(2023, 9, 30))
    assert thai.fiscal_year_of(dt.date(2022, 9, 30)) == 2565
    assert thai.fiscal_year_of(dt.date(2022, 10, 1)) == 2566
    assert thai.fiscal_year_of(dt.date(2023, 9, 30)) == 2566


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,250.50", Decimal("1250.50")),
        ("๑,๒๕๐.๕๐", Decimal("1250.50")),
        ("20.00 %", Decimal("20.00")),
        ("0 บาท", Decimal("0")),
        ("-3", Decimal("-3")),
    ],
)
def test_parse_decimal_accepts_thai_digits_and_separators(text, expected):
    assert money.parse_decimal(text) == expected


@pytest.mark.parametrize("text", ["abc", "12a", "1.2.3", "", "NaN", "Infinity", "1e5"])
def test_parse_decimal_refuses_letters(text):
    with pytest.raises(ValueError):
        money.parse_decimal(text)


def test_money_rounds_half_up_and_groups_thousands():
    assert money.format_baht(Decimal("1234567.005")) == "1,234,567.01"
    assert money.format_percent(Decimal("95.515")) == "95.52"


def test_sanitize_keeps_paragraphs_and_lists_and_drops_scripts_and_styles():
    cleaned = richtext.sanitize(
        '<p>ก</p><ul style="color:red"><li>ข</li></ul><script>alert(1)</script><ol><li>ค</li></ol>'
    )
    assert cleaned == "<p>ก</p><ul><li>ข</li></ul><ol><li>ค</li></ol>"


def test_sanitize_turns_plain_lines_into_paragraphs_without_losing_characters():
    assert richtext.sanitize("หนึ่ง\n\nสอง < สาม & สี่") == "<p>หนึ่ง</p><p>สอง &lt; สาม &amp; สี่</p>"


def test_disallowed_markup_names_what_would_be_removed():
    assert richtext.disallowed_markup("<p onclick='x'>a</p><script>b</script>") == [
        "<p onclick=…>",
        "<script>",
    ]
    assert richtext.disallowed_markup("<p>a</p><ul><li>b</li></ul>") == []


def test_editable_text_round_trips_through_sanitize():
    stored = richtext.sanitize("บรรทัดแรก\nบรรทัดที่สอง & อื่น ๆ")
    assert richtext.sanitize(richtext.to_editable(stored)) == stored


def test_lines_break_between_thai_words_only():
    text = "๘ มหานครแห่งเศรษฐกิจและการเรียนรู้"
    cut = thai.lines(text, 16)
    assert len(cut) > 1 and all(len(line) <= 16 for line in cut)
    assert "".join(cut).replace(" ", "") == text.replace(" ", "")  # no word lost
    assert "เศรษฐกิจ" in "|".join(cut)  # the word is whole on one line
    assert thai.lines("สำนักงานเขตบางซื่อ", 40) == ["สำนักงานเขตบางซื่อ"]
    assert thai.lines("ป้อมปราบศัตรูพ่าย", 3)[0] != "ป"  # a long word stays whole


def test_the_dictionary_finds_the_words_pythainlps_trie_finds():
    """newmm reads the word list through ``prefixes``: the sorted list must give, at every
    position of a text made of dictionary words, what PyThaiNLP's own trie gives."""
    import random

    from pythainlp.corpus.common import thai_words
    from pythainlp.util import Trie

    words = thai_words()
    ours, theirs = thai.Dictionary(words), Trie(words)
    assert len(ours) == len(theirs)
    text = "".join(random.Random(1).sample(sorted(words), 1500)) + "โครงการพัฒนา abc ๑๒"
    for start in range(len(text)):
        assert ours.prefixes(text, start) == theirs.prefixes(text, start), start
    assert "โครงการ" in ours and "โครงก" not in ours and "" not in ours


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("โครงการพัฒนาคุณภาพชีวิต", ("โครงการ", "พัฒนา", "คุณภาพชีวิต")),
        ("โครงการปรับปรุงภูมิทัศน์", ("โครงการ", "ปรับปรุง", "ภูมิทัศน์")),
        ("กิจกรรมการประเมิน", ("กิจกรรม", "การประเมิน")),  # กิจกรรมการ is no word
        ("บริการการแพทย์", ("บริการ", "การแพทย์")),
    ],
)
def test_project_names_are_cut_where_officers_read_the_words(text, expected):
    assert thai.words(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("เด็กๆ เล่น", ("เด็กๆ", " ", "เล่น")),
        ("ปัญหาต่าง ๆ ที่พบ", ("ปัญหา", "ต่าง ๆ", " ", "ที่", "พบ")),
        ("ถนนดี ๆ", ("ถนน", "ดี ๆ")),
        ("กรุงเทพฯ และ", ("กรุงเทพฯ", " ", "และ")),
        (" ๆ", (" ", "ๆ")),  # nothing before it to repeat: left alone
    ],
)
def test_a_repetition_mark_stays_with_its_word(text, expected):
    assert thai.words(text) == expected
    assert "".join(thai.words(text)) == text


def test_the_form_keeps_every_thai_word_whole_and_the_rest_free():
    text = "ปี 2566 เด็ก ๆ ได้เรียน (ITA) กรุงเทพมหานคร"
    pieces = thai.word_pieces(text, 1)
    assert "".join(piece for piece, _whole in pieces) == text
    assert [piece for piece, whole in pieces if whole] == [
        "ปี", "เด็ก ๆ", "ได้", "เรียน", "กรุงเทพมหานคร",
    ]  # fmt: skip
    # the web pages keep only words of 4 letters or more whole
    assert [piece for piece, whole in thai.word_pieces(text) if whole] == [
        "เด็ก ๆ", "เรียน", "กรุงเทพมหานคร",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("สำนักงาน", "ส\u0e4d\u0e32นักงาน"),  # sara am as one letter or as nikhahit + sara aa
        ("น้ำท่วม", "น\u0e4d\u0e49\u0e32ท่วม"),  # a tone mark typed between them
        ("น้ำท่วม", "น\u0e49\u0e4d\u0e32ท่วม"),  # or before the nikhahit
        ("ปี ๒๕๖๖", "ปี 2566"),
        ("๕๐๓๑๐๐๐๐-๒๙๖๑", "50310000-2961"),
        ("ABC", "abc"),
    ],
)
def test_search_key_folds_digits_sara_am_and_case(typed, stored):
    assert thai.search_key(typed) == thai.search_key(stored)


def test_search_key_keeps_other_text():
    assert thai.search_key("ถนนพหลโยธิน ซอย 5") == "ถนนพหลโยธิน ซอย 5"
    assert thai.search_key("กำ") != thai.search_key("กา")
