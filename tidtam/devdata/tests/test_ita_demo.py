from decimal import Decimal
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
    """O11–O13: the plan lists the agency's projects; the 6-month report stops at 31 March
    2566 (the sample project: 45 % after its report of 22 March); the annual one at 30
    September (100 %)."""
    from django.urls import reverse

    from tidtam.ita.reports_link import report_rows
    from tidtam.projects.models import Project

    call_command("ita_demo", stdout=StringIO())
    sample = Assessment.objects.get(agency__agency_code="50310000")
    project = Project.objects.get(code="50310000-2961")
    six = {row["project"].pk: row for row in report_rows(sample, "six_month")}
    annual = {row["project"].pk: row for row in report_rows(sample, "annual")}
    assert six[project.pk]["progress"] == Decimal("45.00")
    assert annual[project.pk]["progress"] == Decimal("100.00")
    for kind in ("operating_plan", "six_month", "annual"):
        page = client.get(reverse("ita:open_report", args=[sample.token, kind]))
        assert project.code in page_of(page)
