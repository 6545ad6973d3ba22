"""Reads for the ITA pages: response tracking, computed scores, results and comparison.
Callers pass an assessment already obtained through ``access``."""

from decimal import Decimal

from django.db.models import Count

from tidtam.ita import results, scoring
from tidtam.ita.models import Answer, Assessment, Framework, OitEntry, Question, Tool
from tidtam.ita.services.setup import minimum_sample


def tool(assessment: Assessment, kind: str) -> Tool:
    return assessment.framework.tools.get(kind=kind)


def tracking(assessment: Assessment) -> dict:
    """Counts against populations and minimums, rates unrounded (round at display)."""
    iit = tool(assessment, Tool.Kind.INTERNAL)
    eit = tool(assessment, Tool.Kind.EXTERNAL)
    responses = assessment.responses.all()
    by_group = dict(responses.values("group").annotate(n=Count("id")).values_list("group", "n"))
    groups = []
    for population in assessment.populations.select_related("group"):
        count = by_group.get(population.group_id, 0)
        groups.append(
            {
                "group": population.group,
                "population": population.count,
                "minimum": population.minimum,
                "responses": count,
                "rate": scoring.rate(count, population.minimum),
            }
        )
    iit_count = sum(row["responses"] for row in groups)
    iit_minimum = sum(row["minimum"] for row in groups)
    by_division = dict(
        responses.filter(tool=iit)
        .values("division")
        .annotate(n=Count("id"))
        .values_list("division", "n")
    )
    staff = dict(assessment.division_staff.values_list("division", "count"))
    percent = assessment.framework.iit_minimum_percent
    divisions = []
    for division in assessment.divisions.all():
        count = by_division.get(division.pk, 0)
        population = staff.get(division.pk)
        minimum = minimum_sample(population, percent) if population is not None else None
        divisions.append(
            {
                "division": division,
                "population": population,
                "minimum": minimum,
                "responses": count,
                "rate": scoring.rate(count, minimum) if minimum else None,
            }
        )
    eit_count = responses.filter(tool=eit).count()
    eit_groups = [{"group": g, "responses": by_group.get(g.pk, 0)} for g in eit.groups.all()]
    per_day = list(
        responses.values("submitted_on", "tool__code")
        .annotate(n=Count("id"))
        .order_by("submitted_on", "tool__code")
    )
    return {
        "groups": groups,
        "iit": {
            "population": sum(row["population"] for row in groups),
            "minimum": iit_minimum,
            "responses": iit_count,
            "rate": scoring.rate(iit_count, iit_minimum),
        },
        "divisions": divisions,
        "eit": {
            "target": assessment.eit_target,
            "responses": eit_count,
            "rate": scoring.rate(eit_count, assessment.eit_target),
            "groups": eit_groups,
        },
        "per_day": per_day,
        "max_per_day": max((row["n"] for row in per_day), default=0),
    }


def survey_score(assessment: Assessment, survey_tool: Tool) -> Decimal | None:
    """A survey tool's score computed from the raw answers."""
    scales: dict[int, list[Decimal]] = {}
    negative: dict[int, bool] = {}
    position: dict[int, int] = {}
    for question in Question.objects.filter(indicator__tool=survey_tool).prefetch_related(
        "options"
    ):
        options = list(question.options.all())
        scales[question.pk] = [o.points for o in options]
        negative[question.pk] = question.polarity == Question.Polarity.NEGATIVE
        position.update({o.pk: index for index, o in enumerate(options)})
    answers = Answer.objects.filter(
        response__assessment=assessment, response__tool=survey_tool
    ).values_list("question_id", "option_id")
    pairs = [(q, scoring.option_points(scales[q], position[o], negative[q])) for q, o in answers]
    structure = [
        (ind.pk, [q.pk for q in ind.questions.all()], ind.part_id)
        for ind in survey_tool.indicators.prefetch_related("questions")
    ]
    return scoring.survey_score(pairs, structure)


def oit_score(assessment: Assessment) -> Decimal | None:
    per_indicator: dict[int, list[int]] = {}
    entries = list(
        OitEntry.objects.filter(assessment=assessment).values_list(
            "item__sub_indicator__indicator", "passed"
        )
    )
    if not entries or any(passed is None for _indicator, passed in entries):
        return None  # not (fully) reviewed yet
    for indicator, passed in entries:
        tally = per_indicator.setdefault(indicator, [0, 0])
        tally[0] += 1 if passed else 0
        tally[1] += 1
    return scoring.oit_score((p, n) for p, n in per_indicator.values())


def computed_scores(assessment: Assessment) -> dict[str, Decimal | None]:
    scores: dict[str, Decimal | None] = {}
    for t in assessment.framework.tools.all():
        if t.kind == Tool.Kind.DISCLOSURE:
            scores[t.code] = oit_score(assessment)
        else:
            scores[t.code] = survey_score(assessment, t)
    return scores


BY_KIND = {
    Tool.Kind.INTERNAL: "iit_score",
    Tool.Kind.EXTERNAL: "eit_score",
    Tool.Kind.DISCLOSURE: "oit_score",
}


def published_scores(
    assessment: Assessment, tools: list | None = None
) -> dict[str, Decimal] | None:
    """The published score of each of the framework's tools, or None while any is missing."""
    tools = list(assessment.framework.tools.all()) if tools is None else tools
    scores = {}
    for t in tools:
        value = getattr(assessment, BY_KIND[t.kind])
        if value is None:
            return None
        scores[t.code] = value
    return scores


def _total(assessment: Assessment, tools: list | None = None) -> Decimal | None:
    tools = list(assessment.framework.tools.all()) if tools is None else tools
    scores = published_scores(assessment, tools)
    if scores is None:
        return None
    return scoring.weighted_total(scores, {t.code: t.weight for t in tools})


def previous_total(assessment: Assessment) -> Decimal | None:
    if assessment.previous_total is not None:
        return assessment.previous_total
    before = (
        Assessment.objects.filter(
            agency=assessment.agency,
            framework__fiscal_year=assessment.framework.fiscal_year - 1,
        )
        .select_related("framework")
        .first()
    )
    return None if before is None else _total(before)


def result(assessment: Assessment) -> dict | None:
    scores = published_scores(assessment)
    if scores is None:
        return None
    return results.evaluate(assessment.framework, scores, previous_total(assessment))


def comparison(framework: Framework, assessments, agencies) -> list[dict]:
    """One row per agency, in a fixed number of queries; an agency with no assessment set up
    for the year has a row too (``assessment`` None), so that the list shows who is missing."""
    tools = list(framework.tools.all())
    levels = list(framework.levels.all())
    current = list(assessments.filter(framework=framework).select_related("agency"))
    assessed = {a.agency_id for a in current}
    earlier = Assessment.objects.filter(
        framework__fiscal_year=framework.fiscal_year - 1,
        agency_id__in=[a.agency_id for a in current],
    ).prefetch_related("framework__tools")
    earlier_totals = {a.agency_id: _total(a, list(a.framework.tools.all())) for a in earlier}
    rows = []
    for assessment in current:
        scores = published_scores(assessment, tools)
        outcome = None
        if scores is not None:
            previous = assessment.previous_total
            if previous is None:
                previous = earlier_totals.get(assessment.agency_id)
            outcome = results.evaluate(framework, scores, previous, tools=tools, levels=levels)
        rows.append({"agency": assessment.agency, "assessment": assessment, "result": outcome})
    missing = agencies.exclude(pk__in=assessed).order_by("agency_code")
    rows += [{"agency": agency, "assessment": None, "result": None} for agency in missing]
    return rows
