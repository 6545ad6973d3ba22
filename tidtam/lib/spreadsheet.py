"""Cells that cannot attack the reader of a CSV or XLSX file (formula injection).

A spreadsheet reads text starting with ``= + - @``, a tab or a carriage return as a formula
(``=HYPERLINK(…)``, ``=cmd|…``). Every exporter passes each cell through ``neutralise``: such
text gets a leading apostrophe and is shown as the text it is; numbers, dates and other values
pass unchanged, so a negative amount stays a number."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
