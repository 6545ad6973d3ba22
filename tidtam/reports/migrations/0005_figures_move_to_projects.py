# A project's figures now live in the projects app (projects.0003 took over the table).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0004_project_figures'),
        ('projects', '0003_figures_from_reports'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='ProjectFigures')]
        ),
    ]
