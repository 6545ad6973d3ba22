"""Writes of the plan tree and its KPIs: checked, saved in one transaction, recorded. Only an
administrator sets up the plan."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tidtam.core import audit, concurrency
from tidtam.orgs import access
from tidtam.orgs.models import User
from tidtam.plans.actions import KPI_CREATED, PLAN_NODE_CHANGED, PLAN_NODE_CREATED
from tidtam.plans.models import KPI, PlanNode

NODE_FIELDS = ["kind", "code", "title", "parent"]


def _require_admin(actor: User) -> None:
    if not access.is_admin(actor):
        raise ValidationError(_("Only an administrator sets up the plan."))


def _check_kind(kind: str, parent: PlanNode | None) -> None:
    wanted = PlanNode.CHILD_KIND.get(parent.kind) if parent else PlanNode.Kind.PLAN
    if kind != wanted:
        raise ValidationError({"kind": _("This level does not fit under its parent.")})


@transaction.atomic
def plan_node_create(
    *, actor: User, kind: str, code: str, title: str, parent: PlanNode | None
) -> PlanNode:
    _require_admin(actor)
    _check_kind(kind, parent)
    node = PlanNode(kind=kind, code=code, title=title, parent=parent)
    exclude = ["code_key"] if code or kind != PlanNode.Kind.PLAN else ["code_key", "code"]
    node.full_clean(exclude=exclude)  # the plan itself may have no code
    node.save()
    audit.record_changes(
        action=PLAN_NODE_CREATED, actor=actor, target=node, before={}, fields=NODE_FIELDS
    )
    return node


@transaction.atomic
def plan_node_update(
    *, actor: User, node: PlanNode, title: str, version: int | None = None
) -> PlanNode:
    """Retitle a plan item (its code and place are what it is matched on); ``version``: the
    one the form was loaded at (``core.concurrency``)."""
    _require_admin(actor)
    node = PlanNode.objects.select_for_update().get(pk=node.pk)
    concurrency.check(node, version)
    before = audit.snapshot(node, NODE_FIELDS)
    node.title = title
    node.full_clean(exclude=["code_key", "code"])
    node.save()
    concurrency.record_edit(
        action=PLAN_NODE_CHANGED, actor=actor, target=node, before=before, fields=NODE_FIELDS
    )
    return node


@transaction.atomic
def kpi_create(*, actor: User, target: PlanNode, fiscal_year: int, title: str) -> KPI:
    _require_admin(actor)
    if target.kind != PlanNode.Kind.TARGET:
        raise ValidationError(_("A KPI belongs to a plan target."))
    kpi = KPI(target=target, fiscal_year=fiscal_year, title=title)
    kpi.full_clean()
    kpi.save()
    audit.record_changes(
        action=KPI_CREATED,
        actor=actor,
        target=kpi,
        before={},
        fields=["target", "fiscal_year", "title"],
    )
    return kpi
