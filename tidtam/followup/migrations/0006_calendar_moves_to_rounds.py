# The reporting calendar now lives in the rounds app (rounds.0001 took over its tables).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('followup', '0005_exportjob_is_a_background_job'),
        ('rounds', '0001_calendar_from_followup'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='Reopening'),
                migrations.DeleteModel(name='ReportingRound'),
                migrations.DeleteModel(name='RoundCalendar'),
            ]
        ),
    ]
