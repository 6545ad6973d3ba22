"""The queue's computed-status badge, written in Python: the markup the template wrote."""

from decimal import Decimal as D

from django.utils import translation

from tidtam.workplans.selectors import Check
from tidtam.workplans.templatetags.workplan_tags import check_badge


def test_the_badge_names_the_computed_status_and_a_disagreement():
    behind = Check(D("50"), D("5"), "behind_plan", "on_plan")
    agrees = Check(D("50"), D("5"), "on_plan", "on_plan")
    with translation.override("en"):
        assert check_badge(behind) == (
            '<span class="badge badge-behind_plan">behind plan (computed)</span> '
            '<small class="status-disagrees">differs from the declared status</small>'
        )
        assert check_badge(agrees) == '<span class="badge badge-on_plan">on plan (computed)</span>'
        assert check_badge(None) == '<span class="muted">no plan</span>'
    with translation.override("th"):
        assert "ล่าช้ากว่าแผน (คำนวณ)" in check_badge(behind)
