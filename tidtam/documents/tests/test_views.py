"""Who may print, verify and batch print."""

import hashlib
import io
import re
import zipfile
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tidtam.core.testing import page_of
from tidtam.documents.formview import verify_url
from tidtam.documents.models import PrintBatch, PrintedForm, new_code
from tidtam.projects.services import project_update

SAMPLE = "50310000-2961"
FORM_URL = reverse("documents:form_pdf", kwargs={"code": SAMPLE})


def _login(client, username):
    assert client.login(username=username, password="demo")


def test_a_reader_of_the_project_downloads_the_pdf(client, sample):
    _login(client, "coordinator")
    response = client.post(FORM_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="tidtam-form-')
    assert response.content.startswith(b"%PDF-")
    printed = PrintedForm.objects.get()
    assert printed.printed_by.username == "coordinator"


def test_a_link_followed_prints_nothing(client, sample):
    _login(client, "coordinator")
    assert client.get(FORM_URL).status_code == 405  # a crawler or a prefetch
    assert not PrintedForm.objects.exists()


def test_another_agency_gets_404_and_anonymous_is_sent_to_log_in(client, cast, sample):
    client.force_login(cast.bob)  # a reporter of Chatuchak, not Bang Sue
    assert client.post(FORM_URL).status_code == 404
    client.force_login(cast.olive)  # no role at all
    assert client.post(FORM_URL).status_code == 404
    assert client.post(reverse("documents:form_pdf", kwargs={"code": "nope"})).status_code == 404
    client.logout()
    response = client.post(FORM_URL)
    assert response.status_code == 302 and reverse("login") in response["Location"]
    assert not PrintedForm.objects.exists()


def test_the_verify_page_is_public_and_shows_what_the_paper_shows(client, sample):
    _login(client, "reporter")
    pdf = client.post(FORM_URL).content
    printed = PrintedForm.objects.get()
    (attached,) = PdfReader(io.BytesIO(pdf)).attachments.values()
    client.logout()
    page = client.get(reverse("documents:verify", kwargs={"code": printed.code.lower()}))
    assert page.status_code == 200
    html = page_of(page)
    assert printed.code in html and SAMPLE in html and sample.name in html
    assert "นายสมชาย ใจดี" in html
    assert hashlib.sha256(attached[0]).hexdigest() in html  # the hash of the attachment
    assert 'id="unchanged"' in html
    assert "ข้าราชการ จำนวน 12 คน" not in html  # no project content for the public


def test_the_verify_page_lists_changed_fields_values_only_for_readers(client, sample, reporter):
    _login(client, "reporter")
    client.post(FORM_URL)
    printed = PrintedForm.objects.get()
    project_update(actor=reporter, project=sample, budget_received=Decimal("5000.00"))
    report = sample.reports.get(number=3)
    report.progress_percent = Decimal("41.00")
    report.save()
    url = reverse("documents:verify", kwargs={"code": printed.code})
    html = page_of(client.get(url))
    assert 'id="changed"' in html
    assert "งบประมาณที่ได้รับ" in html
    assert "รายงานครั้งที่ 3 : ความก้าวหน้าของงานฯ" in html
    assert "5000.00" in html and "41.00" in html  # the reporter may read the project
    client.logout()
    html = page_of(client.get(url))
    assert "งบประมาณที่ได้รับ" in html
    assert "5000.00" not in html and "41.00" not in html


def test_an_unknown_code_is_404(client, db):
    assert client.get(reverse("documents:verify", kwargs={"code": "NOPE"})).status_code == 404


@pytest.mark.parametrize("code", [new_code(), "ABCD-2345", "ก ข"])
def test_the_printed_link_is_the_verify_page(code, settings):
    """The form builds its link without ``reverse`` (no URLconf to load): it must be the
    route's own address."""
    settings.SITE_URL = "https://tidtam.example.go.th/"
    expected = "https://tidtam.example.go.th" + reverse("documents:verify", kwargs={"code": code})
    assert verify_url(code) == expected


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def test_batch_print_of_a_unit_runs_in_the_background_with_progress(
    client, demo, immediate_tasks, settings, tmp_path, django_capture_on_commit_callbacks
):
    from tidtam.orgs.models import Unit

    settings.MEDIA_ROOT = tmp_path
    _login(client, "coordinator")
    unit = Unit.objects.get(agency_code="50310000")
    page = client.get(reverse("documents:batch_new"))
    assert page.status_code == 200
    # the job goes to the worker once the batch is committed
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("documents:batch_new"), {"unit": unit.pk, "fiscal_year": 2566}
        )
    batch = PrintBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("documents:batch_detail", kwargs={"pk": batch.pk})
    assert batch.status == PrintBatch.Status.DONE and batch.done == batch.total == 2
    fragment = client.get(response["Location"], headers={"HX-Request": "true"})
    html = page_of(fragment)
    assert 'id="progress"' in html and 'value="100"' in html and "<html" not in html
    assert "hx-trigger" not in html  # finished: the page stops polling
    download = client.get(reverse("documents:batch_download", kwargs={"pk": batch.pk}))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    assert len(archive.namelist()) == 2
    assert PrintedForm.objects.filter(batch=batch).count() == 2
    _login(client, "reporter")  # someone else's batch
    assert client.get(response["Location"]).status_code == 404


def test_a_running_batch_page_polls(client, demo, settings):
    from tidtam.orgs.models import Unit, User

    user = User.objects.get(username="coordinator")
    batch = PrintBatch.objects.create(
        requested_by=user, unit=Unit.objects.get(agency_code="50310000"), fiscal_year=2566,
        total=4, done=1, status=PrintBatch.Status.RUNNING,
    )  # fmt: skip
    _login(client, "coordinator")
    html = page_of(client.get(reverse("documents:batch_detail", kwargs={"pk": batch.pk})))
    assert 'hx-trigger="every 1s"' in html and 'value="25"' in html


def test_batch_form_offers_only_readable_units(client, cast):
    client.force_login(cast.bob)
    response = client.post(reverse("documents:batch_new"), {"unit": cast.a.pk, "fiscal_year": 2566})
    assert response.status_code == 200  # the form refuses another agency's unit
    assert not PrintBatch.objects.exists()


def test_changed_rich_text_is_shown_without_tags(client, sample, reporter):
    _login(client, "reporter")
    client.post(FORM_URL)
    printed = PrintedForm.objects.get()
    project_update(actor=reporter, project=sample, targets="<ul><li>เป้าหมายใหม่</li></ul>")
    html = page_of(client.get(reverse("documents:verify", kwargs={"code": printed.code})))
    assert "เป้าหมายใหม่" in html
    assert "&lt;li&gt;" not in html and "&lt;p&gt;" not in html


def test_the_history_names_a_print_in_words_not_by_its_key(client, demo):
    _login(client, "reporter")
    client.post(reverse("documents:form_pdf", kwargs={"code": SAMPLE}))
    page = page_of(client.get(reverse("projects:detail", kwargs={"code": SAMPLE})))
    assert "พิมพ์แบบรายงานความก้าวหน้า" in page
    assert not re.search(r"\b(documents|projects|reports)\.\w+\.\w+\b", page.text)
