from django.core.management import call_command

from tidtam.core.models import AuditEntry
from tidtam.devdata.followup_demo import load_followup_demo
from tidtam.reports.models import ProgressReport
from tidtam.rounds.models import RoundCalendar


def test_the_followup_demo_reviews_every_draft_once(demo):
    counts = load_followup_demo()
    assert counts["returned"] == 1
    assert counts["submitted"] >= 2
    assert not ProgressReport.objects.filter(status="draft").exists()
    assert RoundCalendar.objects.filter(fiscal_year=2566).exists()
    returned = ProgressReport.objects.get(project__code="50310000-2961", number=9)
    assert returned.status == "returned"
    assert AuditEntry.objects.filter(action="reports.report.accepted").count() == counts["accepted"]
    before = AuditEntry.objects.count()
    call_command("followup_demo", verbosity=0)
    assert AuditEntry.objects.count() == before
