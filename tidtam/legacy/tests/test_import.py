"""Importing printouts: one transaction per file, audited, idempotent, with a dry run."""

from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import translation

from tidtam.core import audit
from tidtam.core.models import AuditEntry
from tidtam.legacy.models import LegacyImport
from tidtam.legacy.parser import parse
from tidtam.legacy.services import import_printout
from tidtam.legacy.tests.helpers import SAMPLE, SAMPLES, sample_text
from tidtam.orgs.models import Unit, User
from tidtam.plans.models import KPI, PlanNode
from tidtam.projects.models import Project, ProjectFigures
from tidtam.reports.models import ProgressReport, ReviewStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


SECOND = "variant-e-second-printout.txt"


def run(actor, name="legacy-printout-a.txt", *, text=None, dry_run=False):
    parsed = parse(text if text is not None else sample_text(name))
    return import_printout(actor=actor, parsed=parsed, source_name=name, dry_run=dry_run)


def counts():
    return (
        Unit.objects.count(),
        PlanNode.objects.count(),
        KPI.objects.count(),
        User.objects.count(),
        Project.objects.count(),
        AuditEntry.objects.count(),
    )


def test_sample_lands_in_its_places(cast):
    outcome = run(cast.root)
    assert outcome.created and outcome.changed
    project = Project.objects.get()
    assert (project.code, project.running_number, project.agency) == (
        "50310000-2961",
        2961,
        cast.a,
    )
    assert project.responsible_unit == cast.a_admin  # division printed twice = no section
    assert project.coordinator.full_name == "นางสาวอรนิชา ศาลิคุปต์"
    assert not project.coordinator.is_active
    target = project.plan_targets.get()
    assert (target.code, target.parent.code, target.parent.parent.code) == ("๗.๓.๒", "๗.๓", "๗")
    assert project.kpis.get().fiscal_year == 2566
    reports = list(project.reports.order_by("number"))
    assert [str(r.progress_percent) for r in reports][:3] == ["20.00", "30.00", "40.00"]
    assert "คิดเป็น 1.78%</p>" in reports[1].narrative
    assert "<p>(พ.ศ. 2561 – 2580)" not in project.rationale and "2561 – 2580" in project.rationale
    actions = {e.action for e in audit.history(project)}
    assert {"projects.project.created", "reports.report.imported"} <= actions
    assert "legacy.printout.imported" in actions


def test_reimport_changes_nothing(cast):
    run(cast.root)
    before = counts()
    updated = Project.objects.get().updated_at
    outcome = run(cast.root)
    assert not outcome.changed and not outcome.created
    assert counts() == before
    assert Project.objects.get().updated_at == updated
    assert LegacyImport.objects.count() == 1  # the proof of the first import only


def test_second_printout_is_a_new_version_in_the_history(cast):
    run(cast.root)
    outcome = run(cast.root, SECOND)
    changed = [e for e in outcome.entries if e["action"] == "projects.project.changed"]
    assert len(changed) == 1
    assert set(changed[0]["changes"]) == {"coordinator", "plan_targets"}
    assert changed[0]["changes"]["coordinator"] == [
        "นางสาวอรนิชา ศาลิคุปต์",
        "นางสาวอรณิชา ศาลิคุปต์",
    ]
    project = Project.objects.get()
    history = audit.history(project).filter(action="projects.project.changed")
    assert history.count() == 1 and history.get().actor == cast.root
    assert project.plan_targets.get().code == "๗.๓.๑"
    assert not any(e["action"].startswith("reports.") for e in outcome.entries)
    assert not run(cast.root, SECOND).changed


def test_dry_run_writes_nothing(cast):
    before = counts()
    outcome = run(cast.root, dry_run=True)
    assert outcome.dry_run and outcome.created and len(outcome.entries) > 10
    assert counts() == before
    run(cast.root)
    before = counts()
    outcome = run(cast.root, SECOND, dry_run=True)
    assert any(e["action"] == "projects.project.changed" for e in outcome.entries)
    assert counts() == before
    assert Project.objects.get().coordinator.full_name == "นางสาวอรนิชา ศาลิคุปต์"


def test_sample_matches_the_demo_data_exactly(demo):
    """The demo project was typed from this printout: importing it finds nothing to change."""
    outcome = run(demo["admin"])
    assert not outcome.changed, outcome.entries


def test_new_agency_division_and_section(cast):
    run(cast.root, "variant-c-lists-page-break.txt")
    project = Project.objects.get(code="11000000-345")
    assert project.responsible_unit.path_names() == [
        "สำนักการโยธา",
        "สำนักงานวิศวกรรมทาง",
        "ส่วนก่อสร้างสะพาน",
    ]
    assert project.responsible_unit.kind == Unit.Kind.SECTION
    assert project.agency.parent == cast.city
    assert project.budget_used == sum(r.budget_disbursed for r in project.reports.all())


def test_leading_zeros_of_the_running_number_are_kept(cast):
    run(cast.root, "variant-b-thai-digits-crlf.txt")
    project = Project.objects.get(code="50300000-0012")
    assert project.running_number == 12
    assert not run(cast.root, "variant-b-thai-digits-crlf.txt").changed


def test_a_refused_report_leaves_nothing_behind(cast):
    text = sample_text().replace(":: 07/09/2566 :", ":: 07/12/2566 :")
    before = counts()
    with pytest.raises(ValidationError):
        run(cast.root, text=text)
    assert counts() == before


def test_who_may_import(cast):
    for someone in (cast.alice, cast.anna, cast.ed, cast.chief, cast.olive):
        with pytest.raises(ValidationError, match="do not follow"):
            run(someone)  # reporters, approvers, executives: not the follow-up's staff
    with pytest.raises(ValidationError, match="สำนักงานเขตบางซื่อ, which you do not follow"):
        run(cast.cody)  # the coordinator of another agency
    assert Project.objects.count() == 0
    run(cast.carol)  # the coordinator who follows Bang Sue
    project = Project.objects.get()
    assert project.reports.count() == 10
    assert {e.actor for e in audit.history(project)} == {cast.carol}


def test_a_coordinator_cannot_bring_in_a_new_agency(cast):
    with pytest.raises(ValidationError, match="11000000 is not in tidtam yet"):
        run(cast.carol, "variant-c-lists-page-break.txt")
    assert not Unit.objects.filter(agency_code="11000000").exists()


def test_imported_reports_arrive_accepted_and_marked(cast):
    run(cast.carol)
    reports = list(Project.objects.get().reports.all())
    assert {(r.status, r.imported, r.reviewed_by) for r in reports} == {
        (ReviewStatus.ACCEPTED, True, cast.carol)
    }
    assert all(r.first_submitted_at is None for r in reports)  # not timed by tidtam's rounds
    figures = ProjectFigures.objects.get(project=reports[0].project)  # but filed, not missing
    assert figures.latest_filed_on == max(r.date for r in reports)


def test_a_later_printout_corrects_an_imported_report(cast):
    run(cast.carol)
    text = sample_text().replace("คิดเป็น 1.78%", "คิดเป็น 1.79%")
    outcome = run(cast.carol, text=text)
    changed = [e for e in outcome.entries if e["action"] == "reports.report.changed"]
    assert [set(e["changes"]) for e in changed] == [{"narrative"}]
    assert "คิดเป็น 1.79%" in Project.objects.get().reports.get(number=2).narrative


def test_a_report_reviewed_in_tidtam_is_not_overwritten(cast):
    run(cast.carol)
    report = Project.objects.get().reports.get(number=2)
    ProgressReport.objects.filter(pk=report.pk).update(imported=False)  # as if filed here
    text = sample_text().replace("คิดเป็น 1.78%", "คิดเป็น 1.79%")
    before = counts()
    with pytest.raises(ValidationError, match="Report 2 has been accepted and is read-only"):
        run(cast.carol, text=text)
    assert counts() == before
    assert "คิดเป็น 1.78%" in ProgressReport.objects.get(pk=report.pk).narrative


def test_incomplete_printout_is_refused(cast):
    text = sample_text().replace("รหัสโครงการ... : 50310000-2961", "")
    with pytest.raises(ValidationError):
        run(cast.root, text=text)


def test_command_imports_and_dry_runs(cast):
    out = StringIO()
    call_command("import_legacy", str(SAMPLE), "--dry-run", stdout=out)
    assert "dry run" in out.getvalue() and Project.objects.count() == 0
    call_command("import_legacy", str(SAMPLE), "--user", "root", stdout=StringIO())
    assert Project.objects.count() == 1
    out = StringIO()
    call_command("import_legacy", str(SAMPLE), str(SAMPLES / SECOND), stdout=out)
    assert "nothing to change" in out.getvalue()
    assert "coordinator: นางสาวอรนิชา ศาลิคุปต์ → นางสาวอรณิชา ศาลิคุปต์" in out.getvalue()


def test_command_lists_lines_it_did_not_understand(cast):
    err = StringIO()
    call_command(
        "import_legacy", str(SAMPLES / "variant-d-plain-columns.txt"), stdout=StringIO(), stderr=err
    )
    assert "variant-d-plain-columns.txt:3: not understood" in err.getvalue()
    assert Project.objects.filter(code="50310000-3010").exists()


def test_command_bad_files(cast, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    err = StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_legacy", str(empty), str(SAMPLE), stdout=StringIO(), stderr=err)
    assert raised.value.returncode == 2
    assert str(empty) in err.getvalue()
    assert Project.objects.count() == 1  # the good file of the two went in


def test_command_needs_an_admin(db):
    with pytest.raises(CommandError):
        call_command("import_legacy", str(SAMPLE), stdout=StringIO())


def test_notes_for_what_is_kept(cast):
    run(cast.root)
    lines = sample_text().split("\n")
    text = "\n".join(line for line in lines if not line.startswith("รายงานครั้งที่10\t"))
    text = text.replace("สำนักงานเขตบางซื่อ / ฝ่ายปกครอง", "สนง.เขตบางซื่อ / ฝ่ายปกครอง")
    outcome = run(cast.root, text=text)
    assert not outcome.changed
    assert any("10" in note for note in outcome.notes)  # report 10 kept
    assert any("สนง.เขตบางซื่อ" in note for note in outcome.notes)  # the agency's name kept
    assert Project.objects.get().reports.count() == 10


def test_command_refused_import_exits_1(cast):
    err = StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_legacy", str(SAMPLE), "--user", "cody", stdout=StringIO(), stderr=err)
    assert raised.value.returncode == 1
    assert "not imported" in err.getvalue()
    assert Project.objects.count() == 0


def test_values_the_database_would_refuse(cast):
    text = sample_text().replace("ผู้ประสานงาน สยป : นางสาวอรนิชา", "ผู้ประสานงาน สยป : " + "ก" * 300)
    with pytest.raises(ValidationError) as raised:
        run(cast.root, text=text)
    assert "longer than 200" in str(raised.value)
    text = sample_text().replace("50310000-2961", "50310000-29610000000")
    with pytest.raises(ValidationError):
        run(cast.root, text=text)
