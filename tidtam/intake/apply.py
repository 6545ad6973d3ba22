"""Applying a checked import (``check.Preview``) through the owning apps' services, in one
transaction: each creation and change is recorded in the audit log by its service; rows that
change nothing write nothing."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from tidtam.core.spreadsheets import Problem, Refused
from tidtam.intake.check import CHANGE, CREATE, Item, Preview
from tidtam.orgs import services as orgs
from tidtam.orgs.models import Unit, User
from tidtam.plans import services as plans
from tidtam.projects import services as projects
from tidtam.projects.models import Project

PROGRESS_EVERY = 25


@dataclass
class Applied:
    created: int = 0
    changed: int = 0
    new_people: list[User] = field(default_factory=list)  # they set their own password


def apply(actor: User, preview: Preview, progress: Callable[[int], None] | None = None) -> Applied:
    """Write what the preview shows, all or nothing; ``Refused`` naming the row a service
    refused."""
    writer = _Writer(actor, preview)
    with transaction.atomic():
        for done, item in enumerate(preview.items, start=1):
            if item.action in (CREATE, CHANGE):
                writer.write(item)
            if done % PROGRESS_EVERY == 0:
                writer.flush()
                if progress:
                    progress(done)
        writer.flush()
    return writer.applied


def _problem(item: Item, error: ValidationError) -> Problem:
    """A service's refusal, at the row (and the column, when it names a field) it came from."""
    fields = list(getattr(error, "error_dict", {}))
    column = item.columns.get(fields[0], "") if fields else ""
    return Problem(item.where, item.row, column, " ".join(error.messages))


class _Writer:
    def __init__(self, actor: User, preview: Preview):
        self.actor = actor
        self.units = dict(preview.units)
        self.users = dict(preview.users)
        self.nodes = dict(preview.nodes)
        self.kpis = dict(preview.kpis)
        self.applied = Applied()
        self.new_projects: list[tuple[Item, projects.NewProject]] = []  # written together

    def write(self, item: Item) -> None:
        if not (item.sheet == "projects" and item.action == CREATE):
            self.flush()
        try:
            getattr(self, f"_{item.sheet}")(item)
        except ValidationError as error:
            raise Refused([_problem(item, error)]) from None
        if item.action == CREATE:
            self.applied.created += 1
        else:
            self.applied.changed += 1

    def _units(self, item: Item) -> None:
        v = item.data
        parent = self.units[v["parent"]] if v["parent"] else None
        codes = {"agency_code": v["code"]} if v["kind"] == Unit.Kind.AGENCY else {"code": v["code"]}
        if item.action == CREATE:
            self.units[v["code"]] = orgs.unit_create(
                actor=self.actor, kind=v["kind"], name=v["name"], parent=parent, **codes
            )
        else:
            self.units[v["code"]] = orgs.unit_update(
                actor=self.actor, unit=item.found, name=v["name"], parent=parent, **codes
            )

    def _people(self, item: Item) -> None:
        v = item.data
        fields = {key: v[key] for key in ("full_name", "email", "position")}
        if item.action == CREATE:
            user = orgs.person_create(actor=self.actor, username=v["username"], **fields)
            self.applied.new_people.append(user)
        else:
            user = orgs.person_update(actor=self.actor, user=item.found, **fields)
        self.users[user.username] = user
        for unit_code, role in v["roles"]:
            orgs.membership_add(actor=self.actor, user=user, unit=self.units[unit_code], role=role)

    def _plan(self, item: Item) -> None:
        v = item.data
        if item.action == CREATE:
            parent = self.nodes[v["parent_key"]] if v["parent_key"] is not None else None
            self.nodes[v["key"]] = plans.plan_node_create(
                actor=self.actor, kind=v["kind"], code=v["code"], title=v["title"], parent=parent
            )
        else:
            self.nodes[v["key"]] = plans.plan_node_update(
                actor=self.actor, node=item.found, title=v["title"]
            )

    def _kpis(self, item: Item) -> None:
        v = item.data
        self.kpis[v["key"]] = plans.kpi_create(
            actor=self.actor,
            target=self.nodes[v["key"][0]],
            fiscal_year=v["fiscal_year"],
            title=v["title"],
        )

    def _projects(self, item: Item) -> None:
        v = item.data
        fields = {
            "name": v["name"],
            "fiscal_year": v["fiscal_year"],
            "start_date": v["start_date"],
            "end_date": v["end_date"],
            "budget_received": v["budget_received"],
            "responsible_unit": self.units[v["unit"]],
            "responsible_person": v["responsible_person"],
            "coordinator": self.users[v["coordinator"]] if v["coordinator"] else None,
            "rationale": v["rationale"],
            "objectives": v["objectives"],
            "targets": v["targets"],
            "plan_targets": [self.nodes[key] for key in sorted(v["target_keys"])],
            "kpis": [self.kpis[key] for key in sorted(v["kpi_keys"])],
        }
        if item.action == CREATE:
            self.new_projects.append((item, projects.NewProject(code=v["code"] or None, **fields)))
        else:
            project = Project.objects.get(pk=item.found.pk)
            projects.project_update(actor=self.actor, project=project, importing=True, **fields)

    def flush(self) -> None:
        """Register the new projects gathered so far, all at once."""
        if not self.new_projects:
            return
        items, new = zip(*self.new_projects, strict=True)
        self.new_projects = []
        try:
            projects.project_create_all(actor=self.actor, projects=list(new), importing=True)
        except projects.RowRefused as refused:
            raise Refused([_problem(items[refused.index], refused.error)]) from None
