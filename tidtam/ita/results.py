"""A year's framework applied to tool scores: total, level and change, ready to show."""

from decimal import Decimal

from tidtam.ita import scoring
from tidtam.ita.models import Framework


def weights(framework: Framework) -> dict[str, Decimal]:
    return {tool.code: tool.weight for tool in framework.tools.all()}


def evaluate(
    framework: Framework, scores: dict[str, Decimal], previous: Decimal | None = None
) -> dict:
    """Unrounded arithmetic, rounded once for display with the framework's rule.

    Returns strings: {"year", "scores": {code: "94.62"}, "total", "total_unrounded",
    "level", "previous", "change"}."""
    places, rounding = framework.decimal_places, framework.rounding
    total = scoring.weighted_total(scores, weights(framework))
    delta = scoring.change(total, previous)

    def show(value):
        return scoring.display(value, places, rounding) if value is not None else None

    return {
        "year": framework.fiscal_year,
        "scores": {code: show(value) for code, value in scores.items()},
        "total": show(total),
        "total_unrounded": str(total),
        "level": scoring.level(total, scores.values(), list(framework.levels.all())),
        "previous": show(previous),
        "change": show(delta),
    }
