"""Forms that keep the officer right (issue 12): the period lies in the fiscal year (in the
service, so imports get it too), dates typed on a phone keypad or with Thai digits are read,
a Christian-era year is refused with the Buddhist Era date offered, the longest allowed text
is kept whole, an empty field is asked for by name, and the rich-text hint speaks of
paragraphs and lists."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tidtam.core.testing import page_of
from tidtam.projects.models import Project
from tidtam.projects.tests.factories import make_project
from tidtam.projects.tests.test_bad_input import create_form  # noqa: F401 (a fixture)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (dt.date(2022, 10, 1), dt.date(2023, 9, 30)),  # the whole of FY2566
        (dt.date(2023, 9, 30), dt.date(2023, 9, 30)),
        (dt.date(2022, 10, 1), dt.date(2022, 10, 1)),
    ],
)
def test_a_period_inside_its_fiscal_year_is_accepted(cast, start, end):
    project = make_project(cast.alice, cast.a_admin, start_date=start, end_date=end)
    assert (project.start_date, project.end_date) == (start, end)


@pytest.mark.parametrize(
    ("start", "end", "outside"),
    [
        (dt.date(2022, 9, 30), dt.date(2023, 9, 30), ["start_date"]),  # a day early
        (dt.date(2022, 10, 1), dt.date(2023, 10, 1), ["end_date"]),  # a day late
        (dt.date(2017, 1, 1), dt.date(2017, 12, 31), ["end_date", "start_date"]),  # 2560
    ],
)
def test_a_period_outside_its_fiscal_year_is_refused_on_the_field(cast, start, end, outside):
    before = Project.objects.count()
    with pytest.raises(ValidationError) as refused:
        make_project(cast.alice, cast.a_admin, start_date=start, end_date=end)
    assert sorted(refused.value.message_dict) == outside
    assert "01/10/2565" in refused.value.message_dict[outside[0]][0]
    assert Project.objects.count() == before


def test_changing_the_fiscal_year_away_from_the_period_is_refused(cast):
    from tidtam.projects.services import project_update

    project = make_project(cast.alice, cast.a_admin)
    with pytest.raises(ValidationError) as refused:
        project_update(actor=cast.alice, project=project, fiscal_year=2567)
    assert set(refused.value.message_dict) == {"start_date", "end_date"}


def _post(client, data, **changes):
    return client.post(reverse("projects:create"), {**data, **changes})


def test_the_form_says_a_period_outside_the_year_next_to_the_field(client, create_form):  # noqa: F811
    _page, data = create_form
    response = _post(client, data, start_date="01/01/2560", end_date="31/12/2560")
    page = page_of(response)
    assert response.status_code == 200
    assert 'id="id_start_date_error"' in page and 'id="id_end_date_error"' in page
    assert "อยู่นอกปีงบประมาณ 2567 ระยะเวลาโครงการต้องอยู่ระหว่าง 01/10/2566 ถึง 30/09/2567" in page


@pytest.mark.parametrize(("start", "end"), [("01102566", "30092567"), ("๐๑๑๐๒๕๖๖", "๓๐/๐๙/๒๕๖๗")])
def test_dates_typed_without_separators_or_with_thai_digits_are_read(
    client,
    create_form,  # noqa: F811
    start,
    end,
):
    _page, data = create_form
    response = _post(client, data, start_date=start, end_date=end)
    assert response.status_code == 302, page_of(response)
    project = Project.objects.get(name=data["name"])
    assert (project.start_date, project.end_date) == (dt.date(2023, 10, 1), dt.date(2024, 9, 30))


def test_a_christian_era_year_is_refused_offering_the_buddhist_era_date(client, create_form):  # noqa: F811
    _page, data = create_form
    before = Project.objects.count()
    response = _post(client, data, start_date="15/12/2023")
    page = page_of(response)
    assert "ปี 2023 เป็นปีคริสต์ศักราช กรุณากรอกปีพุทธศักราช เช่น 15/12/2566" in page
    assert 'id="id_start_date_error"' in page
    assert Project.objects.count() == before


def test_the_longest_name_allowed_is_kept_whole(client, create_form):  # noqa: F811
    _page, data = create_form
    name, person = "ก" * 500, "ข" * 200
    response = _post(client, data, name=name, responsible_person=person)
    assert response.status_code == 302
    assert Project.objects.filter(name=name, responsible_person=person).exists()


def test_the_service_refuses_a_name_too_long_rather_than_cut_it(cast):
    """What does not come through the form (an import, a script) is refused too."""
    before = Project.objects.count()
    with pytest.raises(ValidationError) as refused:
        make_project(cast.alice, cast.a_admin, name="ก" * 501)
    assert list(refused.value.message_dict) == ["name"]
    assert Project.objects.count() == before


def test_an_empty_field_is_asked_for_by_name_in_natural_thai(client, create_form):  # noqa: F811
    _page, data = create_form
    response = _post(client, data, name="", start_date="", responsible_unit="")
    page = page_of(response)
    assert "ฟิลด์นี้" not in page
    assert "กรุณากรอกชื่อโครงการ/กิจกรรม" in page
    assert "กรุณากรอกวันที่ “เริ่มต้นโครงการ”" in page
    assert "กรุณาเลือก “หน่วยงานที่รับผิดชอบ”" in page


def test_the_rich_text_hint_speaks_of_paragraphs_and_lists(client, create_form):  # noqa: F811
    page, _data = create_form
    assert "ขึ้นบรรทัดใหม่เมื่อเริ่มย่อหน้าใหม่ หากเป็นรายการ" in page
    assert "&lt;p&gt;" not in page and "&lt;ul&gt;" not in page
