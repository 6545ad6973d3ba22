"""The audit log is a hash chain: a change or deletion made in SQL shows, in ``verify_audit``
and on the history page; the app and the admin site never delete evidence."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from tidtam.core.models import AuditEntry, EvidenceDeletionRefused
from tidtam.core.testing import page_of
from tidtam.projects.services import project_update
from tidtam.projects.tests.factories import make_project

POSTGRES = connection.vendor == "postgresql"


@pytest.fixture
def entries(cast):
    """Four entries: a project registered and changed three times."""
    project = make_project(cast.alice, cast.a_admin)
    for person in ("ก", "ข", "ค"):
        project_update(actor=cast.alice, project=project, responsible_person=person)
    return project, list(AuditEntry.objects.order_by("id"))


def tamper(sql: str, params: list) -> None:
    """What a database superuser could do: on PostgreSQL they would first switch triggers off
    for their session (here until the test's transaction ends)."""
    with connection.cursor() as cursor:
        if POSTGRES:
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(sql, params)


def verify() -> str:
    out = StringIO()
    call_command("verify_audit", stdout=out)
    return out.getvalue()


def test_an_intact_log_verifies(entries):
    _project, rows = entries
    assert str(len(rows)) in verify()


@pytest.mark.parametrize(
    ("sql", "column"),
    [
        ("UPDATE core_auditentry SET actor_id = %s WHERE id = %s", "actor"),
        ("UPDATE core_auditentry SET created_at = '2020-01-01 00:00:00+00' WHERE id = %s", "date"),
        ("UPDATE core_auditentry SET changes = '{}' WHERE id = %s", "changes"),
    ],
)
def test_an_entry_changed_in_sql_is_named(entries, cast, sql, column):
    _project, rows = entries
    victim = rows[2]
    params = [cast.root.pk, victim.pk] if column == "actor" else [victim.pk]
    tamper(sql, params)
    with pytest.raises(CommandError, match=rf"\b{victim.pk}\b"):
        verify()


def test_an_entry_deleted_in_sql_breaks_the_link_of_the_next(entries):
    _project, rows = entries
    tamper("DELETE FROM core_auditentry WHERE id = %s", [rows[1].pk])
    with pytest.raises(CommandError, match=rf"\b{rows[2].pk}\b"):
        verify()


def test_the_newest_entry_deleted_in_sql_shows_too(entries):
    _project, rows = entries
    tamper("DELETE FROM core_auditentry WHERE id = %s", [rows[-1].pk])
    with pytest.raises(CommandError):
        verify()


def test_the_history_page_says_when_the_chain_is_broken(client, entries, cast):
    project, rows = entries
    client.force_login(cast.alice)
    url = reverse("projects:detail", kwargs={"code": project.code})
    assert "tamper" not in page_of(client.get(url)).text.lower()
    tamper("UPDATE core_auditentry SET changes = '{}' WHERE id = %s", [rows[1].pk])
    page = page_of(client.get(url))
    assert 'role="alert"' in page and str(rows[1].pk) in page.text


@pytest.mark.skipif(not POSTGRES, reason="the trigger is PostgreSQL's")
def test_postgresql_refuses_update_and_delete_of_the_audit_log(entries):
    _project, rows = entries
    for sql in (
        "UPDATE core_auditentry SET target_label = 'x' WHERE id = %s",
        "DELETE FROM core_auditentry WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [rows[0].pk])
    assert AuditEntry.objects.count() == len(rows)


def test_the_app_never_deletes_evidence(entries):
    _project, rows = entries
    with pytest.raises(EvidenceDeletionRefused):
        rows[0].delete()
    with pytest.raises(EvidenceDeletionRefused):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.count() == len(rows)


def test_the_admin_site_cannot_delete_an_imported_printout(client, cast, entries):
    from tidtam.legacy.models import LegacyImport

    project, _rows = entries
    printout = LegacyImport.objects.create(
        project=project, actor=cast.root, file_name="a.txt", sha256="0" * 64, source="x"
    )
    cast.root.is_staff = cast.root.is_superuser = True  # may do anything the admin site allows
    cast.root.save()
    client.force_login(cast.root)
    url = reverse("admin:legacy_legacyimport_delete", args=[printout.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert LegacyImport.objects.filter(pk=printout.pk).exists()
