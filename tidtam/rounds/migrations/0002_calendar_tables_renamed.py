from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('rounds', '0001_calendar_from_followup'),
        ('followup', '0006_calendar_moves_to_rounds'),
    ]

    operations = [
        migrations.AlterModelTable(name='roundcalendar', table=None),
        migrations.AlterModelTable(name='reportinground', table=None),
        migrations.AlterModelTable(name='reopening', table=None),
    ]
