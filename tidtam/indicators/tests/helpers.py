"""Indicators of the test cast (``orgs.testing.make_cast``), made through the services."""

from decimal import Decimal

from django.utils import timezone

from tidtam.indicators import rules, services
from tidtam.indicators.models import Direction, Source


def now_quarter() -> tuple[int, int]:
    """(fiscal year, quarter) of today: the quarter open for filing."""
    return rules.quarter_of(timezone.localdate())


def make_year(cast, *, agency=None, unit=None, fiscal_year=None, **fields):
    """An indicator of agency A (Bang Sue) run by its ฝ่ายปกครอง, target 80 % (20/40/60/80)."""
    defaults = {
        "name": "ร้อยละของเรื่องร้องเรียนที่ได้รับการแก้ไข",
        "unit_of_measure": "ร้อยละ",
        "direction": Direction.HIGHER,
        "target": Decimal("80"),
        "q1_target": Decimal("20"),
        "q2_target": Decimal("40"),
        "q3_target": Decimal("60"),
        "q4_target": Decimal("80"),
        "source": Source.TYPED,
    }
    return services.indicator_create(
        actor=cast.root,
        agency=agency or cast.a,
        fiscal_year=fiscal_year or now_quarter()[0],
        responsible_unit=unit or cast.a_admin,
        **{**defaults, **fields},
    )


def file_result(cast, year, quarter, value, *, actor=None, reason="", **extra):
    """File a quarter's result on a day inside the quarter's window."""
    return services.result_save(
        actor=actor or cast.alice,
        year=year,
        quarter=quarter,
        result=None if value is None else Decimal(value),
        narrative=f"ผลการดำเนินงานไตรมาสที่ {quarter}",
        reason=reason,
        today=rules.quarter_bounds(year.fiscal_year, quarter)[1],
        **extra,
    )
