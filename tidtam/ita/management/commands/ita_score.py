"""Compute an ITA total and level from tool scores with a year's framework, as JSON."""

import json

from django.core.management.base import BaseCommand, CommandError

from tidtam.ita import results
from tidtam.ita.models import Framework
from tidtam.lib.money import parse_decimal


def _decimal(text: str):
    try:
        return parse_decimal(text)
    except ValueError as error:
        raise CommandError(str(error)) from error


class Command(BaseCommand):
    help = "Weighted total, level and change of an ITA from its tool scores (JSON on stdout)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="fiscal year (BE)")
        parser.add_argument("--previous", type=_decimal, help="last year's total")
        for code in ("iit", "eit", "oit"):
            parser.add_argument(f"--{code}", type=_decimal, help=f"{code.upper()} score")
        parser.add_argument(
            "--score",
            action="append",
            default=[],
            metavar="TOOL=SCORE",
            help="a tool score by the framework's code (for years with other tools)",
        )

    def handle(self, *args, **options):
        framework = Framework.objects.filter(fiscal_year=options["year"]).first()
        if framework is None:
            raise CommandError(f"no ITA framework for fiscal year {options['year']}")
        scores = {
            code.upper(): options[code]
            for code in ("iit", "eit", "oit")
            if options.get(code) is not None
        }
        for pair in options["score"]:
            code, _, value = pair.partition("=")
            scores[code.strip().upper()] = _decimal(value)
        try:
            outcome = results.evaluate(framework, scores, options.get("previous"))
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(json.dumps(outcome, ensure_ascii=False))
