"""Read a printout of the old system — the text of its PDF — into the fields of tidtam.

``parse(text)`` returns a :class:`ParsedPrintout`; ``.to_dict()`` is the JSON of issue 4.
Nothing is lost: every non-empty line is consumed into a field, recognised as furniture of the
form (page headers, section headings, the certification page) or listed in ``unparsed`` with its
line number. Input that is not a printout at all raises :class:`LegacyParseError`, the only
exception this module raises.

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
from tidtam.legacy.htmltext import fragment_lines, has_markup
from tidtam.legacy.messages import LegacyParseError, ParseWarning, warning
from tidtam.legacy.values import (
    collapse,
    join_wrapped,
    read_amount,
    read_date,
    read_year,
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
TEXT_SECTIONS = ("rationale", "objectives", "targets")
# Tone marks a PDF's text layer put on a line of their own ("รื่    นึ่"): not text.
STRAY_MARKS_RE = re.compile(r"^(?:[ก-ฮ]?[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]{1,3}(?:\s+|$))+$")
# Labels with spaces and dots removed → field.
LABELS = {
    "ชื่อโครงการ/กิจกรรม": "name",
    "ชื่อโครงการ": "name",
    "รหัสโครงการ": "code",
    "ปีงบประมาณพศ": "fiscal_year",
    "ปีงบประมาณ": "fiscal_year",
    "เริ่มต้นโครงการ": "start_date",
    "วันเริ่มต้นโครงการ": "start_date",
    "สิ้นสุดโครงการ": "end_date",
    "วันสิ้นสุดโครงการ": "end_date",
    "งบประมาณที่ได้รับ": "budget_received",
    "งบประมาณที่ใช้ไป": "budget_used",
    "หน่วยงานที่รับผิดชอบ": "unit_path",
    "ชื่อผู้รับผิดชอบ": "responsible",
    "ผู้รับผิดชอบ": "responsible",
    "ผู้ประสานงานสยป": "coordinator",
    "ผู้ประสานงาน": "coordinator",
    "ประเด็นยุทธศาสตร์": "strategy",
    "ประเด็นยุทธศาสตร์ย่อย": "sub_strategy",
    "เป้าหมายที่": "target",
    "เป้าหมาย": "target",
    "ตัวชี้วัด": "kpi",
}
LABEL_MAX = 60  # characters; a label is never longer
CODE_RE = re.compile(r"^\d{8}-\d+$")
PLAN_RE = re.compile(
    r"^(?:ยุทธศาสตร์ที่|ประเด็นยุทธศาสตร์ที่|เป้าหมายที่)?\s*"
    r"(?P<code>[0-9๐-๙]+(?:\s*\.\s*[0-9๐-๙]+)*)\s*[-–—:.]?\s*(?P<title>.*)$"
)
REQUIRED = ("code", "name", "fiscal_year", "start_date", "end_date", "unit_path")
TYPED = {
    "code": lambda text: text if CODE_RE.match(text) else None,
    "fiscal_year": read_year,
    "start_date": read_date,
    "end_date": read_date,
    "budget_received": read_amount,
    "budget_used": read_amount,
}
_LABEL_NOISE_RE = re.compile(r"[\s.…()]")
_COLUMN_RE = re.compile(r"(?:\t|\s{2,})")
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f\ufffd]")


@dataclass
class ParsedPrintout:
    project: dict[str, Any]
    reports: list[dict[str, Any]]
    warnings: list[ParseWarning]
    unparsed: list[dict[str, Any]]
    lines: list[str] = field(default_factory=list)  # the source, after line-ending fixes
    line_fields: dict[int, list[str]] = field(default_factory=dict)  # line → where it went

    def to_dict(self) -> dict[str, Any]:
        return {
            "project": self.project,
            "reports": self.reports,
            "warnings": [w.to_dict() for w in self.warnings],
            "unparsed": self.unparsed,
        }


@dataclass
class _State:
    lines: list[str]
    warnings: list[ParseWarning] = field(default_factory=list)
    used: dict[int, list[str]] = field(default_factory=dict)
    values: dict[str, str] = field(default_factory=dict)
    value_lines: dict[str, int] = field(default_factory=dict)
    texts: dict[str, list[str]] = field(default_factory=dict)
    unparsed: set[int] = field(default_factory=set)
    sections: set[str] = field(default_factory=set)
    headers: int = 0

    def use(self, number: int, where: str) -> None:
        self.used.setdefault(number, [])
        if where not in self.used[number]:
            self.used[number].append(where)


def parse(text: str) -> ParsedPrintout:
    """Read one printout. Raises :class:`LegacyParseError` for input that is not one."""
    lines = _split_lines(text)
    _refuse_junk(lines)
    state = _State(lines=lines)
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
        last_field = _field_line(state, number, stripped, last_field)

    _refuse_other_documents(state)
    project = _project(state)
    reports, report_lines, tail = report_reader.read_reports(rows, state.warnings)
    if tail is not None:
        raise LegacyParseError("truncated", line=tail)
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


def _refuse_other_documents(state: _State) -> None:
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


def _label_key(label: str) -> str:
    return _LABEL_NOISE_RE.sub("", to_arabic_digits(label))


def _pairs(line: str) -> list[tuple[str, str]]:
    """``label... : value`` or ``label<gap>value`` (a table cell) — several of them when a
    layout put two columns on one line."""
    found = _label_at_start(line)
    if found is None:
        return []
    pairs: list[tuple[str, str]] = []
    label, rest = found[0], line[found[1] :]
    while True:
        split = _next_column_label(rest)
        if split is None:
            pairs.append((label, rest.strip()))
            return pairs
        start, (next_label, value_at) = split
        pairs.append((label, rest[:start].strip()))
        label, rest = next_label, rest[value_at:]


def _label_at_start(text: str) -> tuple[str, int] | None:
    """The field a text starts with and where its value begins."""
    colon = text.find(":", 0, LABEL_MAX)
    if colon > 0 and _label_key(text[:colon]) in LABELS:
        return LABELS[_label_key(text[:colon])], len(text) - len(text[colon:].lstrip(":"))
    gap = _COLUMN_RE.search(text, 0, LABEL_MAX)
    if gap and gap.start() > 0 and _label_key(text[: gap.start()]) in LABELS:
        return LABELS[_label_key(text[: gap.start()])], gap.end()
    return None


def _next_column_label(rest: str) -> tuple[int, tuple[str, int]] | None:
    for column in _COLUMN_RE.finditer(rest):
        found = _label_at_start(rest[column.end() :])
        if found is not None:
            return column.start(), (found[0], column.end() + found[1])
    return None


def _field_line(state: _State, number: int, line: str, last_field: str) -> str:
    pairs = _pairs(line)
    if not pairs:
        return _continuation(state, number, collapse(line), last_field)
    for name, value in pairs:
        if name in state.values:
            if collapse(value) != state.values[name]:
                state.warnings.append(warning("duplicate_field", line=number, field=name))
                state.unparsed.add(number)
            else:
                state.use(number, name)
            continue
        state.values[name] = collapse(value)
        state.value_lines[name] = number
        state.use(number, name)
        last_field = name
    return last_field


def _continuation(state: _State, number: int, line: str, last_field: str) -> str:
    if not last_field:
        state.unparsed.add(number)
        return last_field
    joined = join_wrapped(state.values[last_field], line)
    reader = TYPED.get(last_field)
    if reader is not None and reader(_typed_text(last_field, joined)) is None:
        state.unparsed.add(number)
        return ""
    state.values[last_field] = joined
    state.use(number, last_field)
    return last_field


def _typed_text(name: str, value: str) -> str:
    if name == "code":
        return to_arabic_digits(value).replace(" ", "")
    if name.startswith("budget"):
        return value.replace("บาท", "")
    return value


def _project(state: _State) -> dict[str, Any]:
    values, warnings = state.values, state.warnings
    project: dict[str, Any] = {}
    for name in ("code", "name"):
        project[name] = values.get(name, "")
    project["code"] = _typed_text("code", project["code"])
    for name in ("fiscal_year", "start_date", "end_date", "budget_received", "budget_used"):
        project[name] = None
        if name in values:
            value = TYPED[name](_typed_text(name, values[name]))
            if value is None:
                warnings.append(
                    warning(
                        "bad_value", line=state.value_lines[name], field=name, value=values[name]
                    )
                )
            else:
                project[name] = value if isinstance(value, int) else str(value)
                if hasattr(value, "isoformat"):
                    project[name] = value.isoformat()
    if project["code"] and not CODE_RE.match(project["code"]):
        warnings.append(
            warning("bad_value", line=state.value_lines["code"], field="code", value=values["code"])
        )
    project["unit_path"] = [
        collapse(p) for p in values.get("unit_path", "").split("/") if p.strip()
    ]
    project["responsible"] = values.get("responsible", "")
    project["coordinator"] = values.get("coordinator", "")
    for name in TEXT_SECTIONS:
        project[name] = "\n".join(state.texts.get(name, []))
    project["plan_alignment"] = {
        "strategy": _plan(values.get("strategy", "")),
        "sub_strategy": _plan(values.get("sub_strategy", "")),
        "target": _plan(values.get("target", "")),
        "kpi": values.get("kpi", ""),
    }
    for name in REQUIRED:
        if name not in values:
            warnings.append(warning("missing_field", field=name))
    return project


def _plan(value: str) -> dict[str, str]:
    match = PLAN_RE.match(value)
    if not value or not match:
        return {"code": "", "title": value}
    return {"code": match.group("code").replace(" ", ""), "title": match.group("title").strip()}


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


def _leftovers(state: _State) -> set[int]:
    """Non-empty lines that went nowhere (never the case unless a rule above has a gap)."""
    return {
        number
        for number, line in enumerate(state.lines, start=1)
        if line.strip() and number not in state.used and number not in state.unparsed
    }
