"""Two people edit the same ITA page: the later save, made from a page loaded before the
first, is refused with what the other changed, nothing is overwritten or recorded, and their
own change is put back on the current values for them to save again."""

import re

from django.urls import reverse

from tidtam.core.models import AuditEntry
from tidtam.core.testing import Page, form_data, page_of, session
from tidtam.ita.models import Assessment, ItaRole
from tidtam.ita.services import oit
from tidtam.orgs.testing import make_user


def notice_of(page) -> str:
    """The stale-edit notice's text (empty when the page has none)."""
    found = re.search(r'id="stale-edit">(.*?)</div>', page, re.S)
    return Page(found.group(1)).text if found else ""


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


def test_oit_fill_a_stale_save_is_refused_then_reapplied(ita):
    entry = oit.entries(ita.aa)[0]
    url = reverse("ita:oit_entry", args=[ita.aa.pk, entry.pk])
    first, second = _two("alice", "assessor")  # the coordinator and an assessor, both manage
    mine = {**form_data(first.get(url), "fill_form"), "step": "fill"}
    theirs = {**form_data(second.get(url), "fill_form"), "step": "fill"}
    link = "https://bangsue.example/o1"
    assert first.post(url, {**mine, "has_it": "yes", "urls": link}).status_code == 302
    entries = AuditEntry.objects.count()

    refused = second.post(url, {**theirs, "has_it": "no", "note": "ยังไม่ได้เผยแพร่"})

    entry.refresh_from_db()
    assert refused.status_code == 200 and (entry.has_it, entry.note) == (True, "")
    assert AuditEntry.objects.count() == entries
    page = page_of(refused)
    assert 'id="stale-edit"' in page and link in page.text
    assert "ท่านแก้ไขช่องนี้ด้วย" in page  # both answered "has it": theirs is kept below

    again = {**form_data(refused, "fill_form"), "step": "fill"}
    assert (again["has_it"], again["note"], again["urls"]) == ("no", "ยังไม่ได้เผยแพร่", link)
    assert second.post(url, again).status_code == 302
    entry.refresh_from_db()
    assert (entry.has_it, entry.note, entry.version) == (False, "ยังไม่ได้เผยแพร่", 3)
    assert [e.url for e in entry.evidence.all()] == [link]


def test_oit_review_a_stale_verdict_is_refused_then_reapplied(ita):
    for each in oit.entries(ita.aa):
        oit.entry_fill(
            actor=ita.alice,
            assessment=ita.aa,
            entry=each,
            has_it=True,
            note="",
            urls=[f"https://bangsue.example/{each.item.code}"],
        )
    oit.oit_submit(actor=ita.alice, assessment=ita.aa)
    ita.root_assessor = make_user("assessor2")
    ItaRole.objects.create(user=ita.root_assessor, role=ItaRole.Role.ASSESSOR)
    entry = oit.entries(ita.aa)[0]
    url = reverse("ita:oit_entry", args=[ita.aa.pk, entry.pk])
    first, second = _two("assessor", "assessor2")
    mine = {**form_data(first.get(url), "review_form"), "step": "review"}
    theirs = {**form_data(second.get(url), "review_form"), "step": "review"}
    failed = {**mine, "passed": "no", "observation": "ลิงก์ไม่ตรง"}
    assert first.post(url, failed).status_code == 302

    refused = second.post(url, {**theirs, "passed": "yes"})

    entry.refresh_from_db()
    assert refused.status_code == 200 and (entry.passed, entry.observation) == (False, "ลิงก์ไม่ตรง")
    page = page_of(refused)
    notice = notice_of(page)
    assert "ลิงก์ไม่ตรง" in notice and "ไม่ผ่าน" in notice  # the verdict as the form names it
    assert "False" not in notice

    again = {**form_data(refused, "review_form"), "step": "review"}
    assert (again["passed"], again["observation"]) == ("yes", "ลิงก์ไม่ตรง")
    again["observation"] = ""  # they look it over: a pass needs no observation
    assert second.post(url, again).status_code == 302
    entry.refresh_from_db()
    assert (entry.passed, entry.observation) == (True, "")
