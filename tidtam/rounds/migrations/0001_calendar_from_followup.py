# The reporting calendar moved from followup to its own app, below reports. Its tables move
# with it: this migration takes them over as they are (state only), 0002 renames them.

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('followup', '0005_exportjob_is_a_background_job'),
        ('orgs', '0001_initial'),
        ('projects', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    state_operations = [
        migrations.CreateModel(
            name='RoundCalendar',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('fiscal_year', models.PositiveSmallIntegerField(unique=True, validators=[django.core.validators.MinValueValidator(2500), django.core.validators.MaxValueValidator(2700)], verbose_name='fiscal year (B.E.)')),
                ('lock_after_days', models.PositiveSmallIntegerField(default=10, verbose_name='days after the due date before a round locks')),
            ],
            options={
                'db_table': 'followup_roundcalendar',
                'verbose_name': 'reporting calendar',
                'ordering': ['-fiscal_year'],
            },
        ),
        migrations.CreateModel(
            name='ReportingRound',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveSmallIntegerField(verbose_name='round')),
                ('period_start', models.DateField(verbose_name='period from')),
                ('period_end', models.DateField(verbose_name='period to')),
                ('due_date', models.DateField(verbose_name='due date')),
                ('calendar', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='rounds', to='rounds.roundcalendar')),
            ],
            options={
                'db_table': 'followup_reportinground',
                'verbose_name': 'reporting round',
                'ordering': ['period_start'],
            },
        ),
        migrations.CreateModel(
            name='Reopening',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reason', models.TextField(verbose_name='reason')),
                ('until', models.DateField(verbose_name='open until')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('project', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='projects.project')),
                ('reopened_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('unit', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='orgs.unit')),
                ('round', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reopenings', to='rounds.reportinground')),
            ],
            options={
                'db_table': 'followup_reopening',
                'ordering': ['-created_at'],
                'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('project__isnull', True), ('unit__isnull', False)), models.Q(('project__isnull', False), ('unit__isnull', True)), _connector='OR'), name='reopening_unit_or_project')],
            },
        ),
        migrations.AddConstraint(
            model_name='reportinground',
            constraint=models.UniqueConstraint(fields=('calendar', 'number'), name='round_number_unique'),
        ),
        migrations.AddConstraint(
            model_name='reportinground',
            constraint=models.CheckConstraint(condition=models.Q(('period_end__gte', models.F('period_start'))), name='round_period_in_order'),
        ),
        migrations.AddConstraint(
            model_name='reportinground',
            constraint=models.CheckConstraint(condition=models.Q(('due_date__gte', models.F('period_start'))), name='round_due_after_start'),
        ),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=state_operations),
    ]
