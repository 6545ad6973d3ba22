import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from tidtam.documents.models import PrintedForm


def test_print_form_writes_one_pdf_for_several_projects(demo, tmp_path):
    from tidtam.projects.models import Project

    codes = list(Project.objects.order_by("code").values_list("code", flat=True)[:2])
    output = tmp_path / "forms.pdf"
    call_command("print_form", *codes, "-o", str(output))
    assert len(PdfReader(output).attachments) == 2
    assert PrintedForm.objects.filter(printed_by=None).count() == 2


def test_print_form_as_a_user_applies_their_access(cast, tmp_path):
    with pytest.raises(CommandError):
        call_command("print_form", "50310000-2961", "--user", "bob", "-o", str(tmp_path / "x"))


def test_batch_from_the_command_line_shows_progress(demo, tmp_path, settings, capsys):
    from tidtam.orgs.models import Unit

    settings.MEDIA_ROOT = tmp_path
    unit = Unit.objects.get(agency_code="50310000")
    output = tmp_path / "unit.zip"
    call_command(
        "print_form", "--unit", str(unit.pk), "--year", "2566", "--user", "admin",
        "-o", str(output),
    )  # fmt: skip
    assert output.stat().st_size > 0
    assert "2/2" in capsys.readouterr().err
