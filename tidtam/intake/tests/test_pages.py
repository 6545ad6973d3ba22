"""The upload page: who may use it, the preview, the import, the background run of a large
file, and the templates and export to download."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tidtam.core.models import AuditEntry
from tidtam.core.testing import page_of
from tidtam.intake.models import SetupImport
from tidtam.intake.tests.helpers import project_row, workbook
from tidtam.orgs.models import Unit, User
from tidtam.projects.models import Project


def client_of(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def upload(client: Client, data: bytes, name: str = "projects.xlsx"):
    return client.post(reverse("intake:upload"), {"file": SimpleUploadedFile(name, data)})


def test_a_coordinator_previews_and_imports_projects_of_an_agency_they_follow(cast):
    client = client_of(cast.carol)
    response = upload(client, workbook({"projects": [project_row(coordinator="carol")]}))
    record = SetupImport.objects.get()
    assert response.url == reverse("intake:detail", kwargs={"pk": record.pk})
    preview = page_of(client.get(response.url))
    assert "สร้างใหม่ 1 รายการ" in preview and "โครงการทดสอบนำเข้า" in preview
    assert not Project.objects.exists()  # a preview writes nothing

    response = client.post(reverse("intake:confirm", kwargs={"pk": record.pk}), follow=True)

    project = Project.objects.get()
    assert project.agency == cast.a and project.coordinator == cast.carol
    assert "นำเข้าแล้ว: สร้างใหม่ 1 รายการ แก้ไข 0 รายการ" in page_of(response)
    assert AuditEntry.objects.filter(action="intake.setup.imported").count() == 1
    result = client.get(reverse("intake:result", kwargs={"pk": record.pk}))
    assert "โครงการทดสอบนำเข้า" in b"".join(result.streaming_content).decode()


def test_a_coordinator_cannot_import_projects_of_an_agency_they_do_not_follow(cast):
    response = upload(client_of(cast.cody), workbook({"projects": [project_row()]}))
    page = page_of(response)
    assert response.status_code == 200
    assert "นำเข้าได้เฉพาะโครงการของหน่วยงานที่ท่านติดตาม" in page
    assert "D (รหัสหน่วยงานที่รับผิดชอบ)" in page
    assert not SetupImport.objects.exists() and not Project.objects.exists()


def test_a_coordinator_cannot_import_units(cast):
    units = [["X1", "ฝ่ายใหม่", "ฝ่าย/กอง", "50310000"]]
    page = page_of(upload(client_of(cast.carol), workbook({"units": units})))
    assert "เฉพาะผู้ดูแลระบบเท่านั้นที่นำเข้าหน่วยงาน บุคลากร และแผนได้" in page
    assert not Unit.objects.filter(code="X1").exists()


@pytest.mark.parametrize("who", ["alice", "ed", "olive"])
def test_others_are_refused(cast, who):
    client = client_of(getattr(cast, who))
    assert client.get(reverse("intake:upload")).status_code == 403
    assert upload(client, workbook({"projects": [project_row()]})).status_code == 403
    assert client.get(reverse("intake:template")).status_code == 403


def test_someone_elses_upload_is_a_404(cast):
    upload(client_of(cast.carol), workbook({"projects": [project_row()]}))
    record = SetupImport.objects.get()
    other = client_of(cast.root)
    assert other.get(reverse("intake:detail", kwargs={"pk": record.pk})).status_code == 404
    confirm = reverse("intake:confirm", kwargs={"pk": record.pk})
    assert other.post(confirm).status_code == 404
    assert not Project.objects.exists()


def test_a_bad_file_shows_each_problem_with_row_and_column(cast):
    row = project_row(budget_received="ไม่ทราบ")
    page = page_of(upload(client_of(cast.root), workbook({"projects": [row]})))
    assert "ไม่ทราบ” ไม่ใช่จำนวนเงินบาท" in page.text
    assert "E (งบประมาณที่ได้รับ (บาท))" in page.text


def test_a_large_file_is_imported_in_the_background_with_progress(cast, settings, monkeypatch):
    from tidtam.intake import services, views

    monkeypatch.setattr(services, "LARGE_IMPORT_ROWS", 2)
    queued = []
    monkeypatch.setattr(views.jobs, "enqueue", lambda job, task: queued.append(job.pk))
    rows = [project_row(name=f"โครงการที่ {n}") for n in range(5)]
    client = client_of(cast.root)
    record_url = upload(client, workbook({"projects": rows})).url
    record = SetupImport.objects.get()
    client.post(reverse("intake:confirm", kwargs={"pk": record.pk}))
    assert queued == [record.pk] and not Project.objects.exists()
    progress = page_of(client.get(record_url, headers={"HX-Request": "true"}))
    assert "0 จาก 5 แถว" in progress and "hx-get" in progress

    services.upload_run(SetupImport.objects.get(pk=record.pk))  # what the worker does

    assert Project.objects.count() == 5
    assert "นำเข้าแล้ว" in page_of(client.get(record_url))


def test_templates_have_the_thai_headers(cast):
    client = client_of(cast.root)
    response = client.get(
        reverse("intake:template_kind", kwargs={"kind": "projects", "fmt": "csv"})
    )
    assert response.content.decode("utf-8-sig").startswith("รหัสโครงการ,ปีงบประมาณ,ชื่อโครงการ")
    response = client.get(reverse("intake:template"))
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["หน่วยงาน", "บุคลากร", "แผน", "ตัวชี้วัด", "โครงการ"]
    assert client.get("/intake/template/nope.xlsx").status_code == 404


def test_only_admins_export(cast):
    assert client_of(cast.carol).get(reverse("intake:export")).status_code == 403
    response = client_of(cast.root).get(reverse("intake:export"), {"fiscal_year": "2566"})
    book = load_workbook(io.BytesIO(response.content))
    assert [row[0] for row in book["หน่วยงาน"].iter_rows(min_row=2, values_only=True)][
        1
    ] == "50310000"


def test_a_new_person_sets_their_own_password(cast, mailoutbox, django_capture_on_commit_callbacks):
    from tidtam.intake.services import import_setup

    people = [["somsri", "นางสมศรี ดีงาม", "somsri@example.org", "", "50310000", "ผู้รายงาน"]]
    with django_capture_on_commit_callbacks(execute=True):
        outcome = import_setup(actor=cast.root, files=[("p.xlsx", workbook({"people": people}))])
    link = outcome.links["somsri"]
    [mail] = mailoutbox
    assert mail.to == ["somsri@example.org"] and link in mail.body
    client = Client()
    page = client.get(link, follow=True)
    assert "ตั้งรหัสผ่าน" in page_of(page)
    response = client.post(
        page.redirect_chain[-1][0] if page.redirect_chain else link,
        {"new_password1": "Kh0ngDee-2566", "new_password2": "Kh0ngDee-2566"},
    )
    assert response.status_code == 302
    assert User.objects.get(username="somsri").check_password("Kh0ngDee-2566")
