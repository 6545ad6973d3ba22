"""The ITA's arithmetic, as plain functions on Decimal.

Scores stay unrounded until shown; ``display`` rounds with the framework's rule. Totals are
weighted sums of unrounded tool scores; the change from last year is the difference of the
unrounded totals (95.515 − 86.22 = 9.295 → 9.30)."""

from collections.abc import Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)


def display(value: Decimal | None, places: int = 2, rounding: str = ROUND_HALF_UP) -> str:
    """The figure as people read it: 95.515 → "95.52"."""
    if value is None:
        return ""
    return str(value.quantize(Decimal(1).scaleb(-places), rounding=rounding))


def rate(count: int, base: int) -> Decimal | None:
    """Responses as a percentage of the minimum sample (unrounded); None without a base."""
    if not base:
        return None
    return Decimal(count) * HUNDRED / Decimal(base)


def mean(values: Iterable[Decimal]) -> Decimal | None:
    values = list(values)
    if not values:
        return None
    return sum(values, Decimal(0)) / Decimal(len(values))


def weighted_total(scores: Mapping[str, Decimal], weights: Mapping[str, Decimal]) -> Decimal:
    """Σ weight × score over the framework's tools; every tool needs a score."""
    missing = set(weights) - set(scores)
    if missing:
        raise ValueError(f"missing tool scores: {sorted(missing)}")
    unknown = set(scores) - set(weights)
    if unknown:
        raise ValueError(f"tools not in this year's framework: {sorted(unknown)}")
    return sum((weights[code] * scores[code] for code in weights), Decimal(0))


def change(total: Decimal, previous: Decimal | None) -> Decimal | None:
    return None if previous is None else total - previous


def level(total: Decimal, scores: Iterable[Decimal], levels: Sequence) -> str:
    """The first level (highest first) whose total and per-tool minimums are met.

    ``levels`` are objects with ``name``, ``min_total`` and ``min_each_tool`` (or None)."""
    lowest = min(scores)
    for candidate in levels:
        if total < candidate.min_total:
            continue
        if candidate.min_each_tool is not None and lowest < candidate.min_each_tool:
            continue
        return candidate.name
    return ""


def option_points(points: Sequence[Decimal], chosen: int, negative: bool) -> Decimal:
    """Points of the option at index ``chosen`` in a scale listed best-first for a positive
    question; a negative question mirrors the scale (its best answer is the lowest step)."""
    return points[len(points) - 1 - chosen] if negative else points[chosen]


def survey_score(
    answers: Iterable[tuple[object, Decimal]],
    indicators: Sequence[tuple[object, Sequence[object], object]],
) -> Decimal | None:
    """A survey tool's score from raw answers.

    ``answers``: (question key, points) pairs; ``indicators``: (indicator key, question keys,
    part key or None). Question = mean of its answers' points; indicator = mean of its
    questions; part = mean of its indicators; tool = mean of parts (or of indicators when
    the tool has no parts)."""
    by_question: dict[object, list[Decimal]] = {}
    for question, points in answers:
        by_question.setdefault(question, []).append(points)
    parts: dict[object, list[Decimal]] = {}
    for _key, questions, part in indicators:
        question_means = [mean(by_question[q]) for q in questions if q in by_question]
        indicator = mean(question_means)
        if indicator is not None:
            parts.setdefault(part, []).append(indicator)
    return mean(mean(values) for values in parts.values())


def parts_score(parts: Iterable[Decimal]) -> Decimal | None:
    """A tool of several parts scores the mean of the parts (EIT 79.40 & 82.24 → 80.82)."""
    return mean(parts)


def oit_score(indicators: Iterable[tuple[int, int]]) -> Decimal | None:
    """(items passed, items) per indicator → mean of passed ÷ items × 100."""
    return mean(rate(passed, total) for passed, total in indicators if total)
