"""The city's 20-year development plan: plan → strategy → sub-strategy → target, and KPIs."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from tidtam.core.models import Versioned
from tidtam.lib.thai import to_arabic_digits


def normalize_code(code: str) -> str:
    """๗.๓.๒ and 7.3.2 are the same code; spaces around it do not count."""
    return to_arabic_digits(code).strip()


class PlanNode(Versioned):
    class Kind(models.TextChoices):
        PLAN = "plan", _("plan")
        STRATEGY = "strategy", _("strategic issue")
        SUB_STRATEGY = "sub_strategy", _("sub-issue")
        TARGET = "target", _("target")

    CHILD_KIND = {
        Kind.PLAN: Kind.STRATEGY,
        Kind.STRATEGY: Kind.SUB_STRATEGY,
        Kind.SUB_STRATEGY: Kind.TARGET,
    }

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("placed under"),
    )
    code = models.CharField(_("code"), max_length=40, help_text=_("As written, e.g. ๗.๓.๒"))
    code_key = models.CharField(max_length=40, editable=False, db_index=True)
    title = models.CharField(_("title"), max_length=500)

    class Meta:
        ordering = ["code_key"]
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        constraints = [
            models.UniqueConstraint(fields=["parent", "code_key"], name="plannode_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip()

    def save(self, *args, **kwargs) -> None:
        self.code_key = normalize_code(self.code)
        super().save(*args, **kwargs)

    def chain(self) -> dict[str, "PlanNode"]:
        """This node and its ancestors by kind: {"strategy": …, "sub_strategy": …, "target": …}."""
        found: dict[str, PlanNode] = {}
        node: PlanNode | None = self
        while node is not None:
            found[node.kind] = node
            node = node.parent
        return found


class KPI(models.Model):
    """A key performance indicator of one fiscal year, under a plan target."""

    target = models.ForeignKey(PlanNode, on_delete=models.PROTECT, related_name="kpis")
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"))
    title = models.CharField(_("title"), max_length=1000)

    class Meta:
        ordering = ["fiscal_year", "id"]
        verbose_name = _("KPI")
        verbose_name_plural = _("KPIs")
        constraints = [
            models.UniqueConstraint(fields=["target", "fiscal_year", "title"], name="kpi_unique")
        ]

    def __str__(self) -> str:
        return self.title
