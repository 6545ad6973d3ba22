"""Two officers edit the same draft report inline: the later save from an older page is
refused with what changed, inside the report's own box, and nothing is overwritten."""

from django.urls import reverse

from tidtam.core.testing import form_data, page_of, session
from tidtam.reports.models import ProgressReport

SAMPLE = "50310000-2961"
URL = reverse("reports:edit", kwargs={"code": SAMPLE, "number": 3})
HTMX = {"HX-Request": "true"}


def test_a_stale_inline_save_is_refused_then_reapplied(demo):
    first, second = session("reporter"), session("approver")
    mine = form_data(first.get(URL, headers=HTMX))
    theirs = form_data(second.get(URL, headers=HTMX))
    assert first.post(URL, {**mine, "progress_percent": "41"}, headers=HTMX).status_code == 204

    refused = second.post(URL, {**theirs, "delay_note": "ฝนตกหนัก"}, headers=HTMX)

    report = ProgressReport.objects.get(project__code=SAMPLE, number=3)
    assert (str(report.progress_percent), report.delay_note) == ("41.00", "")
    page = page_of(refused)
    assert refused.status_code == 200 and 'id="stale-edit"' in page and "<html" not in page
    again = form_data(refused)
    assert (str(again["progress_percent"]), again["delay_note"]) == ("41.00", "ฝนตกหนัก")
    assert second.post(URL, again, headers=HTMX).status_code == 204
    report.refresh_from_db()
    assert (str(report.progress_percent), report.delay_note) == ("41.00", "ฝนตกหนัก")
