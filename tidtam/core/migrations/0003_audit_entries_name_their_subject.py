# The audit log stops pointing at projects with a foreign key (core knows no app): an entry
# names the history it belongs to ("projects.project:42") and its target by model label.
# The apps' migrations up to here are listed so that every model has its final home when the
# old target names ("progressreport") are mapped to labels ("reports.progressreport").

from django.db import migrations, models

RENAMED_ACTIONS = {  # the reporting calendar moved from followup to rounds
    "followup.calendar.created": "rounds.calendar.created",
    "followup.round.reopened": "rounds.round.reopened",
}


def name_subjects_and_targets(apps, schema_editor):
    AuditEntry = apps.get_model("core", "AuditEntry")
    labels = {}
    for model in apps.get_models():
        labels.setdefault(model._meta.model_name, model._meta.label_lower)
    for entry in AuditEntry.objects.all().iterator():
        entry.target_type = labels.get(entry.target_type, entry.target_type)
        if entry.project_id is not None:
            entry.subject = f"projects.project:{entry.project_id}"
        entry.action = RENAMED_ACTIONS.get(entry.action, entry.action)
        entry.save(update_fields=["target_type", "subject", "action"])


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0002_initial'),
        ('documents', '0003_background_jobs_share_content_type'),
        ('followup', '0006_calendar_moves_to_rounds'),
        ('ita', '0003_division_staff'),
        ('legacy', '0001_imported_printouts'),
        ('projects', '0004_figures_table_and_a_row_for_every_project'),
        ('reports', '0005_figures_move_to_projects'),
        ('rounds', '0002_calendar_tables_renamed'),
    ]

    operations = [
        migrations.AlterField(
            model_name='auditentry',
            name='target_type',
            field=models.CharField(max_length=60),
        ),
        migrations.AddField(
            model_name='auditentry',
            name='subject',
            field=models.CharField(blank=True, db_index=True, max_length=80),
        ),
        migrations.RunPython(name_subjects_and_targets, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name='auditentry',
            name='project',
        ),
    ]
