"""Organisation units, people and their roles in units."""

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from tidtam.core.models import Versioned


class User(AbstractUser, Versioned):
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)

    def __str__(self) -> str:
        return self.full_name or self.username


class Unit(Versioned):
    """A node of the organisation tree: city → agency → division → section."""

    class Kind(models.TextChoices):
        CITY = "city", _("city")
        AGENCY = "agency", _("agency")
        DIVISION = "division", _("division")
        SECTION = "section", _("section")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent unit"),
    )
    agency_code = models.CharField(
        _("agency code"),
        max_length=8,
        blank=True,
        validators=[RegexValidator(r"^\d{8}$", _("An agency code is 8 digits."))],
    )
    # the unit's code in the city's own lists (the setup spreadsheets match units on it); an
    # agency's is its agency code
    code = models.CharField(_("unit code"), max_length=20, blank=True)
    # Materialised path of ids, "/1/4/9/", so that a subtree is one indexed prefix query.
    path = models.CharField(max_length=255, db_index=True, editable=False)

    class Meta:
        ordering = ["path"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.UniqueConstraint(
                fields=["agency_code"],
                condition=~models.Q(agency_code=""),
                name="unit_agency_code_unique",
            ),
            models.UniqueConstraint(
                fields=["code"], condition=~models.Q(code=""), name="unit_code_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="agency") | ~models.Q(agency_code=""),
                name="unit_agency_has_code",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        path = f"{self.parent.path if self.parent else '/'}{self.pk}/"
        if self.path != path:
            self.path = path
            Unit.objects.filter(pk=self.pk).update(path=path)

    @property
    def key(self) -> str:
        """The code a spreadsheet names the unit by: its own code, else its agency code."""
        return self.code or self.agency_code

    @property
    def agency(self) -> "Unit | None":
        """The agency this unit belongs to (itself when it is one)."""
        unit: Unit | None = self
        while unit is not None and unit.kind != self.Kind.AGENCY:
            unit = unit.parent
        return unit

    @property
    def path_ids(self) -> list[int]:
        """The ids on the unit's path, from the city down to the unit itself."""
        return [int(part) for part in self.path.strip("/").split("/") if part]

    def read_ancestors(self) -> None:
        """Read the unit's parents in one query by its path, so that walking up from it
        (``ancestors_and_self``, ``agency``) reads nothing more; a join per level instead
        cost the project's query more to plan than to run."""
        found = {unit.pk: unit for unit in Unit.objects.filter(pk__in=self.path_ids[:-1])}
        unit = self
        while unit.parent_id in found:
            unit.parent = found[unit.parent_id]
            unit = unit.parent

    def ancestors_and_self(self) -> list["Unit"]:
        chain: list[Unit] = []
        unit: Unit | None = self
        while unit is not None:
            chain.append(unit)
            unit = unit.parent
        return list(reversed(chain))

    def path_names(self) -> list[str]:
        """Names from the agency down, as the form prints them."""
        return [u.name for u in self.ancestors_and_self() if u.kind != self.Kind.CITY]


class Membership(models.Model):
    """A person's role in a unit. A coordinator has one row per agency they follow."""

    class Role(models.TextChoices):
        REPORTER = "reporter", _("reporter")
        APPROVER = "approver", _("approver")
        COORDINATOR = "coordinator", _("coordinator")
        EXECUTIVE = "executive", _("executive")
        ADMIN = "admin", _("admin")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"
