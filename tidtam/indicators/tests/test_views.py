from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tidtam.core.testing import page_of
from tidtam.indicators import services
from tidtam.indicators.models import QuarterResult
from tidtam.indicators.tests.helpers import file_result, make_year, now_quarter
from tidtam.reports.models import ReviewStatus as S

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _detail(year):
    return reverse("indicators:detail", args=[year.indicator.code]) + f"?year={year.fiscal_year}"


@pytest.fixture
def years(cast):
    """A's indicator (run by its ฝ่ายปกครอง), another of A's ฝ่ายโยธา, and B's."""
    return (
        make_year(cast),
        make_year(cast, unit=cast.a_works, name="ของฝ่ายโยธา"),
        make_year(cast, agency=cast.b, unit=cast.b_admin, name="ของจตุจักร"),
    )


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("alice", {"5031-0001"}),  # a unit sees its own
        ("ed", {"5031-0001", "5031-0002"}),  # the agency's executive its agency
        ("carol", {"5031-0001", "5031-0002"}),  # the coordinator the agency they follow
        ("cody", {"5030-0001"}),
        ("chief", {"5031-0001", "5031-0002", "5030-0001"}),  # the city's executive
        ("root", {"5031-0001", "5031-0002", "5030-0001"}),
        ("olive", set()),
    ],
)
def test_each_reads_the_indicators_of_their_scope(client, cast, years, who, sees):
    client.force_login(getattr(cast, who))
    page = client.get(reverse("indicators:index"))
    assert page.status_code == 200
    assert {c for c in ("5031-0001", "5031-0002", "5030-0001") if c in page_of(page)} == sees
    for year in years:
        answer = client.get(_detail(year))
        assert answer.status_code == (200 if year.indicator.code in sees else 404)


def test_another_agencys_indicator_is_a_404_for_every_page(client, cast, years):
    mine, _works, theirs = years
    fiscal_year, quarter = now_quarter()
    client.force_login(cast.alice)
    code = theirs.indicator.code
    assert (
        client.get(reverse("indicators:result", args=[code, fiscal_year, quarter])).status_code
        == 404
    )
    for action in ("submit", "accept", "return"):
        url = reverse("indicators:step", args=[code, fiscal_year, quarter, action])
        assert client.post(url).status_code == 404
    assert (
        client.post(reverse("indicators:assess", args=[code, fiscal_year, quarter])).status_code
        == 404
    )
    row = file_result(cast, theirs, quarter, "25", actor=cast.bob)
    del row
    client.force_login(cast.cody)
    assert client.get(_detail(mine)).status_code == 404


def test_the_unit_files_a_quarter_and_the_coordinator_reviews_and_assesses(client, cast, years):
    year = years[0]
    fiscal_year, quarter = now_quarter()
    target = year.quarter_target(quarter)
    client.force_login(cast.alice)
    url = reverse("indicators:result", args=[year.indicator.code, fiscal_year, quarter])
    form = client.get(url)
    assert form.status_code == 200
    refused = client.post(url, {"result": "๑", "narrative": "ทำแล้ว", "reason": ""})
    assert refused.status_code == 200 and "reason" in refused.context["form"].errors
    assert not QuarterResult.objects.exists()
    saved = client.post(
        url,
        {
            "result": f"{target + Decimal('0.25')}",
            "narrative": "ดำเนินการตามแผน ตามหนังสือลงวันที่ 16/01/2566",
            "reason": "",
            "files": [SimpleUploadedFile("หลักฐาน.pdf", b"%PDF-1.4\n")],
        },
    )
    assert saved.status_code == 302
    row = QuarterResult.objects.get()
    assert row.evidence.count() == 1
    step = reverse("indicators:step", args=[year.indicator.code, fiscal_year, quarter, "submit"])
    assert client.post(step).status_code == 302
    client.force_login(cast.carol)
    back = reverse("indicators:step", args=[year.indicator.code, fiscal_year, quarter, "return"])
    refused = client.post(back, {"comment": ""})
    assert refused.status_code == 400
    assert "ระบุสิ่งที่หน่วยงานต้องแก้ไข" in page_of(refused)
    row.refresh_from_db()
    assert row.status == S.SUBMITTED
    client.post(back, {"comment": "แนบรูปภาพ"})
    row.refresh_from_db()
    assert row.status == S.RETURNED
    client.force_login(cast.alice)
    assert "แนบรูปภาพ" in page_of(client.get(_detail(year)))
    client.post(url, {"result": f"{target}", "narrative": "แก้ไขแล้ว", "version": row.version})
    client.post(step)
    client.force_login(cast.carol)
    accept = reverse("indicators:step", args=[year.indicator.code, fiscal_year, quarter, "accept"])
    assert client.post(accept).status_code == 302
    assess = reverse("indicators:assess", args=[year.indicator.code, fiscal_year, quarter])
    assert client.post(assess, {"score": "๑๐๐", "second": "50", "note": ""}).status_code == 302
    page = page_of(client.get(_detail(year)))
    assert f"ไตรมาสที่ {quarter}: 100" in page
    assert "100 / 50" in page
    assert f"{target:.2f}" in page


def test_the_page_shows_the_old_systems_lines(client, cast, years):
    year = years[0]
    fiscal_year = year.fiscal_year
    row = file_result(cast, year, 1, "104.15")
    services.result_step(actor=cast.alice, row=row, action="submit")
    services.assess(actor=cast.carol, year=year, quarter=1, score=Decimal(100), second=Decimal(100))
    client.force_login(cast.carol)
    page = page_of(client.get(_detail(year)))
    assert f"{year.name} : {year.indicator.code}" in page
    assert "104.15" in page
    assert "ไตรมาสที่ 1: 100" in page
    assert "ที่มาของตัวเลข" in page or "Where the number comes from" in page
    assert f"{fiscal_year}" in page


def test_agency_page_groups_by_dimension_with_met(client, cast, years):
    year = years[0]
    row = file_result(cast, year, 1, "20")
    services.result_step(actor=cast.alice, row=row, action="submit")
    client.force_login(cast.ed)
    page = client.get(reverse("indicators:agency", args=["50310000", year.fiscal_year]))
    assert page.status_code == 200
    groups = page.context["groups"]
    assert [g.dimension for g in groups] == [1]
    assert groups[0].met == 0  # 20 against the annual 80
    client.force_login(cast.cody)
    assert (
        client.get(reverse("indicators:agency", args=["50310000", year.fiscal_year])).status_code
        == 404
    )


def test_city_view_and_its_exports_are_for_executives(client, cast, years):
    fiscal_year = years[0].fiscal_year
    client.force_login(cast.alice)
    assert client.get(reverse("indicators:city", args=[fiscal_year])).status_code == 404
    client.force_login(cast.chief)
    page = client.get(reverse("indicators:city", args=[fiscal_year]))
    assert page.status_code == 200
    assert [(r.key, r.total) for r in page.context["board"].agencies] == [
        ("50300000", 1),
        ("50310000", 2),
    ]
    csv = client.get(reverse("indicators:city_export", args=[fiscal_year, "csv"]))
    assert csv.status_code == 200 and "50310000" in csv.content.decode("utf-8-sig")
    xlsx = client.get(reverse("indicators:city_export", args=[fiscal_year, "xlsx"]))
    assert xlsx.content[:2] == b"PK"
    assert (
        client.get(reverse("indicators:city_export", args=[fiscal_year, "pdf"])).status_code == 404
    )


def test_the_city_view_counts_met_as_the_agency_page_finds_it(client, cast):
    import datetime as dt

    from tidtam.projects.models import ProjectFigures
    from tidtam.projects.services import project_create

    def filed(year, quarter, value):
        row = file_result(cast, year, quarter, value)
        services.result_step(actor=cast.alice, row=row, action="submit")

    higher = make_year(cast, fiscal_year=2566)  # target 80: the latest filed quarter, 50
    filed(higher, 1, "90")
    filed(higher, 2, "50")
    file_result(cast, higher, 3, "95")  # a draft does not count
    lower = make_year(cast, fiscal_year=2566, name="ลดลง", direction="lower", target=Decimal(10))
    filed(lower, 1, "5")
    make_year(cast, fiscal_year=2566, name="ยังไม่มีผล")
    make_year(cast, fiscal_year=2566, name="จากโครงการ", source="projects", target=Decimal(50))
    project = project_create(
        actor=cast.alice,
        name="โครงการ",
        fiscal_year=2566,
        start_date=dt.date(2022, 10, 1),
        end_date=dt.date(2023, 9, 30),
        budget_received=Decimal(1000),
        responsible_unit=cast.a_admin,
        responsible_person="ฝ่ายปกครอง",
    )
    ProjectFigures.objects.filter(project=project).update(status="completed")
    client.force_login(cast.chief)
    board = client.get(reverse("indicators:city", args=[2566])).context["board"]
    row = board.agencies[0]
    assert (row.key, row.total, row.met, row.not_met, row.no_result) == ("50310000", 4, 2, 1, 1)
    groups = client.get(reverse("indicators:agency", args=["50310000", 2566])).context["groups"]
    assert sum(group.met for group in groups) == row.met


def test_the_project_page_links_the_indicators_it_supports(client, cast, years):
    from tidtam.projects.tests.factories import make_project

    year = years[0]
    project = make_project(cast.alice, cast.a_admin, fiscal_year=year.fiscal_year)
    services.year_save(
        actor=cast.root, indicator=year.indicator, fiscal_year=year.fiscal_year, projects=[project]
    )
    client.force_login(cast.alice)
    page = page_of(client.get(project.get_absolute_url()))
    assert year.indicator.code in page and _detail(year).replace("&", "&amp;") in page


def test_evidence_is_read_only_by_those_who_read_the_indicator(client, cast, years):
    row = file_result(cast, years[0], 1, "25", files=[SimpleUploadedFile("a.pdf", b"%PDF-1.4\n")])
    url = reverse("indicators:evidence", args=[row.evidence.get().pk])
    client.force_login(cast.carol)
    answer = client.get(url)
    # read to its end, which closes the file (closing the response would close the
    # connection too, through the request_finished signal)
    assert answer.status_code == 200 and b"".join(answer.streaming_content) == b"%PDF-1.4\n"
    client.force_login(cast.bob)
    assert client.get(url).status_code == 404


def _target(code: str):
    from tidtam.plans.models import PlanNode

    node = PlanNode.objects.get_or_create(kind="plan", code="", title="แผน 20 ปี")[0]
    for kind, part in (("strategy", code[0]), ("sub_strategy", code[:3]), ("target", code)):
        node = PlanNode.objects.get_or_create(kind=kind, parent=node, code=part, title=part)[0]
    return node


def test_city_view_per_strategy_with_drill_down(client, cast):
    first = make_year(cast, plan_targets=[_target("7.3.2")])
    make_year(cast, agency=cast.b, unit=cast.b_admin, plan_targets=[_target("7.1.1")])
    make_year(cast, name="ไม่สอดคล้อง")
    client.force_login(cast.chief)
    board = client.get(reverse("indicators:city", args=[first.fiscal_year])).context["board"]
    assert [(r.name.split()[0], r.total) for r in board.strategies] == [
        ("7", 2),
        ("ไม่สอดคล้องกับแผน", 1),
    ]
    strategy = board.strategies[0].key
    listed = client.get(
        reverse("indicators:index") + f"?year={first.fiscal_year}&strategy={strategy}"
    )
    assert len(listed.context["rows"]) == 2
    csv = client.get(reverse("indicators:city_export", args=[first.fiscal_year, "csv"]))
    assert "ไม่สอดคล้องกับแผน" in csv.content.decode("utf-8-sig")


def test_query_counts_do_not_grow_with_indicators(
    client, cast, django_assert_max_num_queries, django_assert_num_queries
):
    for n in range(6):
        year = make_year(cast, name=f"ตัวชี้วัด {n}", plan_targets=[_target(f"{n % 3 + 1}.1.1")])
        row = file_result(cast, year, 1, "25")
        services.result_step(actor=cast.alice, row=row, action="submit")
        services.assess(actor=cast.carol, year=year, quarter=1, score=Decimal(100))
    client.force_login(cast.chief)
    client.get(reverse("indicators:index"))  # warm the session
    fiscal_year = year.fiscal_year
    # each page: the session and the user with their memberships (2), then
    # the list: the indicators and their results, whether the reader registers any (3)
    with django_assert_num_queries(5):
        client.get(reverse("indicators:index") + f"?year={fiscal_year}")
    # the agency, whether the reader reads it, the indicators, their results (4)
    with django_assert_num_queries(6):
        client.get(reverse("indicators:agency", args=["50310000", fiscal_year]))
    # the indicators with their latest filed results, their plan targets, the plan's nodes (3);
    # one more when some are drawn from the ITA or the projects
    with django_assert_num_queries(5):
        client.get(reverse("indicators:city", args=[fiscal_year]))
    # the indicator's year, its results, their evidence, assessments, plan targets, projects,
    # its other years (7)
    with django_assert_num_queries(9):
        client.get(_detail(year))


def test_a_refused_step_says_why_even_where_no_form_is_offered(client, cast, years):
    year = years[0]
    file_result(cast, year, 1, "25")  # a draft: nothing to accept or assess
    client.force_login(cast.carol)
    code = year.indicator.code
    accept = client.post(reverse("indicators:step", args=[code, year.fiscal_year, 1, "accept"]))
    assert accept.status_code == 400 and "รับได้เฉพาะผลที่ส่งแล้ว" in page_of(accept)
    assess = client.post(
        reverse("indicators:assess", args=[code, year.fiscal_year, 1]), {"score": "100"}
    )
    assert assess.status_code == 400 and "ยังไม่มีผลที่ส่งแล้วให้ตรวจประเมิน" in page_of(assess)
