"""``tidtam import_setup`` and ``tidtam export_setup``."""

import pytest
from django.core.management import call_command

from tidtam.intake.tests.helpers import csv_bytes, project_row, workbook
from tidtam.projects.models import Project


def test_import_setup_dry_run_then_import_then_again(cast, tmp_path, capsys):
    path = tmp_path / "projects.csv"
    path.write_bytes(csv_bytes("projects", [project_row()]))

    call_command("import_setup", str(path), "--dry-run", "--user", "root")
    assert "create" in capsys.readouterr().out and not Project.objects.exists()

    call_command("import_setup", str(path), "--user", "root")
    assert Project.objects.count() == 1

    call_command("import_setup", str(path), "--user", "root")
    assert "projects: +0 ~0 =1" in capsys.readouterr().out
    assert Project.objects.count() == 1


def test_import_setup_refuses_with_exit_1(cast, tmp_path, capsys):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(workbook({"projects": [project_row(end_date="30/09/2567")]}))
    with pytest.raises(SystemExit) as exit_:
        call_command("import_setup", str(path))
    assert exit_.value.code == 1
    assert "G (วันสิ้นสุด)" in capsys.readouterr().err
    assert not Project.objects.exists()


def test_export_setup_writes_the_workbook(demo, tmp_path):
    out = tmp_path / "setup.xlsx"
    call_command("export_setup", "-o", str(out), "--fy", "2566")
    assert out.read_bytes()[:2] == b"PK"
