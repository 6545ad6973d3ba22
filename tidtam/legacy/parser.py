"""Read a printout of the old system — the text of its PDF — into the fields of tidtam.

``parse(text)`` returns a :class:`ParsedPrintout`; ``.to_dict()`` is the JSON of issue 4.
Nothing is lost: every non-empty line is consumed into a field, recognised as furniture of the
form (page headers, section headings, the certification page) or listed in ``unparsed`` with its
line number; a report that cannot be read is left out with a warning and its lines listed
there too (a *partial* parse). Input that is not a printout at all raises
:class:`LegacyParseError`, the only exception this module raises.

Decimal values (budgets, progress) are strings with exactly two decimal places ("0.00",
"20.00"); dates are ISO (CE); the fiscal year is a Buddhist Era int. Plan codes keep the digits
they were written with (``๗.๓.๒``). Long texts and narratives are plain text, one paragraph or
list item per line. No Django here.
"""

import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from tidtam.legacy import reports as report_reader
from tidtam.legacy.fields import TEXT_SECTIONS, State, field_line, project_fields
from tidtam.legacy.htmltext import clean_inline, fragment_lines, has_markup
from tidtam.legacy.messages import LegacyParseError, ParseWarning, warning
from tidtam.legacy.values import (
    collapse,
    restore_dashes,
)
from tidtam.lib.thai import fiscal_year_bounds, to_arabic_digits

__all__ = ["LegacyParseError", "ParsedPrintout", "parse"]

# The form's title on every page (tidtam's own form adds the project code after it).
HEADER_RE = re.compile(
    r"^\**\s*แบบแสดงรายงานความก้าวหน้าและข้อมูลเกี่ยวกับโครงการ\s*\**(?:\s+[0-9๐-๙]{8}-[0-9๐-๙]+)?$"
)
# A page footer: "พิมพ์เมื่อ … · รหัสตรวจสอบ …  หน้า 1/4", or the page number alone.
FOOTER_RE = re.compile(
    r"^(?:พิมพ์เมื่อ\s.*(?:รหัสตรวจสอบ|หน้า\s*[0-9๐-๙]+\s*/)|หน้า\s*[0-9๐-๙]+\s*/\s*[0-9๐-๙]+$)"
)
REPORT_RE = re.compile(r"^รายงานครั้งที่\s*[0-9๐-๙]+\s*(?:\t|::|<)")
# tidtam's own form labels a report continued from the page before in its number cell,
# "รายงานครั้งที่ 4 (ต่อ)" on one line or two, left of the report's text (pdftotext -layout)
CONTINUED_RE = re.compile(r"^\s*รายงานครั้งที่\s*[0-9๐-๙]+(?:\s*\(ต่อ\))?(?=\s{2,}|$)")
CONTINUED_END_RE = re.compile(r"^\s*\(ต่อ\)(?=\s{2,}|$)")
SECTIONS = [
    ("project", re.compile(r"^1\.?\s*ชื่อโครงการและหน่วยงานที่รับผิดชอบ")),
    ("fields", re.compile(r"^1\.1\.?\s*รหัสโครงการและชื่อโครงการ[\s.:]*$")),
    ("unit", re.compile(r"^1\.2\.?\s*หน่วยงานที่รับผิดชอบ(?:โครงการ)?[\s.:]*$")),
    ("rationale", re.compile(r"^1\.3\.?\s*หลักการและเหตุผล[\s.:]*(?P<rest>.*)$")),
    ("objectives", re.compile(r"^1\.4\.?\s*วัตถุประสงค์(?:ของโครงการ)?[\s.:]*(?P<rest>.*)$")),
    ("targets", re.compile(r"^1\.5\.?\s*เป้าหมาย(?:ของโครงการ)?[\s.:]*(?P<rest>.*)$")),
    ("plan", re.compile(r"^1\.6\.?\s*สนับสนุนแผนพัฒนา")),
    ("reports", re.compile(r"^2\.?\s*รายงานความก้าวหน้าของโครงการ")),
    ("certification", re.compile(r"^ขอรับรองว่า")),
]
# Tone marks a PDF's text layer put on a line of their own ("รื่    นึ่"): not text.
STRAY_MARKS_RE = re.compile(r"^(?:[ก-ฮ]?[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]{1,3}(?:\s+|$))+$")
UNREAD = ("report_unread", "report_unclosed")  # warnings for the parts a partial parse leaves out
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f\ufffd]")


@dataclass
class ParsedPrintout:
    project: dict[str, Any]
    reports: list[dict[str, Any]]
    warnings: list[ParseWarning]
    unparsed: list[dict[str, Any]]
    lines: list[str] = field(default_factory=list)  # the source, after line-ending fixes
    line_fields: dict[int, list[str]] = field(default_factory=dict)  # line → where it went

    @property
    def partial(self) -> bool:
        """Some report could not be read: what was read is here, the rest in ``unparsed``."""
        return bool(self.missing)

    @property
    def missing(self) -> list[dict[str, Any]]:
        """The parts left out, ``{"line", "last", "text"}`` (the first line, without its tags):
        what a partial import loses."""
        return [
            {"line": w.line, "last": w.params["last"], "text": clean_inline(self.lines[w.line - 1])}
            for w in self.warnings
            if w.code in UNREAD
        ]

    @property
    def missing_lines(self) -> str:
        """``"114–116, 120"``: the lines of the reports left out."""
        return ", ".join(
            str(part["line"]) if part["line"] == part["last"] else f"{part['line']}–{part['last']}"
            for part in self.missing
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "project": self.project,
            "reports": self.reports,
            "warnings": [w.to_dict() for w in self.warnings],
            "unparsed": self.unparsed,
        }


def _without_continued_labels(lines: list[str]) -> list[str]:
    """The lines with tidtam's "(continued)" labels blanked (their columns kept)."""
    out = list(lines)
    for i, line in enumerate(out):
        label = CONTINUED_RE.match(line)
        if label is None:
            continue
        if label.group().rstrip().endswith("(ต่อ)"):
            out[i] = " " * label.end() + line[label.end() :]
        elif i + 1 < len(out) and (end := CONTINUED_END_RE.match(out[i + 1])):
            out[i] = " " * label.end() + line[label.end() :]
            out[i + 1] = " " * end.end() + out[i + 1][end.end() :]
    return out


def parse(text: str) -> ParsedPrintout:
    """Read one printout. Raises :class:`LegacyParseError` for input that is not one."""
    lines = _without_continued_labels(_split_lines(text))
    _refuse_junk(lines)
    state = State(lines=lines)
    rows = report_reader.RowReader()
    section, last_field = "start", ""
    for number, raw in enumerate(lines, start=1):
        stripped, dashes = restore_dashes(raw.replace("\xa0", " ").strip())
        line = collapse(stripped)
        if not line:
            continue
        if dashes:
            state.warnings.append(warning("dash_restored", line=number))
        digits = to_arabic_digits(line[:160])  # headings are short
        if len(line) <= 80 and STRAY_MARKS_RE.match(line):
            state.warnings.append(warning("stray_marks", line=number))
            state.unparsed.add(number)
            continue
        if HEADER_RE.match(line):
            state.headers += 1
            state.use(number, "page_header")
            continue
        if FOOTER_RE.match(line):
            state.use(number, "page_footer")
            continue
        heading = _heading(digits)
        if heading:
            name, rest = heading
            section, last_field = name, ""
            state.sections.add(name)
            state.use(number, "heading")
            if rest and name in TEXT_SECTIONS:
                state.texts.setdefault(name, []).extend(_text_lines(rest))
                state.use(number, name)
            continue
        if section not in ("reports", "certification", *TEXT_SECTIONS) and REPORT_RE.match(line):
            section = "reports"  # the heading of section 2 was lost
            state.sections.add(section)
            state.warnings.append(warning("reports_heading_missing", line=number))
        if section == "reports":
            rows.add(stripped, number)
            continue
        if section == "certification":  # the statement, signature and verification lines
            state.use(number, "certification")
            continue
        if section in TEXT_SECTIONS:
            state.texts.setdefault(section, []).extend(_text_lines(line))
            state.use(number, section)
            continue
        last_field = field_line(state, number, stripped, last_field)

    _refuse_other_documents(state)
    project = project_fields(state)
    reports, report_lines, unread = report_reader.read_reports(rows, state.warnings)
    state.unparsed |= unread
    if "certification" not in state.sections:
        raise LegacyParseError("no_certification")
    for number, where in report_lines.items():
        for name in where:
            state.use(number, name)
    _check(project, reports, state.warnings)
    unparsed = sorted(state.unparsed | _leftovers(state))
    return ParsedPrintout(
        project=project,
        reports=reports,
        warnings=state.warnings,
        unparsed=[{"line": n, "text": lines[n - 1].strip()} for n in unparsed],
        lines=lines,
        line_fields=state.used,
    )


def _split_lines(text: str) -> list[str]:
    text = text.removeprefix("\ufeff").replace("\u200b", "")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").split("\n")


def _refuse_junk(lines: list[str]) -> None:
    content = "".join(lines)
    if not content.strip():
        raise LegacyParseError("empty")
    bad = len(_CONTROL_RE.findall(content))
    if "\x00" in content or bad * 50 > len(content):
        raise LegacyParseError("binary")


def _refuse_other_documents(state: State) -> None:
    known = len(state.sections - {"certification"}) + len(state.values)
    if state.headers == 0 and known < 3:
        raise LegacyParseError("not_printout")
    if "reports" not in state.sections:
        raise LegacyParseError("truncated_no_reports")


def _heading(digits: str) -> tuple[str, str] | None:
    for _name, pattern in SECTIONS:
        match = pattern.match(digits)
        if match:
            rest = match.groupdict().get("rest") or ""
            return _name, rest.strip()
    return None


def _text_lines(line: str) -> list[str]:
    return fragment_lines(line) if has_markup(line) else [line]


def _check(project: dict[str, Any], reports: list[dict[str, Any]], warnings: list) -> None:
    """Rules the old system did not enforce: warn, never refuse."""
    start, end = project["start_date"], project["end_date"]
    if project["fiscal_year"] and start and end:
        first, last = (d.isoformat() for d in fiscal_year_bounds(project["fiscal_year"]))
        if start > last or end < first:
            warnings.append(warning("outside_fiscal_year", year=project["fiscal_year"]))
    plan = project["plan_alignment"]
    codes = [to_arabic_digits(plan[k]["code"]) for k in ("strategy", "sub_strategy", "target")]
    for parent, child in itertools.pairwise(codes):
        if parent and child and not child.startswith(parent + "."):
            warnings.append(warning("plan_codes", parent=parent, child=child))
    report_reader.check(reports, project, warnings)


def _leftovers(state: State) -> set[int]:
    """Non-empty lines that went nowhere (never the case unless a rule above has a gap)."""
    return {
        number
        for number, line in enumerate(state.lines, start=1)
        if line.strip() and number not in state.used and number not in state.unparsed
    }
