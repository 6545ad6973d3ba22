import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tidtam.core.testing import page_of
from tidtam.ita.models import AccessCode, Assessment, OitEvidence, Response
from tidtam.ita.services import oit, results, surveys
from tidtam.ita.tests.conftest import all_best


def login(client, user):
    client.force_login(user)
    return client


def staff_urls(pk: int) -> list[str]:
    return [
        reverse("ita:detail", args=[pk]),
        reverse("ita:tracking", args=[pk]),
        reverse("ita:contractors", args=[pk]),
        reverse("ita:oit", args=[pk]),
        reverse("ita:result", args=[pk]),
        reverse("ita:qr", args=[pk, "iit"]),
    ]


def test_anonymous_is_sent_to_login(client, ita):
    for url in [*staff_urls(ita.aa.pk), reverse("ita:index"), reverse("ita:compare", args=[2566])]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url


@pytest.mark.parametrize("who", ["bob", "bella", "bert", "cody", "olive", "chief"])
def test_other_agencies_and_outsiders_get_404(client, ita, who):
    login(client, getattr(ita, who))
    for url in staff_urls(ita.aa.pk):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("who", ["alice", "anna", "ed", "carol", "assessor", "root"])
def test_agency_members_and_assessors_read(client, ita, who):
    login(client, getattr(ita, who))
    for url in staff_urls(ita.aa.pk):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    ("who", "status"), [("alice", 200), ("assessor", 200), ("anna", 403), ("ed", 403)]
)
def test_only_managers_reach_setup_and_codes(client, ita, who, status):
    login(client, getattr(ita, who))
    assert client.get(reverse("ita:setup", args=[ita.aa.pk])).status_code == status
    assert client.get(reverse("ita:codes", args=[ita.aa.pk])).status_code == status


def test_index_lists_only_own_agency(client, ita):
    login(client, ita.anna)
    page = page_of(client.get(reverse("ita:index")))
    assert ita.a.name in page and ita.b.name not in page


def test_setup_form_takes_thai_digits(client, ita):
    login(client, ita.alice)
    data = {
        f"count_{ita.civil.pk}": "๒๒๖",
        f"count_{ita.employee.pk}": "503",
        "eit_target": "๕๐๐",
        "divisions": [ita.a_admin.pk],
        f"staff_{ita.a_admin.pk}": "๑๒๐",
        "coordinator_email": "not-an-email",
        "version": Assessment.objects.get(pk=ita.aa.pk).version,  # the form's, as loaded
    }
    response = client.post(reverse("ita:setup", args=[ita.aa.pk]), data)
    assert response.status_code == 200
    assert "error-summary" in page_of(response)
    data["coordinator_email"] = "ita@bangsue.example"
    response = client.post(reverse("ita:setup", args=[ita.aa.pk]), data)
    assert response.status_code == 302
    assert ita.aa.populations.get(group=ita.civil).count == 226
    assert ita.aa.division_staff.get().count == 120


def test_survey_flow_by_link(client, ita):
    """Open the link, enter a code, answer, submit; the code is refused the second time;
    the tracking page counts the response."""
    code = surveys.code_issue_public(assessment=ita.aa, tool=ita.iit)
    url = reverse("ita:survey_iit", args=[ita.aa.token])
    assert client.get(reverse("ita:survey", args=[ita.aa.token])).status_code == 200
    page = client.get(url)
    assert page.status_code == 200 and "ข้าราชการ" in page_of(page)
    data = {"code": code, "group": ita.civil.pk, "division": ita.a_admin.pk}
    data.update({f"q_{q}": o for q, o in all_best(ita.iit).items()})
    assert client.post(url, data)["Location"] == reverse("ita:survey_thanks", args=[ita.aa.token])
    again = client.post(url, data)
    assert again.status_code == 200
    assert Response.objects.count() == 1
    login(client, ita.alice)
    tracking = page_of(client.get(reverse("ita:tracking", args=[ita.aa.pk])))
    assert "0.44" in tracking  # 1 of 226


def test_survey_with_missing_answers_says_so(client, ita):
    code = surveys.code_issue_public(assessment=ita.aa, tool=ita.iit)
    url = reverse("ita:survey_iit", args=[ita.aa.token])
    response = client.post(url, {"code": code, "group": ita.civil.pk, "division": ita.a_admin.pk})
    assert response.status_code == 200
    assert "error-summary" in page_of(response)
    assert not AccessCode.objects.get(code=code).used


def test_a_code_spent_by_another_submission_is_not_counted_as_a_guess(client, ita):
    """Losing the race for a one-time code (a double click, two tabs) is no wrong guess."""
    from django.core.cache import cache

    cache.clear()
    url = reverse("ita:survey_iit", args=[ita.aa.token])
    code = surveys.code_issue_public(assessment=ita.aa, tool=ita.iit)
    data = {"code": code, "group": ita.civil.pk, "division": ita.a_admin.pk}
    data.update({f"q_{q}": o for q, o in all_best(ita.iit).items()})
    assert client.post(url, data).status_code == 302
    statuses = {client.post(url, data).status_code for _ in range(25)}
    assert statuses == {200}  # "already used" every time, never blocked
    fresh = surveys.code_issue_public(assessment=ita.aa, tool=ita.iit)
    assert client.post(url, {**data, "code": fresh}).status_code == 302
    assert Response.objects.count() == 2
    cache.clear()


def test_unknown_link_is_404(client, ita):
    assert client.get(reverse("ita:survey_iit", args=["nope"])).status_code == 404


def test_eit_code_rate_limited(client, ita):
    from django.core.cache import cache

    cache.clear()
    url = reverse("ita:survey_eit_code", args=[ita.aa.token])
    statuses = [client.post(url).status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]
    assert AccessCode.objects.filter(tool=ita.eit).count() == 5
    cache.clear()


def test_eit_code_then_answer(client, ita):
    from django.core.cache import cache

    cache.clear()
    client.post(reverse("ita:survey_eit_code", args=[ita.aa.token]))
    code = AccessCode.objects.get(tool=ita.eit).code
    data = {"code": code, "group": ita.citizen.pk}
    data.update({f"q_{q}": o for q, o in all_best(ita.eit).items()})
    response = client.post(reverse("ita:survey_eit", args=[ita.aa.token]), data)
    assert response.status_code == 302
    assert Response.objects.get().division is None
    cache.clear()


def test_contractor_upload_reports_rows(client, ita):
    login(client, ita.alice)
    content = "\ufefftax id,name\n0105536000446,ผิด\n,ไม่มีเลข\n".encode()
    upload = io.BytesIO(content)
    upload.name = "list.csv"
    response = client.post(reverse("ita:contractors", args=[ita.aa.pk]), {"file": upload})
    page = page_of(response)
    assert response.status_code == 200
    assert "0105536000446" in page
    assert ita.aa.contractors.count() == 0


def test_reader_cannot_upload(client, ita):
    login(client, ita.anna)
    upload = io.BytesIO(b"tax id,name\n")
    upload.name = "list.csv"
    response = client.post(reverse("ita:contractors", args=[ita.aa.pk]), {"file": upload})
    assert response.status_code == 403


def test_oit_steps_through_pages(client, ita):
    login(client, ita.alice)
    entries = oit.entries(ita.aa)
    first = entries[0]
    url = reverse("ita:oit_entry", args=[ita.aa.pk, first.pk])
    response = client.post(
        url, {"step": "fill", "has_it": "yes", "urls": "not a url", "version": 1}
    )
    assert "error-summary" in page_of(response)
    data = {"step": "fill", "has_it": "yes", "urls": "https://a.example/", "version": 1}
    assert client.post(url, data).status_code == 302
    # Submitting with items missing: refused with a message, state unchanged.
    response = client.post(reverse("ita:oit_step", args=[ita.aa.pk, "submit"]), follow=True)
    assert "O2" in page_of(response)
    assert Assessment.objects.get(pk=ita.aa.pk).oit_state == "draft"
    # The agency may not review or close.
    assert client.post(url, {"step": "review", "passed": "yes"}).status_code == 403
    assert client.post(reverse("ita:oit_step", args=[ita.aa.pk, "close"])).status_code == 403


def test_results_and_comparison(client, ita):
    results.scores_publish(
        actor=ita.assessor,
        assessment=ita.aa,
        iit_score=Decimal("94.62"),
        eit_score=Decimal("90.43"),
        oit_score=Decimal(100),
        previous_total=Decimal("86.22"),
    )
    results.scores_publish(
        actor=ita.assessor,
        assessment=ita.bb,
        iit_score=Decimal("82.44"),
        eit_score=Decimal("80.82"),
        oit_score=Decimal(100),
    )
    login(client, ita.anna)
    page = page_of(client.get(reverse("ita:result", args=[ita.aa.pk])))
    assert "95.52" in page and "ผ่านดี" in page and "9.30" in page
    # the assessment's history names each step in words, never by its key
    overview = page_of(client.get(reverse("ita:detail", args=[ita.aa.pk])))
    assert "ประกาศผลคะแนน ITA" in overview and "ita.scores.published" not in overview
    assert client.get(reverse("ita:compare", args=[2566])).status_code == 403
    login(client, ita.chief)
    page = page_of(client.get(reverse("ita:compare", args=[2566]) + "?sort=total"))
    assert page.text.index(ita.a.name) < page.text.index(ita.b.name)
    page = page_of(client.get(reverse("ita:compare", args=[2566]) + "?sort=agency"))
    assert page.text.index(ita.b.name) < page.text.index(ita.a.name)  # 50300000 before 50310000
    page = page_of(client.get(reverse("ita:compare", args=[2566]) + "?sort=EIT"))
    assert page.text.index(ita.a.name) < page.text.index(ita.b.name)  # 90.43 before 80.82
    assert client.get(reverse("ita:compare", args=[2566]) + "?sort=bogus").status_code == 200
    response = client.get(reverse("ita:compare_xlsx", args=[2566]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][1] == ita.a.name
    assert Decimal(str(rows[1][5])) == Decimal("95.52") and rows[1][6] == "ผ่านดี"
    assert Decimal(str(rows[1][8])) == Decimal("9.30")
    assert sheet.cell(row=2, column=9).number_format == "0.00"


def test_comparison_lists_agencies_without_an_assessment(client, ita):
    from tidtam.orgs.models import Unit

    Unit.objects.create(kind=Unit.Kind.AGENCY, name="สำนักการโยธา", parent=ita.city,
                        agency_code="11000000")  # fmt: skip
    login(client, ita.chief)
    page = page_of(client.get(reverse("ita:compare", args=[2566])))
    assert "11000000 สำนักการโยธา" in page
    assert "ยังไม่ได้ตั้งค่าการประเมินสำหรับปีนี้" in page
    response = client.get(reverse("ita:compare_xlsx", args=[2566]))
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert ("11000000", "สำนักการโยธา") in [row[:2] for row in rows]


def test_comparison_and_code_lists_write_formulas_as_plain_text(client, ita):
    from tidtam.ita.models import AccessCode

    ita.a.name = '=HYPERLINK("http://evil.example/","เปิด")'
    ita.a.save()
    results.scores_publish(
        actor=ita.assessor,
        assessment=ita.aa,
        iit_score=Decimal("80"),
        eit_score=Decimal("80"),
        oit_score=Decimal(80),
        previous_total=Decimal("86.22"),
    )
    login(client, ita.chief)
    sheet = load_workbook(io.BytesIO(client.get(reverse("ita:compare_xlsx", args=[2566])).content))
    cells = [cell for row in sheet.active.iter_rows() for cell in row]
    assert not [cell for cell in cells if cell.data_type == "f"]
    row = next(row for row in sheet.active.iter_rows(values_only=True) if row[0] == "50310000")
    assert row[1] == "'" + ita.a.name
    assert Decimal(str(row[-1])) == Decimal("-6.22")  # a negative change stays a number
    batch = surveys.codes_issue_batch(actor=ita.alice, assessment=ita.aa, tool=ita.iit, size=1)
    AccessCode.objects.filter(batch=batch).update(code="=1+1")
    login(client, ita.alice)
    listed = client.get(reverse("ita:batch_download", args=[ita.aa.pk, batch.pk]))
    assert "'=1+1," in listed.content.decode("utf-8-sig")


def test_publish_is_for_assessors(client, ita):
    login(client, ita.alice)
    data = {"iit_score": "94.62", "eit_score": "90.43", "oit_score": "100"}
    assert client.post(reverse("ita:result", args=[ita.aa.pk]), data).status_code == 403
    login(client, ita.assessor)
    data["oit_score"] = "๑๐๐"
    assert client.post(reverse("ita:result", args=[ita.aa.pk]), data).status_code == 302
    assert Assessment.objects.get(pk=ita.aa.pk).oit_score == 100


def test_open_report_is_public(client, ita):
    url = reverse("ita:open_report", args=[ita.aa.token, "six_month"])
    assert client.get(url).status_code == 200
    assert client.get(reverse("ita:open_report", args=[ita.aa.token, "other"])).status_code == 404


def test_evidence_file_upload_and_access(client, ita, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    login(client, ita.alice)
    entry = oit.entries(ita.aa)[0]
    url = reverse("ita:oit_entry", args=[ita.aa.pk, entry.pk])
    bad = SimpleUploadedFile("x.exe", b"MZ")
    response = client.post(url, {"step": "fill", "has_it": "yes", "files": bad, "version": 1})
    assert response.status_code == 200 and "error-summary" in page_of(response)
    assert not OitEvidence.objects.filter(entry=entry).exists()
    pdf = SimpleUploadedFile("โครงสร้าง.pdf", b"%PDF-1.4")
    assert (
        client.post(url, {"step": "fill", "has_it": "yes", "files": pdf, "version": 1}).status_code
        == 302
    )
    # A later edit of the URLs keeps the file (made from the page as it is after that save).
    data = {"step": "fill", "has_it": "yes", "urls": "https://a.example/", "version": 2}
    assert client.post(url, data).status_code == 302
    evidence = OitEvidence.objects.filter(entry=entry).exclude(file="").get()
    assert OitEvidence.objects.filter(entry=entry).count() == 2
    download = reverse("ita:oit_file", args=[ita.aa.pk, evidence.pk])
    assert b"".join(client.get(download).streaming_content) == b"%PDF-1.4"
    login(client, ita.bob)
    assert client.get(download).status_code == 404


def test_change_from_last_year_in_tidtam(client, ita):
    from tidtam.ita.models import Framework
    from tidtam.ita.services import setup

    old = setup.assessment_create(
        actor=ita.assessor, framework=Framework.objects.get(fiscal_year=2565), agency=ita.a
    )
    results.scores_publish(
        actor=ita.assessor, assessment=old, iit_score=Decimal("80"),
        eit_score=Decimal("80"), oit_score=Decimal("95.55"),
    )  # fmt: skip  # 0.3·80 + 0.3·80 + 0.4·95.55 = 86.22
    results.scores_publish(
        actor=ita.assessor, assessment=ita.aa, iit_score=Decimal("94.62"),
        eit_score=Decimal("90.43"), oit_score=Decimal(100),
    )  # fmt: skip
    login(client, ita.chief)
    page = page_of(client.get(reverse("ita:compare", args=[2566])))
    assert "9.30" in page
    login(client, ita.ed)
    assert "9.30" in page_of(client.get(reverse("ita:result", args=[ita.aa.pk])))


def test_comparison_query_count_does_not_grow(client, ita, django_assert_max_num_queries):
    from tidtam.ita.models import Framework
    from tidtam.ita.services import setup
    from tidtam.orgs.models import Unit

    framework = Framework.objects.get(fiscal_year=2566)
    for n in range(10):
        agency = Unit.objects.create(
            kind=Unit.Kind.AGENCY, name=f"เขต {n}", parent=ita.city, agency_code=f"5{n:07d}"
        )
        assessment = setup.assessment_create(actor=ita.assessor, framework=framework, agency=agency)
        results.scores_publish(
            actor=ita.assessor, assessment=assessment, iit_score=Decimal(n * 10),
            eit_score=Decimal(90), oit_score=Decimal(100),
        )  # fmt: skip
    login(client, ita.chief)
    with django_assert_max_num_queries(15):
        page = client.get(reverse("ita:compare", args=[2566]) + "?sort=change")
    assert page.status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get(reverse("ita:compare_xlsx", args=[2566])).status_code == 200


def test_qr_is_svg_and_unknown_kind_404(client, ita):
    login(client, ita.alice)
    response = client.get(reverse("ita:qr", args=[ita.aa.pk, "eit"]))
    assert response["Content-Type"] == "image/svg+xml" and b"<svg" in response.content
    assert client.get(reverse("ita:qr", args=[ita.aa.pk, "xyz"])).status_code == 404


def test_eit_score_from_answers_averages_parts(ita):
    from tidtam.ita import selectors
    from tidtam.ita.models import Question

    def answer(choices):
        code = surveys.code_issue_public(assessment=ita.aa, tool=ita.eit)
        surveys.response_submit(
            assessment=ita.aa, tool=ita.eit, code=code, group=ita.citizen, division=None,
            choices=choices,
        )  # fmt: skip

    best = all_best(ita.eit)
    answer(best)
    # A second respondent answers part 2 (e5, e6) with the lowest positive step (0).
    worst = dict(best)
    for question in Question.objects.filter(indicator__tool=ita.eit, code__in=["e5", "e6"]):
        worst[question.pk] = list(question.options.all())[-1].pk
    answer(worst)
    # Part 1 = 100; part 2 indicator 8 = mean(50, 50) = 50; EIT = (100 + 50) / 2 = 75.
    assert selectors.survey_score(ita.aa, ita.eit) == Decimal(75)


def test_guessing_codes_is_rate_limited(client, ita):
    from django.core.cache import cache

    cache.clear()
    url = reverse("ita:survey_iit", args=[ita.aa.token])
    data = {"code": "WRONG123", "group": ita.civil.pk, "division": ita.a_admin.pk}
    data.update({f"q_{q}": o for q, o in all_best(ita.iit).items()})
    statuses = [client.post(url, data).status_code for _ in range(21)]
    assert statuses[:20] == [200] * 20 and statuses[20] == 429
    code = surveys.code_issue_public(assessment=ita.aa, tool=ita.iit)
    assert client.post(url, {**data, "code": code}).status_code == 429  # blocked for a while
    assert not Response.objects.exists()
    cache.clear()


def test_eit_batch_for_contractor_letters(client, ita):
    login(client, ita.alice)
    response = client.post(
        reverse("ita:codes", args=[ita.aa.pk]), {"tool": ita.eit.pk, "size": "๕"}
    )
    assert response.status_code == 302
    batch = ita.aa.batches.get()
    assert batch.tool == ita.eit and batch.codes.count() == 5
    csv = page_of(client.get(reverse("ita:batch_download", args=[ita.aa.pk, batch.pk])))
    assert f"/ita/s/{ita.aa.token}/eit/" in csv
    other = client.post(reverse("ita:codes", args=[ita.aa.pk]), {"tool": ita.oit.pk, "size": "5"})
    assert other.status_code == 200  # OIT has no codes


def test_no_eit_code_while_closed(client, ita):
    ita.aa.surveys_open = False
    ita.aa.save()
    response = client.post(reverse("ita:survey_eit_code", args=[ita.aa.token]))
    assert response.status_code == 409
    assert not AccessCode.objects.exists()


def test_oversized_contractor_upload_is_refused(client, ita):
    from django.core.files.uploadedfile import SimpleUploadedFile

    login(client, ita.alice)
    big = SimpleUploadedFile("list.csv", b"tax id,name\n" + b"x" * (2 * 1024 * 1024 + 1))
    response = client.post(reverse("ita:contractors", args=[ita.aa.pk]), {"file": big})
    assert response.status_code == 200
    assert "2 MB" in page_of(response)
    assert ita.aa.contractors.count() == 0


def test_malformed_contractor_file_via_page(client, ita):
    from django.core.files.uploadedfile import SimpleUploadedFile

    login(client, ita.alice)
    broken = SimpleUploadedFile("list.xlsx", b"PK\x03\x04 not really")
    response = client.post(reverse("ita:contractors", args=[ita.aa.pk]), {"file": broken})
    assert response.status_code == 200 and "XLSX" in page_of(response)
    assert ita.aa.contractors.count() == 0


def test_removed_evidence_files_go_only_when_the_change_is_committed(
    ita, settings, tmp_path, django_capture_on_commit_callbacks
):
    """Found by the fuzz test: a removal rolled back left rows naming files already deleted,
    and reading one was a 500."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import transaction

    settings.MEDIA_ROOT = tmp_path
    entry = oit.entries(ita.aa)[0]
    fill = {"actor": ita.alice, "assessment": ita.aa, "entry": entry, "has_it": True, "note": ""}
    oit.entry_fill(**fill, urls=[], files=[SimpleUploadedFile("a.pdf", b"%PDF-1.4")])
    evidence = OitEvidence.objects.filter(entry=entry).exclude(file="").get()
    path = tmp_path / evidence.file.name
    with transaction.atomic():
        oit.entry_fill(**fill, urls=[], remove_files=True)
        transaction.set_rollback(True)  # e.g. a later error in the same request
    assert path.exists() and OitEvidence.objects.filter(pk=evidence.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        oit.entry_fill(**fill, urls=[], remove_files=True)
    assert not path.exists() and not OitEvidence.objects.filter(pk=evidence.pk).exists()
