"""The demo city exported to the setup templates and imported into an empty database is the
same city; importing a file again changes nothing."""

from django.db import transaction

from tidtam.core import chain
from tidtam.core.models import AuditEntry
from tidtam.devdata.city_load import load_city
from tidtam.devdata.demo import load_demo
from tidtam.intake import export
from tidtam.intake.services import import_setup
from tidtam.orgs.models import Membership, Unit, User
from tidtam.orgs.testing import make_user
from tidtam.plans.models import KPI, PlanNode
from tidtam.projects.models import Project


def _unit_path(unit: Unit | None) -> tuple:
    return tuple(u.name for u in unit.ancestors_and_self()) if unit else ()


def city() -> dict:
    """Everything a setup import brings in, by natural keys, field by field."""
    return {
        "units": sorted(
            (_unit_path(u), u.kind, u.agency_code) for u in Unit.objects.select_related("parent")
        ),
        "people": sorted(
            (
                u.username,
                u.full_name,
                u.email,
                u.position,
                tuple(sorted((_unit_path(m.unit), m.role) for m in u.memberships.all())),
            )
            for u in User.objects.exclude(username="importer")
        ),
        "plan": sorted(
            (n.kind, n.code, n.title, n.parent.code if n.parent else None)
            for n in PlanNode.objects.select_related("parent")
        ),
        "kpis": sorted((k.target.code, k.fiscal_year, k.title) for k in KPI.objects.all()),
        "projects": sorted(
            (
                p.code,
                p.name,
                p.fiscal_year,
                p.start_date,
                p.end_date,
                p.budget_received,
                _unit_path(p.responsible_unit),
                p.responsible_person,
                p.coordinator.username if p.coordinator else None,
                p.rationale,
                p.objectives,
                p.targets,
                tuple(sorted(n.code for n in p.plan_targets.all())),
                tuple(sorted(k.title for k in p.kpis.all())),
            )
            for p in Project.objects.all()
        ),
    }


def test_the_demo_round_trips_into_an_empty_database(db):
    with transaction.atomic():
        load_demo()
        _name, _type, workbook = export.export()
        before = city()
        transaction.set_rollback(True)  # the database is empty again
    assert not Unit.objects.exists() and not Project.objects.exists()
    assert len(before["projects"]) == 5 and len(before["units"]) > 10

    importer = make_user("importer", is_superuser=True)
    outcome = import_setup(actor=importer, files=[("demo.xlsx", workbook)])

    assert city() == before
    assert outcome.applied.changed == 0  # all of it created
    created = AuditEntry.objects.filter(action="projects.project.created")
    assert sorted(created.values_list("target_label", flat=True)) == sorted(
        str(p) for p in Project.objects.all()
    )  # one entry a project, written in a batch
    assert chain.verify()[2] is None  # tidtam verify_audit passes
    new_people = set(outcome.links)
    assert new_people == {"reporter", "approver", "coordinator", "executive", "admin"}
    assert all(not User.objects.get(username=n).has_usable_password() for n in new_people)


def test_the_demo_city_round_trips_into_an_empty_database(db):
    """The living demo city (a tenth of it): 56 agencies, their divisions and logins, this
    year's and last year's projects."""
    with transaction.atomic():
        load_demo()
        load_city(scale=0.1)
        _name, _type, workbook = export.export()
        before = city()
        transaction.set_rollback(True)
    assert not Project.objects.exists()
    assert len(before["units"]) > 56 * 3 and len(before["projects"]) > 30

    importer = make_user("importer", is_superuser=True)
    import_setup(actor=importer, files=[("city.xlsx", workbook)])

    assert city() == before


def test_importing_the_same_file_again_changes_nothing(db):
    load_demo()
    _name, _type, workbook = export.export()
    admin = User.objects.get(username="admin")
    import_setup(actor=admin, files=[("demo.xlsx", workbook)])  # gives code-less units codes
    entries = AuditEntry.objects.count()
    rows = {m: m.objects.count() for m in (Unit, User, Membership, PlanNode, KPI, Project)}

    outcome = import_setup(actor=admin, files=[("demo.xlsx", workbook)])

    assert outcome.applied is None and not outcome.preview.changed
    assert AuditEntry.objects.count() == entries
    assert {m: m.objects.count() for m in rows} == rows


def test_a_changed_row_is_previewed_field_by_field_and_changed_alone(cast):
    from tidtam.intake.services import preview
    from tidtam.intake.tests.helpers import project_row, workbook

    first = workbook({"projects": [project_row(), project_row(name="โครงการที่สอง")]})
    import_setup(actor=cast.root, files=[("p.xlsx", first)])
    code = Project.objects.get(name="โครงการทดสอบนำเข้า").code
    changed = workbook(
        {
            "projects": [
                project_row(code=code, budget_received="150000"),
                project_row(name="โครงการที่สอง"),
            ]
        }
    )
    checked = preview(cast.root, [("p.xlsx", changed)])
    [item] = checked.of("projects", "change")
    assert [c[1:] for c in item.changes] == [("120000.50", "150000")]
    assert len(checked.of("projects", "same")) == 1
    entries = AuditEntry.objects.count()

    import_setup(actor=cast.root, files=[("p.xlsx", changed)])

    assert str(Project.objects.get(code=code).budget_received) == "150000.00"
    assert AuditEntry.objects.count() == entries + 2  # the project's change, the import
