from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tidtam.core.testing import page_of
from tidtam.ita.models import Assessment
from tidtam.ita.selectors import result


def test_ita_demo_is_idempotent(demo, framework):
    out = StringIO()
    call_command("ita_demo", stdout=out)
    call_command("ita_demo", stdout=out)
    sample = Assessment.objects.get(agency__agency_code="50310000")
    outcome = result(sample)
    assert (outcome["total"], outcome["level"], outcome["change"]) == ("95.52", "ผ่านดี", "9.30")
    assert Assessment.objects.count() == 2
    assert "/ita/s/" in out.getvalue()


def test_ita_demo_needs_the_core_demo(db):
    with pytest.raises(CommandError):
        call_command("ita_demo")


def test_open_reports_from_monitoring_data(client, demo, framework):
    """O11–O13 from the demo's accepted reports: the plan lists the agency's projects; the
    6-month report stops at 31 March 2566 (the sample project: 45 % after its report of 22
    March); the annual one at 30 September, where the sample's latest accepted report is 8
    (94 %): report 9 was returned and 10 waits in the queue."""
    from django.urls import reverse

    from tidtam.devdata.followup_demo import load_followup_demo
    from tidtam.ita.reports_link import document

    load_followup_demo()
    call_command("ita_demo", stdout=StringIO())
    sample = Assessment.objects.get(agency__agency_code="50310000")
    code = "50310000-2961"
    assert document(sample, "six_month")[f"{code}.progress_percent"] == "45.00"
    assert document(sample, "annual")[f"{code}.progress_percent"] == "94.00"
    assert document(sample, "annual")[f"{code}.report"] == 8
    for kind in ("operating_plan", "six_month", "annual"):
        page = client.get(reverse("ita:open_report", args=[sample.token, kind]))
        assert code in page_of(page)
