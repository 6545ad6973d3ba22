# The audit log becomes a hash chain (core/chain.py): every entry existing now is chained in
# the order it was written, and on PostgreSQL a trigger refuses UPDATE and DELETE of entries.

import django.utils.timezone
from django.db import migrations, models

from tidtam.core.chain import GENESIS, HEAD, digest

APPEND_ONLY = """
CREATE OR REPLACE FUNCTION core_auditentry_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only: % of entry % refused', TG_OP, OLD.id;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER core_auditentry_append_only BEFORE UPDATE OR DELETE ON core_auditentry
    FOR EACH ROW EXECUTE FUNCTION core_auditentry_append_only();
"""
NO_TRIGGER = """
DROP TRIGGER IF EXISTS core_auditentry_append_only ON core_auditentry;
DROP FUNCTION IF EXISTS core_auditentry_append_only();
"""


def chain_existing_entries(apps, schema_editor):
    AuditEntry = apps.get_model("core", "AuditEntry")
    previous = GENESIS
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=2000):
        entry.previous_sha256 = previous
        entry.sha256 = previous = digest(previous, entry)
        entry.save(update_fields=["previous_sha256", "sha256"])
    apps.get_model("core", "AuditChainHead").objects.create(pk=HEAD, last_sha256=previous)


def append_only(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(APPEND_ONLY, params=None)


def not_append_only(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(NO_TRIGGER, params=None)


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0003_audit_entries_name_their_subject'),
    ]

    operations = [
        migrations.CreateModel(
            name='AuditChainHead',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('last_sha256', models.CharField(max_length=64)),
            ],
        ),
        migrations.AlterField(
            model_name='auditentry',
            name='created_at',
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now),
        ),
        migrations.AddField(
            model_name='auditentry',
            name='previous_sha256',
            field=models.CharField(default='', max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='auditentry',
            name='sha256',
            field=models.CharField(default='', max_length=64),
            preserve_default=False,
        ),
        migrations.RunPython(chain_existing_entries, migrations.RunPython.noop),
        migrations.RunPython(append_only, not_append_only),
    ]
