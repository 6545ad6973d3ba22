"""Questions and OIT items added and removed through the framework page: audited, and refused
once answers or evidence depend on them."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tidtam.core.models import AuditEntry
from tidtam.core.testing import page_of
from tidtam.ita.models import OitItem, Question
from tidtam.ita.services import framework as service
from tidtam.ita.services import oit, surveys
from tidtam.ita.tests.test_surveys import submit


def _iit_questions(ita):
    return Question.objects.filter(indicator__tool=ita.iit)


def test_a_new_question_takes_the_tools_next_code_and_its_scale(client, ita):
    indicator = _iit_questions(ita).first().indicator
    count, last_code = _iit_questions(ita).count(), f"i{_iit_questions(ita).count()}"
    assert _iit_questions(ita).filter(code=last_code).exists()
    url = reverse("ita:framework_question_add", args=[2566, indicator.pk])
    client.force_login(ita.alice)  # an agency's ITA coordinator: not the framework's owner
    assert client.get(url).status_code == 403
    client.force_login(ita.assessor)
    response = client.post(url, {"text": "หน่วยงานเปิดเผยข้อมูลครบถ้วนหรือไม่", "polarity": "positive"})
    assert response.status_code == 302
    added = _iit_questions(ita).get(code=f"i{count + 1}")
    assert added.indicator == indicator and not added.verified
    model = _iit_questions(ita).order_by("indicator__order", "order").first()
    assert [(o.label, o.points) for o in added.options.all()] == [
        (o.label, o.points) for o in model.options.all()
    ]
    assert AuditEntry.objects.get(action="ita.framework.question_added").changes["code"] == [
        None,
        added.code,
    ]
    page = page_of(client.get(reverse("ita:framework", args=[2566])))
    assert "หน่วยงานเปิดเผยข้อมูลครบถ้วนหรือไม่" in page


def test_questions_are_fixed_once_the_first_answer_is_in(client, ita):
    question = _iit_questions(ita).last()
    client.force_login(ita.assessor)
    url = reverse("ita:framework_question_delete", args=[2566, question.pk])
    assert client.get(url).status_code == 200  # asks first
    batch = surveys.codes_issue_batch(actor=ita.alice, assessment=ita.aa, tool=ita.iit, size=1)
    submit(ita, batch.codes.get().code)
    response = client.post(url, follow=True)
    assert Question.objects.filter(pk=question.pk).exists()
    assert "มีผู้ตอบแล้ว" in page_of(response)
    with pytest.raises(ValidationError):
        service.question_add(
            actor=ita.assessor, indicator=question.indicator, text="ใหม่", polarity="positive"
        )
    eit_question = Question.objects.filter(indicator__tool=ita.eit).last()  # EIT: no answer yet
    service.question_delete(actor=ita.assessor, question=eit_question)
    assert not Question.objects.filter(pk=eit_question.pk).exists()
    assert AuditEntry.objects.filter(action="ita.framework.question_deleted").count() == 1


def test_an_item_added_reaches_the_checklists_and_a_used_one_stays(client, ita):
    items = OitItem.objects.filter(sub_indicator__indicator__tool=ita.oit)
    sub = items.get(code="O11").sub_indicator
    count = items.count()
    client.force_login(ita.assessor)
    url = reverse("ita:framework_oit_add", args=[2566, sub.pk])
    data = {"title": "รายงานผลการจัดซื้อจัดจ้างรายไตรมาส", "evidence": "", "tidtam_source": ""}
    assert client.post(url, data).status_code == 302
    added = items.get(code=f"O{count + 1}")
    assert added.sub_indicator == sub
    checklist = oit.entries(ita.aa)
    assert added in [entry.item for entry in checklist]
    codes = [entry.item.code for entry in checklist]
    assert codes.index(added.code) == codes.index("O11") + 1 + (  # after its siblings
        items.filter(sub_indicator=sub, order__gt=items.get(code="O11").order).count() - 1
    )
    entry = next(e for e in checklist if e.item == added)
    oit.entry_fill(actor=ita.alice, assessment=ita.aa, entry=entry, has_it=True, note="", urls=[])
    response = client.post(reverse("ita:framework_oit_delete", args=[2566, added.pk]), follow=True)
    assert OitItem.objects.filter(pk=added.pk).exists()
    assert "ตอบแล้ว" in page_of(response)
    unused = items.get(code="O11")
    oit.entries(ita.bb)  # B opened its checklist but answered nothing
    service.oit_item_delete(actor=ita.assessor, item=unused)
    assert not OitItem.objects.filter(pk=unused.pk).exists()
