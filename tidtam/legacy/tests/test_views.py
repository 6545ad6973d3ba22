"""The import page: who may use it, side by side with unparsed lines highlighted, import."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tidtam.core.testing import Page, page_of
from tidtam.legacy.models import LegacyImport
from tidtam.legacy.tests.helpers import SAMPLE, SAMPLES, sample_text
from tidtam.projects.models import Project

pytestmark = pytest.mark.django_db
UPLOAD = reverse("legacy:upload")
IMPORT = reverse("legacy:import")


def upload(client, user, content: bytes, name="printout.txt"):
    client.force_login(user)
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, content)})


@pytest.mark.parametrize(
    ("username", "status"),
    [("root", 200), ("carol", 200), ("cody", 200), ("alice", 403), ("ed", 403), ("olive", 403)],
)
def test_who_sees_the_page(client, cast, username, status):
    client.force_login(getattr(cast, username))
    assert client.get(UPLOAD).status_code == status
    assert client.post(IMPORT, {}).status_code in {status, 302}


def test_a_file_name_that_hides_its_type_is_not_imported(client, cast):
    client.force_login(cast.root)
    response = client.post(IMPORT, {"source": sample_text(), "name": "a\u202etxt.exe"})
    assert response.status_code == 302
    assert not LegacyImport.objects.exists()


def test_anonymous_goes_to_login(client, cast):
    for url in (UPLOAD, IMPORT):
        response = client.post(url) if url == IMPORT else client.get(url)
        assert response.status_code == 302 and "/login/" in response.url


def test_side_by_side_preview_writes_nothing(client, cast):
    response = upload(client, cast.root, SAMPLE.read_bytes())
    assert response.status_code == 200
    page = page_of(response)
    assert "50310000-2961" in page and "นางสาวอรนิชา ศาลิคุปต์" in page
    assert 'id="line-113"' in page and "คิดเป็น 1.78%" in page
    assert "projects.project.created" in page  # the dry run
    assert Project.objects.count() == 0


def test_unparsed_lines_are_highlighted(client, cast):
    text = sample_text().replace("1.2 หน่วยงานที่รับผิดชอบ", "1.2 หน่วยงานที่รับผิดชอบ\nข้อความแปลกปลอม")
    page = page_of(upload(client, cast.root, text.encode()))
    assert '<tr class="unparsed" id="line-26">' in page
    marked = [Page(inside).text for inside in re.findall(r"<mark>(.*?)</mark>", page)]
    assert "ข้อความแปลกปลอม" in marked


def test_bad_file_is_named_with_its_problem(client, cast):
    page = page_of(upload(client, cast.carol, b"\x00\x01junk", "junk.pdf"))
    assert "junk.pdf" in page and 'role="alert"' in page


def test_import_then_nothing_to_change(client, cast):
    page = page_of(upload(client, cast.root, SAMPLE.read_bytes()))
    assert 'name="source"' in page
    response = client.post(IMPORT, {"source": sample_text(), "name": "a.txt"})
    assert response.status_code == 302
    assert response.url == reverse("projects:detail", kwargs={"code": "50310000-2961"})
    assert Project.objects.get().reports.count() == 10
    page = page_of(upload(client, cast.root, SAMPLE.read_bytes()))
    assert 'name="source"' not in page  # nothing to import


def test_coordinator_imports_a_followed_agency_only(client, cast):
    client.force_login(cast.cody)  # follows Chatuchak; the sample is Bang Sue's
    response = client.post(IMPORT, {"source": sample_text(), "name": "a.txt"})
    assert response.status_code == 200
    page = page_of(response)
    assert 'class="error-summary"' in page and "สำนักงานเขตบางซื่อ" in page
    assert Project.objects.count() == 0
    client.force_login(cast.carol)  # follows Bang Sue
    response = client.post(IMPORT, {"source": sample_text(), "name": "a.txt"})
    assert response.status_code == 302
    assert Project.objects.get().reports.filter(imported=True).count() == 10


def test_the_import_is_kept_as_proof(client, cast):
    client.force_login(cast.root)
    client.post(IMPORT, {"source": sample_text(), "name": "a.txt"})
    stored = LegacyImport.objects.get()
    assert stored.source.splitlines()[12] == "รหัสโครงการ... : 50310000-2961"
    url = reverse("legacy:detail", kwargs={"pk": stored.pk})
    page = page_of(client.get(url))
    assert 'id="line-113"' in page and "a.txt" in page
    client.force_login(cast.carol)  # follows agency A: may read the project
    assert client.get(url).status_code == 200
    client.force_login(cast.bob)  # another agency: as if it did not exist
    assert client.get(url).status_code == 404


def test_pdf_upload(client, cast):
    page = upload(client, cast.root, (SAMPLES / "legacy-printout-a.pdf").read_bytes(), "a.pdf")
    page = page_of(page)
    assert "50310000-2961" in page and 'class="unparsed"' in page  # the PDF's stray marks


def test_the_rounds_page_shows_imported_reports_as_such(client, cast):
    from tidtam.core.testing import visible_text
    from tidtam.rounds.services import calendar_create

    round_ = calendar_create(actor=cast.root, fiscal_year=2566).rounds.get(number=4)  # January
    client.force_login(cast.carol)
    client.post(IMPORT, {"source": sample_text(), "name": "a.txt"})  # report 1: 16/01/2566
    page = visible_text(client.get(reverse("followup:round", kwargs={"pk": round_.pk})))
    assert "50310000-2961" in page and "นำเข้าจากระบบเดิม" in page and "ไม่ได้รายงาน" not in page
