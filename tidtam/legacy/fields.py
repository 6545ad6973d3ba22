"""Section 1 of a printout: ``label... : value`` lines, wrapped values, the plan codes.

Labels are recognised with their spaces, dots and brackets removed, so ``รหัสโครงการ...`` and
``ปีงบประมาณ (พ.ศ.)`` are found; a label and its value may also be two table cells with no
colon. No Django here.
"""

import re
from dataclasses import dataclass, field
from typing import Any

from tidtam.legacy.messages import ParseWarning, warning
from tidtam.legacy.values import collapse, join_wrapped, read_amount, read_date, read_year
from tidtam.lib.thai import to_arabic_digits

TEXT_SECTIONS = ("rationale", "objectives", "targets")
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


@dataclass
class State:
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


def field_line(state: State, number: int, line: str, last_field: str) -> str:
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


def _continuation(state: State, number: int, line: str, last_field: str) -> str:
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


def project_fields(state: State) -> dict[str, Any]:
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
