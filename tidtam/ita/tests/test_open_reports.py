"""O11–O13: the OIT's public address shows the agency's annual document (``tidtam.annual``):
its summary table from the accepted reports, the XLSX, and the latest copy the agency printed
as a verifiable PDF. Public, read-only: a GET records nothing."""

import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from tidtam.annual.tests.helpers import NAMES, make_documents_data
from tidtam.core.testing import page_of
from tidtam.documents.models import PrintedForm
from tidtam.documents.tests.helpers import pdf_text
from tidtam.ita import reports_link
from tidtam.ita.models import OitItem
from tidtam.projects.tests.factories import make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def made(ita):
    return make_documents_data(ita)


def _url(name, assessment, kind):
    return reverse(f"ita:{name}", args=[assessment.token, kind])


def test_the_kinds_are_the_oit_sources_tidtam_produces():
    assert {value for value in OitItem.Source.values if value} == reports_link.KINDS


def test_the_public_page_shows_the_document_built_from_accepted_reports(client, ita, made):
    page = page_of(client.get(_url("open_report", ita.aa, "six_month")))
    assert "รายงานความก้าวหน้ารอบ 6 เดือน" in page
    assert made.p1.code in page and NAMES["p1"] in page
    assert "30,000.75" in page and "ล่าช้ากว่าแผน" in page  # P1: accepted to 31 March
    assert "9,999.99" not in page  # P2's returned report
    assert "400,000.00" in page  # the total budget
    assert _url("open_report_pdf", ita.aa, "six_month") not in page  # not printed yet
    assert client.get(_url("open_report_pdf", ita.aa, "six_month")).status_code == 404
    book = load_workbook(io.BytesIO(client.get(_url("open_report_xlsx", ita.aa, "annual")).content))
    values = [cell for row in book.active.iter_rows(values_only=True) for cell in row]
    assert made.p3.code in values and NAMES["p3"] in values
    other = page_of(client.get(_url("open_report", ita.bb, "operating_plan")))
    assert made.other.code in other and made.p1.code not in other
    assert client.get(_url("open_report", ita.aa, "other")).status_code == 404
    assert client.get(_url("open_report_xlsx", ita.aa, "other")).status_code == 404
    assert client.get(reverse("ita:open_report", args=["no-such", "annual"])).status_code == 404


def test_the_public_pdf_is_the_latest_copy_the_agency_printed(client, ita, made):
    client.force_login(ita.alice)
    kwargs = {"agency": "50310000", "year": 2566, "kind": "annual"}
    client.post(reverse("annual:pdf", kwargs=kwargs))
    client.post(reverse("annual:pdf", kwargs=kwargs))
    latest = PrintedForm.objects.order_by("-printed_at", "-pk").first()
    client.logout()
    page = page_of(client.get(_url("open_report", ita.aa, "annual")))
    assert latest.code in page and latest.get_absolute_url() in page
    answer = client.get(_url("open_report_pdf", ita.aa, "annual"))
    assert answer["Content-Type"] == "application/pdf"
    (attached,) = PdfReader(io.BytesIO(answer.content)).attachments.values()
    assert attached[0] == latest.data.encode()
    text = pdf_text(answer.content)
    assert latest.code in text and re.search(r"ณ วันที่ 30 กันยายน 2566", text)
    assert PrintedForm.objects.count() == 2  # giving it again recorded nothing
    assert client.get(_url("open_report_pdf", ita.aa, "six_month")).status_code == 404


def test_the_public_page_reads_the_same_queries_however_many_projects(client, ita, made):
    url = _url("open_report", ita.aa, "annual")
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for index in range(3):
        make_project(ita.alice, ita.a_admin, name=f"โครงการเพิ่ม {index}")
    with CaptureQueriesContext(connection) as more:
        client.get(url)
    assert len(few) == len(more) == 7
