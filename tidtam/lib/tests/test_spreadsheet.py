from decimal import Decimal

from tidtam.lib.spreadsheet import neutralise


def test_text_a_spreadsheet_would_run_is_made_plain_text():
    for risky in ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]:
        assert neutralise(risky) == "'" + risky
    for plain in ["โครงการขุดลอกคลอง", "50310000-2961", "", " =not first"]:
        assert neutralise(plain) == plain


def test_numbers_and_other_values_pass_unchanged():
    for value in [Decimal("-9.30"), -5, 0.5, None]:
        assert neutralise(value) is value
