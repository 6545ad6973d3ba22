"""tidtam print_indicator CODE --year 2566 -o FILE.pdf — print an indicator's form, recorded
and verifiable as when printed from its page."""

from django.core.management.base import BaseCommand, CommandError
from django.http import Http404

from tidtam.indicators import printing, selectors
from tidtam.orgs.models import User


class Command(BaseCommand):
    help = "Print the form (PDF) of an indicator's fiscal year."
    requires_system_checks = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("code", help="the indicator code, e.g. 5031-0001")
        parser.add_argument("--year", type=int, required=True, help="the fiscal year (B.E.)")
        parser.add_argument("-o", "--output", required=True, help="the PDF to write")
        parser.add_argument(
            "--user",
            help="print as this user (their access applies, their name is on the form); "
            "without it the form is printed by the system",
        )

    def handle(self, *args, code, year, output, user, **options) -> None:
        actor = None
        if user:
            actor = User.objects.filter(username=user).first()
            if actor is None:
                raise CommandError(f"no user {user!r}")
        try:
            found = (
                selectors.year_for_user(actor, code, year) if actor else printing.load(code, year)
            )
        except Http404:
            found = None
        if found is None:
            raise CommandError(f"no indicator {code!r} of {year} (or not readable by this user)")
        _name, _type, content = printing.indicator_print(actor=actor, year=found)
        with open(output, "wb") as file:
            file.write(content)
        self.stdout.write(f"{output}: {len(content):,} bytes")
