"""A large export goes to the worker; its page shows progress, and only its owner sees it."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tidtam.core.testing import page_of
from tidtam.followup import background
from tidtam.followup.models import ExportJob
from tidtam.projects.tests.factories import make_project


@pytest.fixture(autouse=True)
def _immediate_tasks(settings, tmp_path, monkeypatch):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(background, "LARGE_EXPORT_ROWS", 2)


def test_a_large_export_runs_in_the_background(client, cast, django_capture_on_commit_callbacks):
    for i in range(3):
        make_project(cast.alice, cast.a_admin, name=f"โครงการ {i}")
    make_project(cast.bob, cast.b_admin)
    client.force_login(cast.alice)
    url = reverse("followup:projects_export", kwargs={"fmt": "xlsx"})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url + "?fiscal_year=2566")
    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("followup:export_job", kwargs={"pk": job.pk})
    job.refresh_from_db()
    assert (job.status, job.done, job.total) == ("done", 3, 3)
    page = page_of(client.get(response["Location"]))
    assert "download" in page
    download = client.get(reverse("followup:export_job_download", kwargs={"pk": job.pk}))
    sheet = load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    assert sheet.max_row == 4  # the header and alice's three projects, not bob's
    # somebody else's job does not exist for them
    client.force_login(cast.anna)
    assert client.get(response["Location"]).status_code == 404
    assert (
        client.get(reverse("followup:export_job_download", kwargs={"pk": job.pk})).status_code
        == 404
    )


def test_a_small_export_is_downloaded_at_once(client, cast):
    make_project(cast.alice, cast.a_admin)
    client.force_login(cast.alice)
    response = client.get(reverse("followup:projects_export", kwargs={"fmt": "json"}))
    assert response.status_code == 200
    assert not ExportJob.objects.exists()


def test_progress_partial_for_htmx(client, cast):
    job = ExportJob.objects.create(requested_by=cast.alice, fmt="csv", total=10, done=4)
    client.force_login(cast.alice)
    response = client.get(
        reverse("followup:export_job", kwargs={"pk": job.pk}), headers={"HX-Request": "true"}
    )
    page = page_of(response)
    assert 'value="40"' in page
    assert "hx-trigger" in page
    assert "<html" not in page
