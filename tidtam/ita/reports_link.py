"""OIT items that tidtam's own monitoring data produces (O11–O13 in FY2566): the agency's
annual operating plan, its 6-month progress report and its annual results report
(``tidtam.annual``), published at a public address the agency gives as evidence. The page shows
the document's summary table, built now from the accepted reports, and links the XLSX and the
verifiable PDF: the latest copy the agency printed, given again from its stored snapshot."""

from django.conf import settings
from django.urls import reverse

from tidtam.annual import build, printing
from tidtam.documents.models import PrintedForm
from tidtam.ita.models import Assessment

KINDS = set(build.KINDS)  # the values of OitItem.Source that tidtam produces


def tidtam_report_url(assessment: Assessment, kind: str) -> str:
    path = reverse("ita:open_report", args=[assessment.token, kind])
    return settings.SITE_URL.rstrip("/") + path


def document(assessment: Assessment, kind: str) -> dict:
    """The agency's document of the assessment's fiscal year, as its data is now."""
    return build.document(assessment.agency, assessment.framework.fiscal_year, kind)


def published(assessment: Assessment, kind: str) -> PrintedForm | None:
    """The latest copy of the document the agency printed: the one the OIT discloses."""
    copies = printing.latest_copies(assessment.agency.agency_code, assessment.framework.fiscal_year)
    return copies.get(kind)
