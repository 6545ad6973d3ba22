import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tidtam.core import audit, concurrency
from tidtam.core.models import EvidenceDeletionRefused
from tidtam.indicators import rules, services, sources
from tidtam.indicators.models import IndicatorYear, QuarterResult, Source
from tidtam.indicators.tests.helpers import file_result, make_year
from tidtam.reports.models import ReviewStatus as S
from tidtam.rounds.services import calendar_create, round_of, round_reopen

pytestmark = pytest.mark.django_db


def test_codes_are_the_agency_prefix_and_a_running_number(cast):
    first, second = make_year(cast), make_year(cast, name="อีกตัวชี้วัด")
    other = make_year(cast, agency=cast.b, unit=cast.b_admin)
    assert [first.indicator.code, second.indicator.code] == ["5031-0001", "5031-0002"]
    assert other.indicator.code == "5030-0001"


def test_targets_and_results_are_decimal(cast):
    year = make_year(cast, target=Decimal("76.5"))
    with pytest.raises(ValidationError) as error:
        file_result(cast, year, 1, "25.125")  # two decimals at most, nothing rounded away
    assert "result" in error.value.message_dict
    row = file_result(cast, year, 1, "104.15")
    year.refresh_from_db()
    row.refresh_from_db()
    assert isinstance(year.target, Decimal) and year.target == Decimal("76.50")
    assert isinstance(year.q1_target, Decimal)
    assert isinstance(row.result, Decimal) and row.result == Decimal("104.15")


def test_one_identity_across_years(cast):
    year = make_year(cast, fiscal_year=2566)
    services.year_save(
        actor=cast.carol,
        indicator=year.indicator,
        fiscal_year=2567,
        name="ชื่อใหม่ของปี 2567",
        responsible_unit=cast.a_works,
        unit_of_measure="ร้อยละ",
        target=Decimal("85"),
    )
    assert list(
        IndicatorYear.objects.filter(indicator=year.indicator).values_list("fiscal_year", flat=True)
    ) == [2567, 2566]


def test_only_coordinators_of_the_agency_and_admins_manage_indicators(cast):
    make_year(cast)  # root
    for outsider in (cast.alice, cast.cody, cast.ed):
        with pytest.raises(PermissionDenied):
            services.indicator_create(
                actor=outsider,
                agency=cast.a,
                fiscal_year=2566,
                name="x",
                responsible_unit=cast.a_admin,
                unit_of_measure="ร้อยละ",
                target=Decimal(1),
            )
    year = services.indicator_create(
        actor=cast.carol,
        agency=cast.a,
        fiscal_year=2566,
        name="ของผู้ประสานงาน",
        responsible_unit=cast.a_admin,
        unit_of_measure="ร้อยละ",
        target=Decimal(1),
    )
    assert audit.history(year.indicator).filter(action="indicators.indicator.created").exists()


def test_the_responsible_unit_lies_in_the_agency(cast):
    with pytest.raises(ValidationError) as error:
        make_year(cast, unit=cast.b_admin)
    assert "responsible_unit" in error.value.message_dict


def test_off_target_needs_a_reason_on_target_does_not(cast):
    year = make_year(cast)
    with pytest.raises(ValidationError) as error:
        file_result(cast, year, 1, "19.99")
    assert "reason" in error.value.message_dict
    assert not QuarterResult.objects.exists()  # nothing half-saved
    file_result(cast, year, 1, "20.00")  # exactly on the quarter's target
    file_result(cast, year, 2, "39", reason="รอผลการสำรวจ")


def test_lower_is_better_turns_the_rule_round(cast):
    year = make_year(
        cast,
        direction="lower",
        target=Decimal(5),
        q1_target=Decimal(12),
        q2_target=None,
        q3_target=None,
        q4_target=None,
    )
    file_result(cast, year, 1, "12")
    with pytest.raises(ValidationError):
        file_result(cast, year, 4, "5.5")  # quarter 4 falls back to the annual target
    file_result(cast, year, 4, "4")


@pytest.mark.parametrize(
    ("today", "open_"),
    [
        (dt.date(2022, 12, 31), False),  # the day before quarter 2 begins
        (dt.date(2023, 1, 1), True),
        (dt.date(2023, 4, 25), True),  # due 15 April, locked after 25 April (no calendar)
        (dt.date(2023, 4, 26), False),
    ],
)
def test_a_quarter_takes_results_from_its_start_to_its_lock_date(cast, today, open_):
    year = make_year(cast, fiscal_year=2566)

    def save():
        return services.result_save(
            actor=cast.alice, year=year, quarter=2, result=Decimal(50), narrative="x", today=today
        )

    if open_:
        save()
    else:
        with pytest.raises(ValidationError):
            save()


def test_the_calendar_sets_the_due_date_and_a_reopening_lifts_the_lock(cast):
    year = make_year(cast, fiscal_year=2566)
    calendar_create(actor=cast.root, fiscal_year=2566, due_day=5, lock_after_days=10)
    due, lock = services.quarter_lock_date(2566, 1)
    assert (due, lock) == (dt.date(2023, 1, 5), dt.date(2023, 1, 15))
    today = timezone.localdate()
    with pytest.raises(ValidationError) as error:
        services.check_quarter_open(year=year, quarter=1, today=today)
    assert "15/01/2566" in str(error.value)  # the lock date, in B.E.
    round_reopen(
        actor=cast.carol,
        round_=round_of(rules.quarter_bounds(2566, 1)[1]),
        reason="ส่งล่าช้า",
        until=today,
        unit=cast.a_admin,
    )
    services.check_quarter_open(year=year, quarter=1, today=today)
    with pytest.raises(ValidationError):
        services.check_quarter_open(year=year, quarter=1, today=today + dt.timedelta(days=1))


def test_review_draft_submitted_returned_resubmitted_accepted(cast):
    year = make_year(cast)
    row = file_result(cast, year, 1, "25")
    assert row.status == S.DRAFT
    row = services.result_step(actor=cast.alice, row=row, action="submit")
    assert row.status == S.SUBMITTED
    row = services.result_step(actor=cast.carol, row=row, action="return", comment="แนบหลักฐาน")
    assert (row.status, row.review_comment) == (S.RETURNED, "แนบหลักฐาน")
    row = file_result(cast, year, 1, "26", version=row.version)
    row = services.result_step(actor=cast.anna, row=row, action="submit")
    row = services.result_step(actor=cast.carol, row=row, action="accept")
    assert row.status == S.ACCEPTED
    actions = list(audit.changes_to(row).order_by("id").values_list("action", flat=True))
    assert actions == [
        "indicators.result.created",
        "indicators.result.submitted",
        "indicators.result.returned",
        "indicators.result.changed",
        "indicators.result.resubmitted",
        "indicators.result.accepted",
    ]


def test_illegal_review_steps_are_refused(cast):
    year = make_year(cast)
    row = file_result(cast, year, 1, "25")
    for action in ("accept", "return"):
        with pytest.raises(ValidationError):
            services.result_step(actor=cast.carol, row=row, action=action, comment="x")
    with pytest.raises(PermissionDenied):
        services.result_step(actor=cast.carol, row=row, action="submit")  # not the unit
    with pytest.raises(PermissionDenied):
        services.result_step(actor=cast.bob, row=row, action="submit")
    row = services.result_step(actor=cast.alice, row=row, action="submit")
    with pytest.raises(ValidationError):
        services.result_step(actor=cast.alice, row=row, action="submit")
    with pytest.raises(PermissionDenied):
        services.result_step(actor=cast.alice, row=row, action="accept")
    with pytest.raises(PermissionDenied):
        services.result_step(actor=cast.cody, row=row, action="accept")  # follows B only
    with pytest.raises(ValidationError) as error:
        services.result_step(actor=cast.carol, row=row, action="return", comment="  ")
    assert "comment" in error.value.message_dict
    with pytest.raises(ValidationError):  # submitted: read-only until returned
        file_result(cast, year, 1, "30", version=row.version)
    row = services.result_step(actor=cast.carol, row=row, action="accept")
    with pytest.raises(ValidationError):  # accepted: read-only
        file_result(cast, year, 1, "30", version=row.version)


def test_only_the_responsible_unit_files(cast):
    year = make_year(cast)
    for outsider in (cast.carol, cast.bob, cast.ed):
        with pytest.raises(PermissionDenied):
            file_result(cast, year, 1, "25", actor=outsider)


def test_a_stale_edit_is_refused(cast):
    year = make_year(cast)
    row = file_result(cast, year, 1, "25")
    loaded = row.version
    file_result(cast, year, 1, "26", version=loaded)
    with pytest.raises(concurrency.StaleEdit) as stale:
        file_result(cast, year, 1, "27", version=loaded)
    assert "result" in stale.value.changes


def test_evidence_is_kept_for_good(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    year = make_year(cast)
    upload = SimpleUploadedFile("หลักฐาน.pdf", b"%PDF-1.4\n")
    row = file_result(cast, year, 1, "25", files=[upload])
    evidence = row.evidence.get()
    with pytest.raises(EvidenceDeletionRefused):
        evidence.delete()
    with pytest.raises(ValidationError):
        file_result(
            cast, year, 1, "25", version=row.version, files=[SimpleUploadedFile("a.exe", b"x")]
        )


def test_assessment_needs_a_filed_result_and_the_latest_counts(cast):
    year = make_year(cast)
    row = file_result(cast, year, 1, "25")
    with pytest.raises(ValidationError):  # a draft is not filed yet
        services.assess(actor=cast.carol, year=year, quarter=1, score=Decimal(100))
    services.result_step(actor=cast.alice, row=row, action="submit")
    with pytest.raises(PermissionDenied):
        services.assess(actor=cast.cody, year=year, quarter=1, score=Decimal(100))
    with pytest.raises(ValidationError) as error:
        services.assess(actor=cast.carol, year=year, quarter=1, score=None, note=" ")
    assert "score" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.assess(actor=cast.carol, year=year, quarter=1, score=Decimal(-1))
    services.assess(actor=cast.carol, year=year, quarter=1, score=Decimal(100), second=Decimal(50))
    services.assess(actor=cast.carol, year=year, quarter=1, score=None, note="รอข้อมูลเพิ่มเติม")
    assert year.assessments.first().note == "รอข้อมูลเพิ่มเติม"
    assert (
        audit.history(year.indicator).filter(action="indicators.assessment.recorded").count() == 2
    )


def _publish(cast, framework, agency, iit, eit, oit):
    from tidtam.ita.models import Assessment
    from tidtam.ita.services import results, setup

    assessment = Assessment.objects.filter(agency=agency).first() or setup.assessment_create(
        actor=cast.root, framework=framework, agency=agency
    )
    results.scores_publish(
        actor=cast.root,
        assessment=assessment,
        iit_score=Decimal(iit),
        eit_score=Decimal(eit),
        oit_score=Decimal(oit),
    )


def test_a_result_drawn_from_the_ita_follows_the_ita_score(cast, framework):
    year = make_year(cast, fiscal_year=2566, source=Source.ITA, target=Decimal(90))
    found = sources.outcome(year)
    assert found.value is None and found.met is None and "ITA" in found.where
    _publish(cast, framework, cast.a, "94.62", "90.43", "100")
    found = sources.outcome(year)
    assert found.value == Decimal("95.52") and found.met is True
    assert "95.52" in found.where and "ผ่านดีเยี่ยม" not in found.where  # ผ่านดี: IIT < 95
    _publish(cast, framework, cast.a, "80", "80", "80")
    found = sources.outcome(year)
    assert found.value == Decimal("80.00") and found.met is False


def test_a_result_drawn_from_the_ita_is_recorded_when_filed(cast, framework):
    year = make_year(cast, fiscal_year=2566, source=Source.ITA, target=Decimal(90), q1_target=None)
    _publish(cast, framework, cast.a, "94.62", "90.43", "100")
    row = file_result(cast, year, 1, "1")  # a typed figure is not taken
    assert row.result == Decimal("95.52")


def test_the_share_of_projects_finished_or_on_plan(cast):
    from tidtam.projects.models import ProjectFigures
    from tidtam.projects.services import project_create

    year = make_year(cast, fiscal_year=2566, source=Source.PROJECTS, target=Decimal(50))
    made = [
        project_create(
            actor=cast.alice,
            name=f"โครงการ {n}",
            fiscal_year=2566,
            start_date=dt.date(2022, 10, 1),
            end_date=dt.date(2023, 9, 30),
            budget_received=Decimal(1000),
            responsible_unit=cast.a_admin,
            responsible_person="ฝ่ายปกครอง",
        )
        for n in range(3)
    ]
    assert sources.outcome(year).value == Decimal("0.00")
    ProjectFigures.objects.filter(project=made[0]).update(status="completed")
    ProjectFigures.objects.filter(project=made[1]).update(status="behind_plan")
    found = sources.outcome(year)
    assert found.value == Decimal("33.33") and found.met is False
    assert "1" in found.where and "3" in found.where
    ProjectFigures.objects.filter(project=made[1]).update(status="on_plan")
    assert sources.outcome(year).met is True
