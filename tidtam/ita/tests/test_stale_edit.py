"""Two people edit the same ITA page: the later save, made from a page loaded before the
first, is refused with what the other changed, nothing is overwritten or recorded, and their
own change is put back on the current values for them to save again."""

from django.urls import reverse

from tidtam.core.models import AuditEntry
from tidtam.core.testing import form_data, page_of, session
from tidtam.ita.models import Assessment


def _two(first: str, second: str):
    return session(first, "pw"), session(second, "pw")


def test_setup_a_stale_save_is_refused_then_reapplied(ita):
    url = reverse("ita:setup", args=[ita.aa.pk])
    first, second = _two("alice", "assessor")
    mine, theirs = form_data(first.get(url)), form_data(second.get(url))
    civil = f"count_{ita.civil.pk}"
    assert first.post(url, {**mine, civil: 230, "coordinator_name": "สมหญิง"}).status_code == 302
    entries = AuditEntry.objects.count()

    refused = second.post(url, {**theirs, "executive_name": "นายใหญ่ ใจดี"})

    assessment = Assessment.objects.get(pk=ita.aa.pk)
    assert refused.status_code == 200
    assert (assessment.executive_name, assessment.coordinator_name) == ("", "สมหญิง")
    assert assessment.populations.get(group=ita.civil).count == 230
    assert AuditEntry.objects.count() == entries  # nothing saved, nothing recorded
    page = page_of(refused)
    assert 'id="stale-edit"' in page and "alice" in page.text  # who saved first
    assert "สมศรี" in page.text and "สมหญิง" in page.text  # what they changed
    assert ita.civil.name in page.text and "226" in page.text and "230" in page.text

    again = form_data(refused)
    assert (again[civil], again["coordinator_name"]) == (230, "สมหญิง")  # theirs, kept
    assert again["executive_name"] == "นายใหญ่ ใจดี"  # mine, put back
    assert second.post(url, again).status_code == 302
    assessment.refresh_from_db()
    assert (assessment.executive_name, assessment.coordinator_name) == ("นายใหญ่ ใจดี", "สมหญิง")
    assert assessment.populations.get(group=ita.civil).count == 230
    assert assessment.version == 4  # created, set up in the fixture, then the two saves
