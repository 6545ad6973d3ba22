from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tidtam.core.models import AuditEntry
from tidtam.ita.models import ItaRole, Question
from tidtam.ita.services import framework as service


def test_question_edit_is_audited(ita, framework):
    question = Question.objects.filter(indicator__tool=ita.iit).first()
    service.question_update(
        actor=ita.assessor,
        question=question,
        text="ถ้อยคำใหม่",
        polarity="positive",
        verified=True,
        points=[Decimal(100), Decimal(80), Decimal(40), Decimal(0)],
    )
    question.refresh_from_db()
    assert question.verified and [o.points for o in question.options.all()][1] == 80
    entry = AuditEntry.objects.get(action="ita.framework.question_changed")
    assert entry.changes["points"][1][1] == "80"


def test_weights_must_add_up(ita, framework):
    with pytest.raises(ValidationError):
        service.weights_update(
            actor=ita.assessor,
            framework=framework,
            weights={"IIT": Decimal("0.3"), "EIT": Decimal("0.3"), "OIT": Decimal("0.3")},
        )


def test_framework_page_and_edit_permissions(client, ita, framework):
    client.force_login(ita.anna)
    assert client.get(reverse("ita:framework", args=[2566])).status_code == 200
    question = Question.objects.filter(indicator__tool=ita.iit).first()
    url = reverse("ita:framework_question", args=[2566, question.pk])
    assert client.get(url).status_code == 403
    client.force_login(ita.assessor)
    data = {"text": "ใหม่", "polarity": "negative", "verified": "on", "version": 1}
    data.update({f"points_{o.pk}": "๑๐๐" for o in question.options.all()})
    assert client.post(url, data).status_code == 302
    assert Question.objects.get(pk=question.pk).polarity == "negative"
    weights = {"IIT": "25", "EIT": "25", "OIT": "50", "version": 1}
    client.post(reverse("ita:framework_weights", args=[2566]), weights)
    assert framework.tools.get(code="OIT").weight == Decimal("0.5")


def test_roles_page(client, ita):
    client.force_login(ita.alice)
    assert client.get(reverse("ita:roles")).status_code == 403
    client.force_login(ita.assessor)
    data = {"user": ita.anna.pk, "role": "assessor"}
    response = client.post(reverse("ita:roles"), data)
    assert response.status_code == 200  # only an admin names assessors
    data = {"user": ita.anna.pk, "role": "coordinator", "agency": ita.a.pk}
    assert client.post(reverse("ita:roles"), data).status_code == 302
    role = ItaRole.objects.get(user=ita.anna)
    client.post(reverse("ita:role_revoke", args=[role.pk]))
    assert not ItaRole.objects.filter(user=ita.anna).exists()
    assert AuditEntry.objects.filter(action="ita.role.revoked").exists()


def test_level_and_oit_item_edits(client, ita, framework):
    from tidtam.ita.models import OitItem

    level = framework.levels.get(name="ผ่านดี")
    item = OitItem.objects.get(code="O11", sub_indicator__indicator__tool__framework=framework)
    client.force_login(ita.alice)
    assert client.get(reverse("ita:framework_level", args=[2566, level.pk])).status_code == 403
    client.force_login(ita.assessor)
    data = {"name": "ผ่านดี", "min_total": "๘๖", "min_each_tool": "", "version": 1}
    assert (
        client.post(reverse("ita:framework_level", args=[2566, level.pk]), data).status_code == 302
    )
    level.refresh_from_db()
    assert level.min_total == 86 and level.min_each_tool is None
    data = {
        "title": "แผนปฏิบัติราชการประจำปี",
        "evidence": "URL",
        "tidtam_source": "operating_plan",
        "version": 1,
    }
    assert client.post(reverse("ita:framework_oit", args=[2566, item.pk]), data).status_code == 302
    item.refresh_from_db()
    assert item.title == "แผนปฏิบัติราชการประจำปี"
    assert AuditEntry.objects.filter(action="ita.framework.oit_item_changed").exists()
