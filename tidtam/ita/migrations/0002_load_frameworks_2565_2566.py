"""Ship the FY2565 grades and the FY2566 framework as data (framework_data/framework_*.json)."""

from django.db import migrations

from tidtam.ita import frameworks


def load(apps, schema_editor):
    for year in (2565, 2566):
        frameworks.load(frameworks.read(year), apps.get_model)


def unload(apps, schema_editor):
    apps.get_model("ita", "Framework").objects.filter(fiscal_year__in=[2565, 2566]).delete()


class Migration(migrations.Migration):
    dependencies = [("ita", "0001_framework_assessments_surveys_oit")]

    operations = [migrations.RunPython(load, unload)]
