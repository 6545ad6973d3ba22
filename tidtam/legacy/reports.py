"""Section 2 of a printout: the numbered progress reports. No Django.

The reports arrive as plain lines (first page) or as table rows ``รายงานครั้งที่N<TAB><p>…</p>``
holding HTML. A row's label is not a reliable boundary: at a page break the old system put the
tail of report N at the start of the row of report N+1. What is reliable is each report's
closing line, ``:: ความก้าวหน้าของงานฯ = 30.00 % งบประมาณที่เบิกใช้ (ครั้งที่ 2) = 0 บาท :
เป็นไปตามแผน : เป็นไปตามเป้าหมาย``: all text up to a closing line belongs to the report that the
``(ครั้งที่ N)`` names. So the rows are flattened into one stream of paragraphs, cut after each
closing line; the date at the head of each piece is the report's date, the rest its narrative.
"""

import re
from bisect import bisect_right
from decimal import Decimal
from typing import Any

from tidtam.legacy.htmltext import Fragments, has_markup
from tidtam.legacy.messages import ParseWarning, warning
from tidtam.legacy.values import BE_DATE, NUMBER, D, collapse, join_wrapped, read_amount, read_date
from tidtam.lib.thai import to_arabic_digits

# A row label: รายงานครั้งที่3, or a bare number in the first column of a table.
MARKER_RE = re.compile(rf"^(?:รายงานครั้งที่\s*(?P<n>{D}+)|(?:ครั้งที่\s*)?(?P<m>{D}+)(?=\t|\s{{2,}}))")
OPEN_TAG_RE = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?$")
CLOSING_RE = re.compile(
    rf"(?:::?\s*)?ความก้าวหน้าของงาน\s*ฯ?\s*[=:]?\s*(?P<progress>{NUMBER})\s*%?\s*"
    rf"งบประมาณที่เบิกใช้\s*(?:\(?\s*ครั้งที่\s*(?P<n>{D}+)\s*\)?)?\s*[=:]?\s*"
    rf"(?P<budget>{NUMBER})\s*(?:บาท)?"
    r"(?:\s*:?\s*(?:[^\n:=]{1,40}?:\s*)?(?P<plan>เป็นไปตามแผน|ล่าช้ากว่าแผน|เร็วกว่าแผน))?"
    r"(?:\s*:?\s*(?:[^\n:=]{1,40}?:\s*)?(?P<target>ไม่เป็นไปตามเป้าหมาย|เป็นไปตามเป้าหมาย))?"
)
DATE_RE = re.compile(
    rf"^(?:::?\s*)?(?:[^\d\n:=]{{1,40}}:\s*)?(?P<date>{BE_DATE}|\d{{4}}-\d{{1,2}}-\d{{1,2}}(?:\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?)"
    r"\s*:?\s*"
)
HEADER_WORDS = ("ครั้งที่", "วันที่", "ความก้าวหน้า", "งบประมาณ", "สถานะ", "ผลการดำเนินงาน")
PLAN_STATUS = {
    "เป็นไปตามแผน": "on_plan",
    "ล่าช้ากว่าแผน": "behind_plan",
    "เร็วกว่าแผน": "ahead_of_plan",
}
TARGET_STATUS = {"เป็นไปตามเป้าหมาย": "on_target", "ไม่เป็นไปตามเป้าหมาย": "off_target"}

Piece = tuple[str, int, bool]  # a paragraph, its line, whether it continues the one before


class RowReader:
    """Collects the lines of section 2 as one list of paragraphs."""

    def __init__(self) -> None:
        self.pieces: list[Piece] = []
        self.markers: list[tuple[int, int, int]] = []  # (piece index, row number, line)
        self.fragments = Fragments()
        self.carry = ""  # a tag cut at the end of a wrapped line, "<ul style="
        self.carry_line = 0
        self.joined: list[tuple[int, int]] = []  # (line of a cut tag, line it was joined to)
        self.header = ""  # the column titles of a table of reports, repeated on every page
        self.header_lines: list[int] = []

    def add(self, raw: str, line: int) -> None:
        """One line of section 2; a row label ``รายงานครั้งที่N`` is noted and dropped."""
        marker = MARKER_RE.match(raw)
        if self._is_header(raw, marker):
            self.header_lines.append(line)
            return
        if self.carry and not marker:
            raw = f"{self.carry} {raw}"
            self.joined.append((self.carry_line, line))
        self.carry = ""
        cut = OPEN_TAG_RE.search(raw)
        if cut:
            raw, self.carry, self.carry_line = raw[: cut.start()], cut.group(), line
        if marker:
            number = int(to_arabic_digits(marker.group("n") or marker.group("m")))
            self.markers.append((len(self.pieces), number, line))
            raw = raw[marker.end() :]
        if has_markup(raw):
            texts, continues = self.fragments.lines(raw)
        else:
            texts, continues = [collapse(raw)], self.fragments.open and not marker
        for index, text in enumerate(texts):
            if text:
                glue = continues and index == 0 and bool(self.pieces)
                self.pieces.append((text, line, glue))

    def _is_header(self, raw: str, marker) -> bool:
        """A line without a digit, naming columns, before the first report: the table's
        column titles (repeated on every page)."""
        text = collapse(raw)
        if self.header:
            return text == self.header
        if marker or self.pieces or self.carry or any(c.isdigit() for c in text):
            return False
        if sum(word in text for word in HEADER_WORDS) < 2:
            return False
        self.header = text
        return True


def read_reports(
    rows: RowReader, warnings: list[ParseWarning]
) -> tuple[list[dict[str, Any]], dict[int, list[str]], int | None]:
    """The reports, where each line went, and the line of an unfinished report (or None)."""
    pieces, markers = rows.pieces, rows.markers
    parts: list[str] = []
    starts, offset = [], 0
    for text, _line, glue in pieces:
        if parts:
            separator = "\n"
            if glue:
                separator = "" if join_wrapped(parts[-1], text) == parts[-1] + text else " "
            parts.append(separator)
            offset += len(separator)
        starts.append(offset)
        parts.append(text)
        offset += len(text)
    stream = "".join(parts)
    reports: list[dict[str, Any]] = []
    spans: list[tuple[int, int, int]] = []
    used: dict[int, list[str]] = {}
    begin = 0
    for closing in CLOSING_RE.finditer(stream):
        number = _number(closing, reports, warnings)
        date, narrative = _segment(stream[begin : closing.start()])
        reports.append(_report(number, date, narrative, closing, warnings))
        first = (
            begin
            + len(stream[begin : closing.start()])
            - len(stream[begin : closing.start()].lstrip())
        )
        spans.append((first, closing.end(), number))
        for index in range(
            bisect_right(starts, first) - 1, bisect_right(starts, closing.end() - 1)
        ):
            used.setdefault(pieces[index][1], []).append(f"report {number}")
        begin = closing.end()
    for line in rows.header_lines:
        used.setdefault(line, []).append("heading")
    for source, target in rows.joined:
        for name in used.get(target, []):
            if name not in used.setdefault(source, []):
                used[source].append(name)
    for index, row, line in markers:
        used.setdefault(line, []).append(f"report {row}")
        _note_joined(index, row, line, pieces, starts, spans, warnings)
    tail = stream[begin:]
    if tail.strip():
        at = bisect_right(starts, begin + len(tail) - len(tail.lstrip())) - 1
        return reports, used, pieces[max(at, 0)][1]
    return reports, used, None


def _number(closing: re.Match, reports: list, warnings: list[ParseWarning]) -> int:
    if closing.group("n"):
        return int(to_arabic_digits(closing.group("n")))
    number = (reports[-1]["number"] + 1) if reports else 1
    warnings.append(warning("report_number_missing", number=number))
    return number


def _segment(text: str) -> tuple[Any, list[str]]:
    lines = [line for line in (collapse(part) for part in text.split("\n")) if line]
    if lines:
        match = DATE_RE.match(lines[0])
        date = read_date(match.group("date")) if match else None
        if date is not None:
            rest = lines[0][match.end() :].strip()
            return date, ([rest] if rest else []) + lines[1:]
    for index, line in enumerate(lines):
        match = DATE_RE.match(line)
        if match and match.end() == len(line) and read_date(match.group("date")):
            return read_date(match.group("date")), lines[:index] + lines[index + 1 :]
    return None, lines


def _report(number: int, date, narrative: list[str], closing: re.Match, warnings: list):
    report = {
        "number": number,
        "date": date.isoformat() if date else None,
        "progress_percent": _amount(closing.group("progress")),
        "budget_disbursed": _amount(closing.group("budget")),
        "plan_status": PLAN_STATUS.get(closing.group("plan") or ""),
        "target_status": TARGET_STATUS.get(closing.group("target") or ""),
        "narrative": "\n".join(narrative),
    }
    if date is None:
        warnings.append(warning("report_date_missing", number=number))
    for name in ("plan_status", "target_status"):
        if report[name] is None:
            warnings.append(warning("report_status_missing", number=number, field=name))
    if not narrative:
        warnings.append(warning("report_narrative_empty", number=number))
    return report


def _amount(text: str) -> str | None:
    value = read_amount(text)
    return None if value is None else str(value)


def _note_joined(index, row, line, pieces, starts, spans, warnings) -> None:
    """A row that starts with the tail of an earlier report: say so."""
    if index >= len(pieces) or pieces[index][1] != line:
        return
    for first, end, number in spans:
        if first <= starts[index] < end and number != row:
            if not DATE_RE.match(pieces[index][0]):
                warnings.append(warning("report_joined", line=line, number=number, row=row))
            return


def check(reports: list[dict[str, Any]], project: dict[str, Any], warnings: list) -> None:
    numbers = [report["number"] for report in reports]
    if numbers != list(range(1, len(reports) + 1)):
        warnings.append(
            warning(
                "report_numbers",
                numbers=", ".join(str(n) for n in numbers),
                count=len(reports),
            )
        )
    previous = None
    for report in reports:
        progress = report["progress_percent"]
        if progress is not None:
            if previous is not None and Decimal(progress) < previous:
                warnings.append(warning("progress_down", number=report["number"], value=progress))
            previous = Decimal(progress)
        start, end, date = project["start_date"], project["end_date"], report["date"]
        if date and start and end and not start <= date <= end:
            warnings.append(warning("report_outside", number=report["number"], date=date))
    used = project.get("budget_used")
    if used is not None and all(r["budget_disbursed"] for r in reports):
        total = sum((Decimal(r["budget_disbursed"]) for r in reports), Decimal("0.00"))
        if Decimal(used) != total:
            warnings.append(warning("budget_used", used=used, total=str(total)))
