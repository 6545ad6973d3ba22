"""The change history reads as people write: Buddhist Era dates, amounts with separators, choices
by their Thai names, related rows by name, lists joined — for entries written today and for
entries stored long ago in another shape."""

import datetime as dt
import re
from decimal import Decimal

from django.urls import reverse

from tidtam.core import audit
from tidtam.core.history import readable, readable_change
from tidtam.core.models import AuditEntry
from tidtam.core.testing import Page, page_of, session
from tidtam.projects.actions import PROJECT_CHANGED
from tidtam.projects.services import project_update
from tidtam.projects.tests.factories import add_report, make_project


def test_values_read_as_people_write_them(cast):
    project = "projects.project"
    assert readable_change(project, "start_date", "2023-10-01") == "01/10/2566"
    assert readable_change(project, "budget_received", "1250000") == "1,250,000.00"
    assert readable_change(project, "budget_received", "1250000.50") == "1,250,000.50"
    assert readable_change(project, "fiscal_year", 2567) == "2567"  # a year, not 2,567
    assert readable_change(project, "plan_targets", []) == "–"
    assert readable_change(project, "plan_targets", ["๗.๓.๒ บุคลากร", "๗.๓.๑ องค์กร"]) == (
        "๗.๓.๒ บุคลากร, ๗.๓.๑ องค์กร"
    )
    assert readable_change(project, "responsible_unit", "ฝ่ายปกครอง") == "ฝ่ายปกครอง"
    assert readable_change(project, "name", None) == "–"
    assert readable_change(project, "objectives", "<p>ข้อ 1</p>") == "ข้อ 1"
    report = "reports.progressreport"
    assert readable_change(report, "plan_status", "behind_plan") == "ล่าช้ากว่าแผน"
    assert readable_change(report, "status", "submitted") == "ส่งแล้ว รอตรวจ"
    assert readable_change(report, "progress_percent", "45.5") == "45.50 %"
    assert readable_change(report, "imported", True) == "ใช่"
    # a field tidtam no longer has still reads by its shape
    assert readable_change(report, "gone", "2024-01-31") == "31/01/2567"
    assert readable(Decimal("1234.5")) == "1,234.50"
    assert readable({"a": "2023-01-02"}) == "a: 02/01/2566"


def test_an_old_entry_keeping_a_unit_by_its_id_reads_by_name(cast):
    project = make_project(cast.alice, cast.a_admin)
    old = audit.record(
        action=PROJECT_CHANGED,
        actor=cast.alice,
        target=project,
        subject=project,
        changes={
            "responsible_unit": [cast.a_admin.pk, cast.a_works.pk],
            "start_date": ["2022-10-01", "2022-11-01"],
            "budget_received": ["100000.00", "1250000"],
            "plan_targets": [[], ["๗.๓.๒ บุคลากร"]],
        },
    )
    assert old.labelled_changes() == [
        ("หน่วยงานที่รับผิดชอบ", "ฝ่ายปกครอง", "ฝ่ายโยธา"),
        ("วันเริ่มต้นโครงการ", "01/10/2565", "01/11/2565"),
        ("งบประมาณที่ได้รับ (บาท)", "100,000.00", "1,250,000.00"),
        ("เป้าหมายตามแผน", "–", "๗.๓.๒ บุคลากร"),
    ]


CE_DATE = re.compile(r"\b(?:19|20)\d\d-\d\d-\d\d\b")


def test_the_project_history_shows_no_christian_era_date_nor_raw_value(cast):
    project = make_project(cast.alice, cast.a_admin, budget_received=Decimal("1250000"))
    project_update(actor=cast.alice, project=project, start_date=dt.date(2022, 11, 1))
    add_report(cast.alice, project, plan_status="behind_plan", delay_category="budget")
    page = page_of(session("alice", "pw").get(reverse("projects:detail", args=[project.code])))
    history = Page(page[page.index('id="history"') :])
    assert not CE_DATE.search(history)
    assert "1250000" not in history and "[]" not in history and "behind_plan" not in history
    assert "1,250,000.00" in history
    assert "01/10/2565 → 01/11/2565" in " ".join(history.text.split())
    assert "ล่าช้ากว่าแผน" in history
    assert AuditEntry.objects.filter(subject=audit.subject_key(project)).count() == 3


def test_the_legacy_import_preview_reads_as_the_history(db):
    from tidtam.legacy.presentation import shown_changes

    entry = {
        "action": "projects.project.created",
        "target": "50310000-2961",
        "target_type": "projects.project",
        "changes": {
            "start_date": [None, "2022-10-01"],
            "kpis": [[], []],
            "budget_received": [None, "95000.00"],
        },
    }
    assert shown_changes([entry])[0]["fields"] == [
        ("วันเริ่มต้นโครงการ", "–", "01/10/2565"),
        ("งบประมาณที่ได้รับ (บาท)", "–", "95,000.00"),
    ]
