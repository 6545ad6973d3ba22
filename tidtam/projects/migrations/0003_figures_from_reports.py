# A project's figures and their status vocabulary moved from reports to projects, so that the
# project pages read them without importing the reports app. The table moves with them: this
# migration takes it over as it is (state only), 0004 renames it and gives every project a row.

import django.db.models.deletion
from decimal import Decimal
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('projects', '0002_project_year_code'),
        ('reports', '0004_project_figures'),
    ]

    state_operations = [
        migrations.CreateModel(
            name='ProjectFigures',
            fields=[
                ('project', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='figures', serialize=False, to='projects.project')),
                ('report_count', models.PositiveIntegerField(default=0)),
                ('budget_used', models.DecimalField(decimal_places=2, default=Decimal('0'), max_digits=15)),
                ('latest_progress', models.DecimalField(decimal_places=2, max_digits=5, null=True)),
                ('status', models.CharField(default='not_started', max_length=14)),
                ('latest_delay_category', models.CharField(blank=True, max_length=14)),
                ('latest_filed_on', models.DateField(null=True)),
                ('waiting', models.PositiveIntegerField(default=0)),
                ('reviewed', models.PositiveIntegerField(default=0)),
                ('review_seconds', models.PositiveBigIntegerField(default=0)),
            ],
            options={
                'db_table': 'reports_projectfigures',
                'indexes': [models.Index(fields=['status'], name='reports_pro_status_494e2a_idx')],
            },
        ),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=state_operations),
    ]
