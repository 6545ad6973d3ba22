"""Bad input in the ITA pages is a message next to the field, never a server error, and
nothing is saved: contractor rows too long or with a NUL byte, an OIT address too long, names
and file names with characters that hide or reorder the text."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tidtam.core.testing import page_of
from tidtam.ita.models import Assessment, OitEvidence
from tidtam.ita.services import contractors, oit
from tidtam.ita.tests.test_setup_contractors import valid_tax_id
from tidtam.ita.tests.test_views import login

HIDDEN_NAME = "abc\u202egpj.exe"


def upload_contractors(client, ita, rows: list[str], name="list.csv"):
    login(client, ita.alice)
    content = ("\ufeff" + "\n".join(["tax id,name,contact", *rows])).encode()
    upload = SimpleUploadedFile(name, content)
    return client.post(reverse("ita:contractors", args=[ita.aa.pk]), {"file": upload})


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (f"{valid_tax_id('010553600044')},{'ก' * 301},02", "ชื่อยาวเกิน 300 ตัวอักษร"),
        (f"{valid_tax_id('010553600044')},ดี จำกัด,{'0' * 5000}", "ผู้ติดต่อยาวเกิน 300"),
        (f"{valid_tax_id('010553600044')},ดี\x00 จำกัด,02", "U+0000"),
        (f"{valid_tax_id('010553600044')},{HIDDEN_NAME},02", "U+202E"),
    ],
)
def test_a_bad_contractor_row_is_named_and_nothing_is_saved(client, ita, row, message):
    good = f"{valid_tax_id('010553600045')},บริษัท ดี จำกัด,02"
    response = upload_contractors(client, ita, [good, row])
    assert response.status_code == 200
    assert message in page_of(response)
    assert ita.aa.contractors.count() == 0


def test_a_contractor_file_name_that_hides_its_type_is_refused(ita):
    content = f"tax id,name\n{valid_tax_id('010553600045')},บริษัท ดี จำกัด\n".encode()
    with pytest.raises(ValidationError, match="U\\+202E"):
        contractors.contractors_replace(
            actor=ita.alice, assessment=ita.aa, name="list\u202evsc.csv", content=content
        )
    assert ita.aa.contractors.count() == 0


def oit_page(client, ita):
    login(client, ita.alice)
    entry = oit.entries(ita.aa)[0]
    return entry, reverse("ita:oit_entry", args=[ita.aa.pk, entry.pk])


def test_an_oit_address_too_long_is_a_message_next_to_the_field(client, ita):
    entry, url = oit_page(client, ita)
    long_url = "https://bangsue.example/" + "a" * 1000
    response = client.post(url, {"step": "fill", "has_it": "yes", "urls": long_url, "version": 1})
    assert response.status_code == 200
    assert "ยาวได้ไม่เกิน 500 ตัวอักษร" in page_of(response)
    assert 'id="id_urls_error"' in page_of(response)
    assert not OitEvidence.objects.filter(entry=entry).exists()
    entry.refresh_from_db()
    assert entry.has_it is None


def test_an_oit_file_name_that_hides_its_type_is_refused(ita):
    entry = oit.entries(ita.aa)[0]
    upload = SimpleUploadedFile("report\u202efdp.exe.pdf", b"%PDF-1.4")
    with pytest.raises(ValidationError, match="U\\+202E"):
        oit.entry_fill(
            actor=ita.alice, assessment=ita.aa, entry=entry, has_it=True, note="", urls=[],
            files=[upload],
        )  # fmt: skip
    assert not OitEvidence.objects.filter(entry=entry).exists()


def test_setup_names_too_long_or_hidden_are_refused_and_nothing_changes(client, ita):
    login(client, ita.alice)
    data = {
        f"count_{ita.civil.pk}": "226",
        f"count_{ita.employee.pk}": "503",
        "eit_target": "500",
        "coordinator_name": "ก" * 5000,
        "executive_name": HIDDEN_NAME,
        "version": Assessment.objects.get(pk=ita.aa.pk).version,
    }
    populations = list(ita.aa.populations.values_list("group", "count"))
    response = client.post(reverse("ita:setup", args=[ita.aa.pk]), data)
    assert response.status_code == 200
    page = page_of(response)
    assert "ยาวได้ไม่เกิน 200 ตัวอักษร (ข้อความนี้มี 5000 ตัวอักษร)" in page
    assert "U+202E" in page
    assert Assessment.objects.get(pk=ita.aa.pk).coordinator_name == ita.aa.coordinator_name
    assert list(ita.aa.populations.values_list("group", "count")) == populations


def test_oversized_text_inputs_carry_no_maxlength_for_the_browser_to_cut(client, ita):
    login(client, ita.alice)
    page = page_of(client.get(reverse("ita:setup", args=[ita.aa.pk])))
    assert re.search(r'name="coordinator_name"', page)
    assert not re.search(r'name="(coordinator_(name|phone)|executive_[a-z]+)"[^>]*maxlength', page)


def test_a_division_past_the_keys_range_is_refused_and_nothing_changes(client, ita):
    """Found by the fuzz test: Django looked such a value up with IN, a 500 on SQLite."""
    login(client, ita.alice)
    data = {
        f"count_{ita.civil.pk}": "1",
        f"count_{ita.employee.pk}": "2",
        "eit_target": "500",
        "divisions": [str(ita.a_admin.pk), "9" * 30],
    }
    divisions = list(ita.aa.divisions.values_list("pk", flat=True))
    populations = list(ita.aa.populations.values_list("group", "count"))
    response = client.post(reverse("ita:setup", args=[ita.aa.pk]), data)
    assert response.status_code == 200
    assert "9" * 30 in page_of(response)  # named in the message next to the field
    assert list(ita.aa.divisions.values_list("pk", flat=True)) == divisions
    assert list(ita.aa.populations.values_list("group", "count")) == populations
