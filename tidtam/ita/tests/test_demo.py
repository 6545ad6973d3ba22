from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tidtam.ita.models import Assessment
from tidtam.ita.selectors import result


def test_ita_demo_is_idempotent(demo, framework):
    out = StringIO()
    call_command("ita_demo", stdout=out)
    call_command("ita_demo", stdout=out)
    sample = Assessment.objects.get(agency__agency_code="50310000")
    outcome = result(sample)
    assert (outcome["total"], outcome["level"], outcome["change"]) == ("95.52", "ผ่านดี", "9.30")
    assert Assessment.objects.count() == 2
    assert "/ita/s/" in out.getvalue()


def test_ita_demo_needs_the_core_demo(db):
    with pytest.raises(CommandError):
        call_command("ita_demo")
