"""Load the indicator demo data (after ``tidtam load_demo`` and ``tidtam ita_demo``) and print
where to look."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from tidtam.devdata.indicators_demo import YEAR, load_indicators_demo
from tidtam.orgs.models import User


class Command(BaseCommand):
    help = "Create the indicator demo: FY2566 indicators with four quarters of results."

    def handle(self, *args, **options):
        if not User.objects.filter(username="admin").exists():
            raise CommandError("run `tidtam load_demo` first")
        site = settings.SITE_URL.rstrip("/")
        for year in load_indicators_demo():
            page = reverse("indicators:detail", args=[year.indicator.code])
            self.stdout.write(f"{year.indicator.code} {year.name[:60]}: {site}{page}?year={YEAR}")
        self.stdout.write(f"city view: {site}{reverse('indicators:city', args=[YEAR])}")
