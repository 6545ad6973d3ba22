"""Indicator demo data on top of the core and ITA demos (``tidtam load_demo``, ``tidtam
ita_demo``): the sample's ITA indicator of Bang Sue (section 1.6 of 50310000-2961) with its
result drawn from the ITA, and a few indicators with four quarters of results through review
and assessment. Running it again changes nothing."""

import datetime as dt
from decimal import Decimal

from django.db import transaction

from tidtam.indicators import rules, services, sources
from tidtam.indicators.models import Direction, IndicatorYear, Kind, Source
from tidtam.orgs.models import Unit, User
from tidtam.projects.models import Project

YEAR = 2566
SAMPLE = "50310000-2961"
ITA_NAME = (
    "ระดับความสำเร็จของการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
    "(Integrity and Transparency Assessment : ITA) มีคะแนนไม่น้อยกว่าระดับ A"
)

# agency, division, name, unit of measure, direction, source, annual target,
# quarterly targets, quarterly results, (score, second) per quarter
# fmt: off
DEMO = [
    ("50310000", "ฝ่ายปกครอง", ITA_NAME, "คะแนน", Direction.HIGHER, Source.ITA, "90",
     [None, None, None, "90"], [None, None, None, None], [("100", "100")] * 4),
    ("50310000", "ฝ่ายปกครอง", "ร้อยละของเรื่องร้องเรียนที่ได้รับการแก้ไขภายในเวลาที่กำหนด", "ร้อยละ",
     Direction.HIGHER, Source.TYPED, "80", ["20", "40", "60", "80"],
     ["25.50", "38.00", "61.25", "83.40"],
     [("100", "100"), ("100", "50"), ("100", "100"), ("100", "100")]),
    ("50310000", "ฝ่ายโยธา", "จำนวนจุดเสี่ยงน้ำท่วมขังที่ยังไม่ได้รับการแก้ไข", "จุด",
     Direction.LOWER, Source.TYPED, "5", ["12", "10", "8", "5"],
     ["11", "10", "9", "6"], [("100", "100"), ("100", "100"), ("100", "50"), ("100", "50")]),
    ("50310000", "ฝ่ายปกครอง", "ร้อยละของโครงการของสำนักงานเขตที่แล้วเสร็จหรือเป็นไปตามแผน", "ร้อยละ",
     Direction.HIGHER, Source.PROJECTS, "80", [None, None, None, "80"],
     [None, None, None, None], [("100", "100")] * 4),
    ("50300000", "ฝ่ายพัฒนาชุมชนและสวัสดิการสังคม", "ร้อยละของผู้สูงอายุที่ได้รับการคัดกรองสุขภาพ",
     "ร้อยละ", Direction.HIGHER, Source.TYPED, "76", ["15", "35", "55", "76"],
     ["16.00", "36.10", "58.75", "77.25"], [("100", "100")] * 4),
]
# fmt: on


def _file_quarters(year, reporter, coordinator, results, scores) -> None:
    for quarter, (value, (score, second)) in enumerate(zip(results, scores, strict=True), 1):
        target = year.quarter_target(quarter)
        value = Decimal(value) if value is not None else None
        # a result drawn from tidtam's data is the figure of the day
        shown = value if year.source == Source.TYPED else sources.outcome(year).value
        met = rules.on_target(shown, target, year.direction)
        row = services.result_save(
            actor=reporter,
            year=year,
            quarter=quarter,
            result=value,
            narrative=f"รายงานผลฯ ไตรมาสที่ {quarter} ดำเนินการตามแผนปฏิบัติราชการประจำปี {YEAR}",
            reason="" if met is not False else "อยู่ระหว่างดำเนินการ คาดว่าจะแล้วเสร็จไตรมาสถัดไป",
            today=rules.quarter_bounds(YEAR, quarter)[1] + dt.timedelta(days=1),
        )
        services.result_step(actor=reporter, row=row, action="submit")
        services.result_step(actor=coordinator, row=row, action="accept")
        services.assess(
            actor=coordinator,
            year=year,
            quarter=quarter,
            score=Decimal(score),
            second=Decimal(second),
        )


@transaction.atomic
def load_indicators_demo() -> list[IndicatorYear]:
    admin = User.objects.get(username="admin")
    made = []
    for code, division, name, measure, direction, source, target, quarters, results, scores in DEMO:
        agency = Unit.objects.filter(agency_code=code).first()
        if agency is None:
            continue
        found = IndicatorYear.objects.filter(
            indicator__agency=agency, fiscal_year=YEAR, name=name
        ).first()
        if found is not None:
            made.append(found)
            continue
        unit = Unit.objects.get(parent=agency, name=division)
        year = services.indicator_create(
            actor=admin,
            agency=agency,
            fiscal_year=YEAR,
            name=name,
            responsible_unit=unit,
            kind=Kind.OUTCOME if source == Source.ITA else Kind.OUTPUT,
            dimension=1,
            negotiated=source == Source.ITA,
            unit_of_measure=measure,
            direction=direction,
            target=Decimal(target),
            **{f"q{q}_target": Decimal(t) if t else None for q, t in enumerate(quarters, start=1)},
            source=source,
            definition="ผลการดำเนินงานตามตัวชี้วัดของสำนักงานเขต ประจำปีงบประมาณ พ.ศ. 2566",
            projects=list(Project.objects.filter(code=SAMPLE)) if source == Source.ITA else None,
            plan_targets=(
                list(Project.objects.get(code=SAMPLE).plan_targets.all())
                if source == Source.ITA
                else None
            ),
        )
        reporter = _editor(unit)
        coordinator = User.objects.filter(
            memberships__unit=agency, memberships__role="coordinator"
        ).first()
        _file_quarters(year, reporter, coordinator or admin, results, scores)
        made.append(year)
    return made


def _editor(unit: Unit) -> User:
    """The unit's reporter, or the admin where the demo has none."""
    found = User.objects.filter(memberships__unit=unit, memberships__role="reporter").first()
    return found or User.objects.get(username="admin")
