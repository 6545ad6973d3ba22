"""Project search: any part of the code or the name, however digits and sara am were typed."""

import datetime as dt

import pytest
from django.db import connection

from tidtam.projects.models import Project
from tidtam.projects.selectors import project_list
from tidtam.projects.services import project_update
from tidtam.projects.tests.factories import make_project

DECOMPOSED_AM = "\u0e4d\u0e32"  # nikhahit + sara aa, as the old system's data has sara am


def _found(user, search: str) -> list[str]:
    return list(project_list(user, search=search).values_list("code", flat=True))


def test_both_spellings_of_sara_am_and_both_digits_find_the_project(cast):
    typed_old = make_project(
        cast.alice, cast.a_admin, name=f"โครงการขุดลอกคลองส{DECOMPOSED_AM}โรง ปี ๒๕๖๖"
    )
    typed_new = make_project(
        cast.alice, cast.a_admin, name=f"โครงการบ่อบ{DECOMPOSED_AM}บัดน\u0e4d\u0e49\u0e32เสีย"
    )
    make_project(cast.alice, cast.a_admin, name="โครงการอื่น")
    for search in ("คลองสำโรง", f"ส{DECOMPOSED_AM}โรง", "2566", "๒๕๖๖", "ขุดลอก"):
        assert _found(cast.alice, search) == [typed_old.code], search
    for search in ("บำบัดน้ำเสีย", "น้ำเสีย", "น\u0e4d\u0e49\u0e32เสีย", "น\u0e49\u0e4d\u0e32"):
        assert _found(cast.alice, search) == [typed_new.code], search
    running = typed_old.code.split("-")[1]
    thai_code = typed_old.code.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    assert _found(cast.alice, thai_code) == [typed_old.code]
    assert typed_old.code in _found(cast.alice, f"-{running}")
    assert _found(cast.alice, "ไม่มีโครงการนี้") == []


def test_a_renamed_project_is_found_by_its_new_name_and_another_agency_never(cast):
    project = make_project(cast.alice, cast.a_admin, name="โครงการเดิม")
    project_update(actor=cast.alice, project=project, name="โครงการปลูกต้นไม้ล้านต้น")
    assert _found(cast.alice, "ต้นไม้") == [project.code]
    assert _found(cast.alice, "เดิม") == []
    assert _found(cast.bob, "ต้นไม้") == []  # agency B reads none of agency A's projects


def test_the_list_page_searches_and_counts(client, cast):
    make_project(cast.alice, cast.a_admin, name=f"โครงการส{DECOMPOSED_AM}รวจความพึงพอใจ")
    client.force_login(cast.alice)
    response = client.get("/projects/", {"q": "สำรวจ"})
    assert response.context["page"].paginator.count == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigram index is PostgreSQL's")
def test_search_and_its_count_use_the_trigram_index_on_postgresql(cast):
    start, end = dt.date(2022, 10, 1), dt.date(2023, 9, 30)
    Project.objects.bulk_create(
        Project(
            code=f"{cast.a.agency_code}-{n}",
            agency=cast.a,
            running_number=n,
            name=f"โครงการพัฒนาชุมชนที่ {n % 97}",
            fiscal_year=2566,
            start_date=start,
            end_date=end,
            responsible_unit=cast.a_admin,
            responsible_person="ฝ่ายปกครอง",
        )
        for n in range(1, 5001)
    )
    make_project(cast.alice, cast.a_admin, name="โครงการติดตั้งกล้องวงจรปิดริมคลองเปรมประชากร")
    with connection.cursor() as cursor:
        # what autovacuum does after a bulk load: the index's pending entries into its tree
        cursor.execute("SELECT gin_clean_pending_list('project_search_trgm')")
        cursor.execute("ANALYZE projects_project")
    projects = project_list(cast.chief, fiscal_year=2566, search="เปรมประชากร")
    for query in (projects[:50], projects.values("pk")):  # the page, and what its count filters
        sql, params = query.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN " + sql, params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert "project_search_trgm" in plan, plan
    assert projects.count() == 1
