import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tidtam.core.models import AuditEntry
from tidtam.core.testing import page_of, visible_text
from tidtam.plans.models import PlanNode
from tidtam.projects.models import Project

SAMPLE = "50310000-2961"


def _login(client, username):
    assert client.login(username=username, password="demo")


def test_coordinator_sees_every_field_and_all_ten_reports_of_the_sample(client, demo):
    _login(client, "coordinator")
    response = client.get(reverse("projects:detail", kwargs={"code": SAMPLE}))
    page, text_of_page = page_of(response), visible_text(response)
    for text in [
        "กิจกรรมการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA)",
        SAMPLE,
        "2566",
        "1 ต.ค. 2565",
        "30 ก.ย. 2566",
        "สำนักงานเขตบางซื่อ / ฝ่ายปกครอง",
        "นางสาวอรนิชา ศาลิคุปต์",
        "ด้วยสำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ",
        "(พ.ศ. 2561 – 2580)",
        "ดำเนินการได้ตามวัตถุประสงค์",
        "ไม่ใช้ตำแหน่งหน้าที่ไปในทางที่มิชอบ",
        "การสร้างความเป็นมืออาชีพในการบริหารจัดการมหานคร",
        "๗.๓ – การบริหารทรัพยากรบุคคล",
        "๗.๓.๒ กรุงเทพมหานครมีระบบบริหารทรัพยากรบุคคลเข้มแข็ง",
        "มิติที่1 (2566)",
        "คิดเป็น 1.78%",
        "เพิ่มขึ้น 9.29 คะแนน",
    ]:
        assert text in text_of_page, text
    dates = re.findall(r'<time datetime="[^"]+">([^<]+)</time>', page)
    assert dates == [
        "16/01/2566", "21/01/2566", "22/02/2566", "22/03/2566", "21/04/2566",
        "23/05/2566", "22/06/2566", "24/07/2566", "24/08/2566", "07/09/2566",
    ]  # fmt: skip
    progress = re.findall(r"<dd>([\d.]+) %</dd>", page)
    assert progress == [
        "20.00", "30.00", "40.00", "45.00", "60.00", "80.00", "90.00", "94.00", "95.00", "100.00"
    ]  # fmt: skip
    assert page.text.count("เป็นไปตามแผน") >= 10


def test_load_demo_is_idempotent(demo):
    counts = (Project.objects.count(), AuditEntry.objects.count())
    call_command("load_demo", stdout=StringIO())
    assert (Project.objects.count(), AuditEntry.objects.count()) == counts


def test_reporter_registers_a_project_with_a_system_code_and_history(client, demo):
    _login(client, "reporter")
    create = page_of(client.get(reverse("projects:create")))
    unit_id = re.search(r'<option value="(\d+)"[^>]*>สำนักงานเขตบางซื่อ / ฝ่ายปกครอง<', create)[1]
    response = client.post(
        reverse("projects:create"),
        {
            "name": "โครงการจัดระเบียบทางเท้า",
            "fiscal_year": "๒๕๖๗",
            "start_date": "01/10/2566",
            "end_date": "30/09/2567",
            "budget_received": "๑๒,๕๐๐.๕๐",
            "responsible_unit": unit_id,
            "responsible_person": "นายสมชาย ใจดี",
            "rationale": "บรรทัดแรก\nบรรทัดที่สอง",
        },
    )
    assert response.status_code == 302
    project = Project.objects.get(name="โครงการจัดระเบียบทางเท้า")
    assert project.code == "50310000-2962" or project.code.startswith("50310000-")
    assert str(project.budget_received) == "12500.50"
    assert project.rationale == "<p>บรรทัดแรก</p><p>บรรทัดที่สอง</p>"
    page = page_of(client.get(response["Location"]))
    assert "บันทึกโครงการ" in page
    assert "12,500.50" in page


def test_letters_in_the_budget_are_refused_and_nothing_is_saved(client, demo):
    _login(client, "reporter")
    before = (Project.objects.count(), AuditEntry.objects.count())
    response = client.post(
        reverse("projects:create"),
        {"name": "x", "fiscal_year": "2567", "start_date": "01/10/2566",
         "end_date": "30/09/2567", "budget_received": "หนึ่งแสน"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "กรอกตัวเลข" in page_of(response)
    assert (Project.objects.count(), AuditEntry.objects.count()) == before


def test_editing_records_before_and_after(client, demo):
    _login(client, "reporter")
    project = Project.objects.get(code=SAMPLE)
    url = reverse("projects:edit", kwargs={"code": SAMPLE})
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data["responsible_unit"] = project.responsible_unit_id
    data["coordinator"] = project.coordinator_id
    data["plan_targets"] = [t.pk for t in project.plan_targets.all()]
    data["kpis"] = [k.pk for k in project.kpis.all()]
    data["start_date"] = "01/10/2565"
    data["end_date"] = "30/09/2566"
    data["responsible_person"] = "ฝ่ายปกครอง สำนักงานเขตบางซื่อ"
    response = client.post(url, {k: v for k, v in data.items() if v is not None})
    assert response.status_code == 302, response.context["form"].errors
    entry = AuditEntry.objects.filter(action="projects.project.changed").get()
    assert entry.changes == {
        "responsible_person": ["ฝ่ายปกครอง", "ฝ่ายปกครอง สำนักงานเขตบางซื่อ"],
        "version": [1, 2],  # the save is counted: a form loaded before it is stale now
    }
    assert entry.actor.username == "reporter"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=2961", ["50310000-2961"]),
        ("q=สะพาน", ["11000000-1"]),
        ("status=behind_plan", ["50300000-1"]),
        ("status=not_started", ["50310000-2962"]),
        ("status=completed", ["50310000-2961"]),
        ("fiscal_year=๒๕๖๖&q=ทางเท้า", ["50300000-1"]),
    ],
)
def test_list_filters(client, demo, query, expected):
    _login(client, "admin")
    page = page_of(client.get(reverse("projects:list") + "?" + query))
    assert re.findall(r'href="/projects/([\d-]+)/"', page) == expected


def test_list_and_project_page_query_counts_do_not_grow_with_data(client, demo):
    _login(client, "admin")
    with CaptureQueriesContext(connection) as listing:
        client.get(reverse("projects:list"))
    with CaptureQueriesContext(connection) as detail:
        client.get(reverse("projects:detail", kwargs={"code": SAMPLE}))
    assert len(listing) <= 9  # session, user, memberships, filter choices, count, page, …
    assert len(detail) <= 14


def test_follow_up_lists_followed_projects_without_a_report_this_month(client, demo, settings):
    import datetime as dt
    from unittest import mock

    _login(client, "coordinator")
    with mock.patch("django.utils.timezone.localdate", return_value=dt.date(2023, 1, 20)):
        page = page_of(client.get(reverse("followup:follow_up")))
    listed = re.findall(r'href="/projects/([\d-]+)/"', page)
    assert "50310000-2961" not in listed  # reported on 16 January
    assert "50300000-1" in listed  # last reported in December
    assert "11000000-1" not in listed  # an agency the coordinator does not follow


def test_thai_by_default_even_for_an_english_browser_and_english_on_request(client, demo):
    _login(client, "coordinator")
    url = reverse("projects:list")
    assert "ค้นหารหัสหรือชื่อโครงการ" in page_of(client.get(url, HTTP_ACCEPT_LANGUAGE="en-US"))
    client.post(reverse("set_language"), {"language": "en", "next": url})
    assert "Search code or name" in page_of(client.get(url))


def test_services_sanitise_rich_text_whatever_calls_them(cast):
    from tidtam.projects.services import project_update
    from tidtam.projects.tests.factories import make_project

    project = make_project(
        cast.alice, cast.a_admin, rationale="<p onclick='x'>ก</p><script>y</script>"
    )
    assert project.rationale == "<p>ก</p>"
    project = project_update(
        actor=cast.alice, project=project, targets="<ol><li style='a'>ข</li></ol>"
    )
    assert project.targets == "<ol><li>ข</li></ol>"


def test_list_filters_by_plan_strategy(client, demo):
    """The dashboard's strategy rows drill down here: the sample is aligned with ๗.๓.๒."""
    _login(client, "admin")
    seven = PlanNode.objects.get(kind=PlanNode.Kind.STRATEGY, code_key="7")
    page = visible_text(client.get(reverse("projects:list"), {"strategy": seven.pk}))
    assert SAMPLE in page
    other = PlanNode.objects.create(kind=PlanNode.Kind.STRATEGY, parent=seven.parent, code="๑")
    page = visible_text(client.get(reverse("projects:list"), {"strategy": other.pk}))
    assert SAMPLE not in page and "0 โครงการ" in page
    assert "ไม่พบโครงการตามเงื่อนไขนี้" in page  # the empty table says so


def test_the_list_reads_no_long_text_of_its_projects(client, demo):
    """The list shows codes, names, units and figures: the form's long texts (a rationale
    may run to pages) are not read for its 50 rows."""
    _login(client, "coordinator")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("projects:list"))
    assert SAMPLE in visible_text(response)
    rows = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith("SELECT")]
    assert any('"projects_project"."code"' in sql for sql in rows)
    assert not [sql for sql in rows if '"projects_project"."rationale"' in sql]
