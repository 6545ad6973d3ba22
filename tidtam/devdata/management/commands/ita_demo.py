"""Load the ITA demo data (after ``tidtam load_demo``) and print where to look."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from tidtam.devdata.ita_demo import load_ita_demo
from tidtam.orgs.models import User


class Command(BaseCommand):
    help = "Create the ITA demo: FY2566 assessments with published scores, ITA roles."

    def handle(self, *args, **options):
        if not User.objects.filter(username="admin").exists():
            raise CommandError("run `tidtam load_demo` first")
        site = settings.SITE_URL.rstrip("/")
        for assessment in load_ita_demo():
            self.stdout.write(f"{assessment}: {site}{reverse('ita:detail', args=[assessment.pk])}")
            survey = reverse("ita:survey", args=[assessment.token])
            self.stdout.write(f"  public survey: {site}{survey}")
        self.stdout.write(f"comparison: {site}{reverse('ita:compare', args=[2566])}")
        self.stdout.write("ITA assessor: coordinator; ITA coordinator of 50310000: approver")
