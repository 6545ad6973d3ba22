"""A project printed by tidtam's own official form, read back through pdftotext."""

import re
import shutil

import pytest

from tidtam.legacy.sources import parse_bytes
from tidtam.lib.richtext import to_plain_text
from tidtam.projects.models import Project

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils missing"),
]


def squeeze(text: str) -> str:
    return re.sub(r"\s", "", text)


@pytest.fixture
def printed(demo):
    services = pytest.importorskip("tidtam.documents.services")
    project = Project.objects.get(code="50310000-2961")
    _name, _type, pdf = services.form_print(actor=None, projects=[project])
    parsed, _text = parse_bytes(pdf)
    return project, parsed.to_dict()


def test_the_official_form_reads_back(printed):
    project, data = printed
    read = data["project"]
    assert read["code"] == project.code
    assert read["name"] == project.name
    assert read["fiscal_year"] == project.fiscal_year
    assert read["start_date"] == project.start_date.isoformat()
    assert read["end_date"] == project.end_date.isoformat()
    assert read["budget_received"] == str(project.budget_received)
    assert read["budget_used"] == "0.00"
    assert read["unit_path"] == project.responsible_unit.path_names()
    assert read["responsible"] == project.responsible_person
    assert read["coordinator"] == project.coordinator.full_name
    for name in ("rationale", "objectives", "targets"):
        assert squeeze(read[name]) == squeeze(to_plain_text(getattr(project, name)))
    target = project.plan_targets.get()
    assert read["plan_alignment"]["target"]["code"] == target.code
    assert read["plan_alignment"]["sub_strategy"]["code"] == target.parent.code
    assert read["plan_alignment"]["strategy"]["code"] == target.parent.parent.code
    assert squeeze(read["plan_alignment"]["kpi"]) == squeeze(project.kpis.get().title)
    reports = list(project.reports.order_by("number"))
    assert len(data["reports"]) == len(reports) == 10
    for item, report in zip(data["reports"], reports, strict=True):
        assert item["number"] == report.number
        assert item["date"] == report.date.isoformat()
        assert item["progress_percent"] == str(report.progress_percent)
        assert item["budget_disbursed"] == str(report.budget_disbursed)
        assert (item["plan_status"], item["target_status"]) == (
            report.plan_status,
            report.target_status,
        )
        assert squeeze(item["narrative"]) == squeeze(to_plain_text(report.narrative))
