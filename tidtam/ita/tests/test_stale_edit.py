"""Two people edit the same ITA page: the later save, made from a page loaded before the
first, is refused with what the other changed, nothing is overwritten or recorded, and their
own change is put back on the current values for them to save again."""

import re
from decimal import Decimal

from django.urls import reverse

from tidtam.core.models import AuditEntry
from tidtam.core.testing import Page, form_data, page_of, session
from tidtam.ita.models import Assessment, ItaRole, OitItem, Question
from tidtam.ita.services import oit
from tidtam.orgs.testing import make_user


def notice_of(page) -> str:
    """The stale-edit notice's text (empty when the page has none)."""
    found = re.search(r'id="stale-edit">(.*?)</div>', page, re.S)
    return Page(found.group(1)).text if found else ""


def _second_assessor():
    ItaRole.objects.create(user=make_user("assessor2"), role=ItaRole.Role.ASSESSOR)


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
    _second_assessor()
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


def test_question_a_stale_save_is_refused_then_reapplied(ita, framework):
    _second_assessor()
    question = Question.objects.filter(indicator__tool=ita.iit).first()
    url = reverse("ita:framework_question", args=[2566, question.pk])
    first, second = _two("assessor", "assessor2")
    mine, theirs = form_data(first.get(url)), form_data(second.get(url))
    option = question.options.all()[1]
    old_points = option.points
    assert first.post(url, {**mine, f"points_{option.pk}": "55"}).status_code == 302

    refused = second.post(url, {**theirs, "text": "ถ้อยคำของคนที่สอง", "verified": "on"})

    question.refresh_from_db()
    option.refresh_from_db()
    assert refused.status_code == 200 and option.points == 55 and not question.verified
    notice = notice_of(page_of(refused))
    assert option.label in notice and "55" in notice and f"{old_points.normalize():f}" in notice

    again = form_data(refused)
    assert (again[f"points_{option.pk}"], again["text"]) == (55, "ถ้อยคำของคนที่สอง")
    assert second.post(url, again).status_code == 302
    question.refresh_from_db()
    option.refresh_from_db()
    assert (question.text, question.verified, option.points) == ("ถ้อยคำของคนที่สอง", True, 55)


def test_level_and_oit_item_stale_saves_are_refused_then_reapplied(ita, framework):
    _second_assessor()
    level = framework.levels.get(name="ผ่านดี")
    item = OitItem.objects.get(code="O11", sub_indicator__indicator__tool__framework=framework)
    for url, first_change, second_change, row, changed in [
        (
            reverse("ita:framework_level", args=[2566, level.pk]),
            {"min_total": "86"},
            {"name": "ผ่านดีมาก"},
            level,
            ("min_total", "name"),
        ),
        (
            reverse("ita:framework_oit", args=[2566, item.pk]),
            {"title": "แผนปฏิบัติราชการประจำปี"},
            {"evidence": "URL ของแผน"},
            item,
            ("title", "evidence"),
        ),
    ]:
        first, second = _two("assessor", "assessor2")
        mine, theirs = form_data(first.get(url)), form_data(second.get(url))
        assert first.post(url, {**mine, **first_change}).status_code == 302
        entries = AuditEntry.objects.count()
        kept = getattr(type(row).objects.get(pk=row.pk), changed[1])

        refused = second.post(url, {**theirs, **second_change})

        now = type(row).objects.get(pk=row.pk)
        assert refused.status_code == 200 and getattr(now, changed[1]) == kept
        assert AuditEntry.objects.count() == entries
        assert str(first_change[changed[0]]) in notice_of(page_of(refused))
        again = form_data(refused)
        assert second.post(url, again).status_code == 302
        now = type(row).objects.get(pk=row.pk)
        assert str(getattr(now, changed[0])).startswith(first_change[changed[0]])
        assert getattr(now, changed[1]) == second_change[changed[1]]
        assert now.version == 3


def test_weights_a_stale_save_is_refused_then_reapplied(ita, framework):
    _second_assessor()
    page = reverse("ita:framework", args=[2566])
    url = reverse("ita:framework_weights", args=[2566])
    first, second = _two("assessor", "assessor2")
    mine = form_data(first.get(page), "weights_form")
    theirs = form_data(second.get(page), "weights_form")
    assert first.post(url, {**mine, "IIT": "25", "EIT": "25", "OIT": "50"}).status_code == 302

    refused = second.post(url, {**theirs, "IIT": "40", "EIT": "20", "OIT": "40"})

    weights = {t.code: t.weight for t in framework.tools.all()}
    assert refused.status_code == 200
    assert weights == {"IIT": Decimal("0.25"), "EIT": Decimal("0.25"), "OIT": Decimal("0.5")}
    notice = notice_of(page_of(refused))
    assert "OIT" in notice and "50" in notice
    assert "ท่านแก้ไขช่องนี้ด้วย" in notice  # both changed IIT and EIT
    again = form_data(refused, "weights_form")
    # IIT and EIT: theirs kept; OIT, changed by the other only (40 → 50 %): the other's
    assert (again["IIT"], again["EIT"], again["OIT"]) == (40, 20, 50)
    assert second.post(url, {**again, "OIT": "40"}).status_code == 302
    weights = {t.code: t.weight for t in framework.tools.all()}
    assert weights == {"IIT": Decimal("0.4"), "EIT": Decimal("0.2"), "OIT": Decimal("0.4")}
