"""A year's framework applied to tool scores: total, level and change, ready to show."""

from decimal import Decimal

from tidtam.ita import scoring
from tidtam.ita.models import Framework


def weights(framework: Framework) -> dict[str, Decimal]:
    return {tool.code: tool.weight for tool in framework.tools.all()}


def evaluate(
    framework: Framework,
    scores: dict[str, Decimal],
    previous: Decimal | None = None,
    *,
    tools: list | None = None,
    levels: list | None = None,
) -> dict:
    """Unrounded arithmetic, rounded once for display with the framework's rule.

    Returns strings: {"year", "scores": {code: "94.62"}, "total", "total_unrounded",
    "level", "previous", "change"}."""
    places, rounding = framework.decimal_places, framework.rounding
    tools = list(framework.tools.all()) if tools is None else tools
    levels = list(framework.levels.all()) if levels is None else levels
    total = scoring.weighted_total(scores, {tool.code: tool.weight for tool in tools})
    delta = scoring.change(total, previous)

    def show(value):
        return scoring.display(value, places, rounding) if value is not None else None

    return {
        "year": framework.fiscal_year,
        "scores": {code: show(value) for code, value in scores.items()},
        "total": show(total),
        "total_unrounded": str(total),
        "level": scoring.level(total, scores.values(), levels),
        "previous": show(previous),
        "change": show(delta),
    }
