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


def _print_unit(tmp_path):
    """``print_form --unit`` of the sample's agency, 2566, as admin: the ZIP's path."""
    from tidtam.orgs.models import Unit

    unit = Unit.objects.get(agency_code="50310000")
    output = tmp_path / "unit.zip"
    call_command(
        "print_form", "--unit", str(unit.pk), "--year", "2566", "--user", "admin",
        "-o", str(output),
    )  # fmt: skip
    return output


def test_batch_from_the_command_line_shows_progress(demo, tmp_path, settings, capsys):
    settings.MEDIA_ROOT = tmp_path
    output = _print_unit(tmp_path)
    assert output.stat().st_size > 0
    assert "2/2" in capsys.readouterr().err


def test_a_batch_lays_out_its_forms_in_one_process_per_core(demo, tmp_path, settings, monkeypatch):
    """Each PDF in the ZIP carries the snapshot recorded for it, whichever process made it."""
    import hashlib
    import io
    import zipfile

    from tidtam.documents import batch

    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(batch, "MIN_FORMS_FOR_PROCESSES", 1)
    monkeypatch.setattr(batch.os, "cpu_count", lambda: 2)
    output = _print_unit(tmp_path)
    with zipfile.ZipFile(output) as archive:
        names = archive.namelist()
        assert len(names) == 2
        for name in names:
            ((attached, [content]),) = PdfReader(io.BytesIO(archive.read(name))).attachments.items()
            copy = PrintedForm.objects.get(sha256=hashlib.sha256(content).hexdigest())
            assert copy.data.encode() == content and copy.code in attached
            assert copy.batch is not None
