import pytest
from django.db import IntegrityError

from tidtam.plans.models import PlanNode, normalize_code


def test_thai_and_arabic_digits_are_the_same_code(db):
    plan = PlanNode.objects.create(kind=PlanNode.Kind.PLAN, code="", title="แผน 20 ปี")
    strategy = PlanNode.objects.create(
        kind=PlanNode.Kind.STRATEGY, parent=plan, code="๗", title="มืออาชีพ"
    )
    assert normalize_code(" ๗.๓.๒ ") == "7.3.2"
    assert PlanNode.objects.get(parent=plan, code_key=normalize_code("7")) == strategy
    assert strategy.code == "๗"  # shown as written
    with pytest.raises(IntegrityError):
        PlanNode.objects.create(kind=PlanNode.Kind.STRATEGY, parent=plan, code="7", title="ซ้ำ")


def test_chain_gives_the_strategy_and_sub_strategy_of_a_target(db):
    plan = PlanNode.objects.create(kind=PlanNode.Kind.PLAN, code="", title="แผน")
    strategy = PlanNode.objects.create(kind="strategy", parent=plan, code="๗", title="ก")
    sub = PlanNode.objects.create(kind="sub_strategy", parent=strategy, code="๗.๓", title="ข")
    target = PlanNode.objects.create(kind="target", parent=sub, code="๗.๓.๒", title="ค")
    chain = target.chain()
    assert (chain["strategy"], chain["sub_strategy"], chain["target"]) == (strategy, sub, target)
