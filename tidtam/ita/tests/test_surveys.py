import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from tidtam.core.testing import page_of
from tidtam.ita import scoring, selectors
from tidtam.ita.models import AccessCode, Answer, Question, Response
from tidtam.ita.services import setup, surveys
from tidtam.ita.tests.conftest import all_best


def submit(ita, code, choices=None, group=None, division=None, tool=None):
    tool = tool or ita.iit
    return surveys.response_submit(
        assessment=ita.aa,
        tool=tool,
        code=code,
        group=group or ita.civil,
        division=division if division is not None else ita.a_admin,
        choices=choices if choices is not None else all_best(tool),
    )


def test_batch_codes_are_unique_and_one_time(ita):
    batch = surveys.codes_issue_batch(actor=ita.alice, assessment=ita.aa, tool=ita.iit, size=20)
    codes = list(batch.codes.values_list("code", flat=True))
    assert len(set(codes)) == 20
    submit(ita, codes[0].lower())  # case and spacing do not matter
    with pytest.raises(ValidationError, match="already been used"):
        submit(ita, codes[0])
    assert Response.objects.count() == 1


def test_batch_size_limits(ita):
    with pytest.raises(ValidationError):
        surveys.codes_issue_batch(actor=ita.alice, assessment=ita.aa, tool=ita.iit, size=0)


def test_wrong_code_and_other_agencys_code_refused(ita):
    other = surveys.code_issue_public(assessment=ita.bb, tool=ita.iit)
    for code in ("NOPE1234", other):
        with pytest.raises(ValidationError, match="wrong"):
            submit(ita, code)
    assert Response.objects.count() == 0


def test_missing_answers_refused_and_code_kept(ita):
    code = surveys.code_issue_public(assessment=ita.aa, tool=ita.iit)
    choices = all_best(ita.iit)
    choices.popitem()
    with pytest.raises(ValidationError, match="every question"):
        submit(ita, code, choices=choices)
    assert AccessCode.objects.get(code=code).used is False
    assert Response.objects.count() == 0


def test_closed_survey_refused(ita):
    ita.aa.surveys_open = False
    ita.aa.save()
    code = surveys.code_issue_public(assessment=ita.aa, tool=ita.iit)
    with pytest.raises(ValidationError, match="closed"):
        submit(ita, code)


def test_division_must_be_of_the_assessment(ita):
    code = surveys.code_issue_public(assessment=ita.aa, tool=ita.iit)
    with pytest.raises(ValidationError):
        submit(ita, code, division=ita.b_admin)


def test_stale_double_submission_counts_once(ita):
    """Both submissions saw the code open; the conditional update lets only one through."""
    code = surveys.code_issue_public(assessment=ita.aa, tool=ita.iit)
    assert surveys.code_is_open(assessment=ita.aa, tool=ita.iit, code=code)
    submit(ita, code)
    with pytest.raises(ValidationError):
        submit(ita, code)
    assert Response.objects.count() == 1
    assert Answer.objects.count() == len(all_best(ita.iit))


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_submissions(ita):
    code = surveys.code_issue_public(assessment=ita.aa, tool=ita.iit)
    choices = all_best(ita.iit)
    barrier = threading.Barrier(2)
    outcomes = []

    def run():
        try:
            barrier.wait()
            submit(ita, code, choices=choices)
            outcomes.append("saved")
        except Exception as error:  # a lost race: refused, or locked out by the winner
            outcomes.append(type(error).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("saved") == 1
    assert Response.objects.count() == 1


def test_answer_rows_hold_nothing_identifying(ita):
    code = surveys.code_issue_public(assessment=ita.aa, tool=ita.iit)
    response = submit(ita, code)
    fields = {f.name for f in Response._meta.concrete_fields}
    assert fields == {"id", "assessment", "tool", "group", "division", "submitted_on"}
    assert {f.name for f in Answer._meta.concrete_fields} == {
        "id",
        "response",
        "question",
        "option",
    }
    assert type(Response._meta.get_field("submitted_on")).__name__ == "DateField"
    assert type(response.pk).__name__ == "UUID"
    assert not any(f.related_model is AccessCode for f in Response._meta.get_fields())


def test_tracking_counts_and_rates(ita):
    for _ in range(12):
        submit(ita, surveys.code_issue_public(assessment=ita.aa, tool=ita.iit))
    submit(
        ita,
        surveys.code_issue_public(assessment=ita.aa, tool=ita.iit),
        group=ita.employee,
        division=ita.a_works,
    )
    setup.assessment_setup(
        actor=ita.alice,
        assessment=ita.aa,
        counts={ita.civil.pk: 226, ita.employee.pk: 503},
        divisions=[ita.a_admin, ita.a_works],
        division_counts={ita.a_admin.pk: 500, ita.a_works.pk: None},
    )
    data = selectors.tracking(ita.aa)
    rates = [scoring.display(row["rate"]) for row in data["groups"]]
    assert rates == ["5.31", "0.20"]
    assert scoring.display(data["iit"]["rate"]) == "1.78"
    assert [row["responses"] for row in data["divisions"]] == [12, 1]
    assert scoring.display(data["divisions"][0]["rate"]) == "2.40"  # 12 of 500
    assert data["divisions"][1]["rate"] is None  # no staff count given
    assert data["per_day"][0]["n"] == 13


def test_eit_rate(ita):
    ita.aa.eit_target = 500
    for _ in range(41):
        code = surveys.code_issue_public(assessment=ita.aa, tool=ita.eit)
        submit(ita, code, group=ita.citizen, tool=ita.eit)
    assert scoring.display(selectors.tracking(ita.aa)["eit"]["rate"]) == "8.20"


def test_score_from_raw_answers(ita):
    """Two respondents: one gives the best answer everywhere (100 on every question);
    the other picks the second listed step everywhere. Scale four is [100, 75, 50, 0]: the
    second step is 75 on a positive question and 50 on a negative one (mirrored); on a
    yes/no question it is 0. Question = mean of the two, indicator = mean of questions."""
    submit(ita, surveys.code_issue_public(assessment=ita.aa, tool=ita.iit))
    second = {}
    for question in Question.objects.filter(indicator__tool=ita.iit).prefetch_related("options"):
        second[question.pk] = list(question.options.all())[1].pk
    submit(ita, surveys.code_issue_public(assessment=ita.aa, tool=ita.iit), choices=second)
    expected = {
        "1": (Decimal("87.5") + Decimal(75)) / 2,  # i1 +, i2 −
        "2": (Decimal("87.5") + Decimal(50)) / 2,  # i3 +, i4 yes/no
        "3": (Decimal("87.5") + Decimal(75)) / 2,  # i5 +, i6 −
        "4": (Decimal(75) + Decimal(50)) / 2,  # i7 −, i8 yes/no
        "5": (Decimal("87.5") + Decimal("87.5")) / 2,  # i9 +, i10 +
    }
    tool_score = sum(expected.values()) / 5
    assert selectors.survey_score(ita.aa, ita.iit) == tool_score
    assert scoring.display(tool_score) == "76.25"


def test_codes_page_shows_counts_not_which_code(client, ita):
    batch = surveys.codes_issue_batch(actor=ita.alice, assessment=ita.aa, tool=ita.iit, size=3)
    code = batch.codes.first().code
    submit(ita, code)
    client.force_login(ita.alice)
    download = client.get(reverse("ita:batch_download", args=[ita.aa.pk, batch.pk]))
    lines = download.content.decode("utf-8-sig").splitlines()
    assert len(lines) == 4 and all(len(line.split(",")) == 2 for line in lines)
    page = client.get(reverse("ita:codes", args=[ita.aa.pk]))
    assert "IIT: ใช้แล้ว 1 จาก 3 รหัส" in page_of(page)
    assert "<td>3</td><td>1</td>" not in page_of(page)


def test_another_frameworks_tool_refused(ita, framework):
    from tidtam.ita.models import Tool

    oit_tool = framework.tools.get(kind=Tool.Kind.DISCLOSURE)
    with pytest.raises(ValidationError):
        surveys.response_submit(
            assessment=ita.aa, tool=oit_tool, code="X", group=ita.civil, division=None, choices={}
        )


def test_iit_without_divisions_set_up(ita):
    ita.aa.divisions.clear()
    code = surveys.code_issue_public(assessment=ita.aa, tool=ita.iit)
    response = submit(ita, code, division=ita.a_admin)
    assert response.division is None
