"""The setup spreadsheets: one sheet (or CSV file) per kind of row, its Thai headers and the
values each column takes. The templates, the reader and the export all read them here."""

from dataclasses import dataclass

from django.utils import translation

from tidtam.orgs.models import Membership, Unit
from tidtam.plans.models import PlanNode


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # Thai, as the template writes it
    required: bool = False
    # text (as written), code (Thai digits read as Arabic), int, money, date, choice, list
    # (of plan codes, as written), lines
    kind: str = "text"
    width: int = 18


@dataclass(frozen=True)
class SheetKind:
    key: str
    title: str  # the sheet's name in the workbook
    columns: tuple[Column, ...]
    admin_only: bool = True

    @property
    def headers(self) -> list[str]:
        return [column.header for column in self.columns]

    def column(self, key: str) -> Column:
        return next(column for column in self.columns if column.key == key)


UNITS = SheetKind(
    "units",
    "หน่วยงาน",
    (
        Column("code", "รหัสหน่วยงาน", True, "code", 14),
        Column("name", "ชื่อหน่วยงาน", True, width=40),
        Column("kind", "ประเภท", True, "choice", 14),
        Column("parent", "รหัสหน่วยงานต้นสังกัด", False, "code", 20),
    ),
)
PEOPLE = SheetKind(
    "people",
    "บุคลากร",
    (
        Column("username", "ชื่อผู้ใช้", True, "code", 16),
        Column("full_name", "ชื่อ-นามสกุล", True, width=30),
        Column("email", "อีเมล", width=28),
        Column("position", "ตำแหน่ง", width=30),
        Column("unit", "รหัสหน่วยงาน", True, "code", 14),
        Column("role", "บทบาท", True, "choice", 18),
    ),
)
PLAN = SheetKind(
    "plan",
    "แผน",
    (
        Column("kind", "ระดับ", True, "choice", 22),
        Column("code", "รหัส", False, "text", 10),
        Column("title", "ชื่อ", True, width=60),
        Column("parent", "รหัสแม่", False, "text", 10),
    ),
)
KPIS = SheetKind(
    "kpis",
    "ตัวชี้วัด",
    (
        Column("target", "รหัสเป้าหมาย", True, "text", 14),
        Column("fiscal_year", "ปีงบประมาณ", True, "int", 12),
        Column("title", "ตัวชี้วัด", True, width=80),
    ),
)
PROJECTS = SheetKind(
    "projects",
    "โครงการ",
    (
        Column("code", "รหัสโครงการ", False, "code", 16),
        Column("fiscal_year", "ปีงบประมาณ", True, "int", 12),
        Column("name", "ชื่อโครงการ", True, width=50),
        Column("unit", "รหัสหน่วยงานที่รับผิดชอบ", True, "code", 16),
        Column("budget_received", "งบประมาณที่ได้รับ (บาท)", True, "money", 16),
        Column("start_date", "วันเริ่มต้น", True, "date", 12),
        Column("end_date", "วันสิ้นสุด", True, "date", 12),
        Column("responsible_person", "ผู้รับผิดชอบ", True, width=30),
        Column("coordinator", "ผู้ประสานงาน (ชื่อผู้ใช้)", False, "code", 16),
        Column("plan_targets", "รหัสเป้าหมายตามแผน", False, "list", 16),
        Column("kpis", "ตัวชี้วัด (บรรทัดละตัว)", False, "lines", 50),
        Column("rationale", "หลักการและเหตุผล", width=40),
        Column("objectives", "วัตถุประสงค์", width=40),
        Column("targets", "เป้าหมาย", width=40),
    ),
    admin_only=False,
)
KINDS = (UNITS, PEOPLE, PLAN, KPIS, PROJECTS)  # also the order in which an import applies them
BY_KEY = {kind.key: kind for kind in KINDS}

CHOICES = {
    ("units", "kind"): Unit.Kind,
    ("people", "role"): Membership.Role,
    ("plan", "kind"): PlanNode.Kind,
}


def choice_words(sheet: str, column: str) -> dict[str, str]:
    """What a cell may say for each choice: its value, its Thai and its English label."""
    words = {}
    for value, label in CHOICES[(sheet, column)].choices:
        words[value] = value
        for language in ("th", "en"):
            with translation.override(language):
                words[str(label).strip().lower()] = value
    return words


def choice_label(sheet: str, column: str, value: str) -> str:
    """The Thai label a template or an export writes for a choice."""
    label = dict(CHOICES[(sheet, column)].choices)[value]
    with translation.override("th"):
        return str(label)
