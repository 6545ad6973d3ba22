from decimal import Decimal

from django.db import migrations, models


def a_row_for_every_project(apps, schema_editor):
    """Projects with no report had no figures row; every project has one from now on."""
    Project = apps.get_model("projects", "Project")
    ProjectFigures = apps.get_model("projects", "ProjectFigures")
    missing = Project.objects.filter(figures__isnull=True).values_list("pk", flat=True)
    ProjectFigures.objects.bulk_create(
        (ProjectFigures(project_id=pk) for pk in missing.iterator()), batch_size=2000
    )


class Migration(migrations.Migration):

    dependencies = [
        ('projects', '0003_figures_from_reports'),
        ('reports', '0005_figures_move_to_projects'),
    ]

    operations = [
        migrations.AlterModelTable(name='projectfigures', table=None),
        migrations.RenameIndex(
            model_name='projectfigures',
            new_name='projects_pr_status_c5deb5_idx',
            old_name='reports_pro_status_494e2a_idx',
        ),
        migrations.AlterField(
            model_name='projectfigures',
            name='budget_used',
            field=models.DecimalField(decimal_places=2, default=Decimal('0.00'), max_digits=15),
        ),
        migrations.AlterField(
            model_name='projectfigures',
            name='status',
            field=models.CharField(choices=[('not_started', 'No report yet'), ('on_plan', 'on plan'), ('behind_plan', 'behind plan'), ('ahead_of_plan', 'ahead of plan'), ('completed', 'Completed')], default='not_started', max_length=14),
        ),
        migrations.RunPython(a_row_for_every_project, migrations.RunPython.noop),
    ]
