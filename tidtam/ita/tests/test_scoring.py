"""Every test vector of the sample and the framework, with decimal arithmetic."""

import json
from decimal import Decimal as D
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command

from tidtam.ita import frameworks, results, scoring
from tidtam.ita.models import Framework


@pytest.mark.parametrize(
    ("count", "base", "shown"),
    [
        (12, 226, "5.31"),
        (1, 503, "0.20"),
        (13, 729, "1.78"),
        (213, 226, "94.25"),
        (471, 503, "93.64"),
        (684, 729, "93.83"),
        (41, 500, "8.20"),
        (388, 500, "77.60"),
    ],
)
def test_response_rates(count, base, shown):
    assert scoring.display(scoring.rate(count, base)) == shown


def test_rate_without_base_is_none():
    assert scoring.rate(3, 0) is None


WEIGHTS = {"IIT": D("0.3"), "EIT": D("0.3"), "OIT": D("0.4")}


def test_weighted_total_is_exact_and_rounds_half_up():
    total = scoring.weighted_total({"IIT": D("94.62"), "EIT": D("90.43"), "OIT": D(100)}, WEIGHTS)
    assert total == D("95.515")
    assert scoring.display(total) == "95.52"


def test_change_uses_unrounded_totals():
    change = scoring.change(D("95.515"), D("86.22"))
    assert change == D("9.295")
    assert scoring.display(change) == "9.30"  # the old system's float printed 9.29


def test_missing_tool_score_is_refused():
    with pytest.raises(ValueError, match="OIT"):
        scoring.weighted_total({"IIT": D(1), "EIT": D(1)}, WEIGHTS)


def test_eit_parts_are_averaged():
    assert scoring.display(scoring.parts_score([D("79.40"), D("82.24")])) == "80.82"


LEVELS_2566 = [
    SimpleNamespace(name="ผ่านดีเยี่ยม", min_total=D(95), min_each_tool=D(95)),
    SimpleNamespace(name="ผ่านดี", min_total=D(85), min_each_tool=D(85)),
    SimpleNamespace(name="ผ่าน", min_total=D(85), min_each_tool=None),
    SimpleNamespace(name="ต้องปรับปรุง", min_total=D(70), min_each_tool=None),
    SimpleNamespace(name="ต้องปรับปรุงโดยด่วน", min_total=D(0), min_each_tool=None),
]


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        ((D("94.62"), D("90.43"), D(100)), "ผ่านดี"),
        ((D("82.44"), D("80.82"), D(100)), "ผ่าน"),
        ((D(96), D(95), D(100)), "ผ่านดีเยี่ยม"),
        ((D(70), D(70), D(80)), "ต้องปรับปรุง"),
        ((D(50), D(60), D(70)), "ต้องปรับปรุงโดยด่วน"),
    ],
)
def test_levels_fy2566_rule(scores, expected):
    total = scoring.weighted_total(dict(zip(WEIGHTS, scores, strict=True)), WEIGHTS)
    assert scoring.level(total, scores, LEVELS_2566) == expected


def test_city_result_total():
    total = scoring.weighted_total({"IIT": D("82.44"), "EIT": D("80.82"), "OIT": D(100)}, WEIGHTS)
    assert scoring.display(total) == "88.98"


def test_negative_question_mirrors_the_scale():
    points = [D(100), D(75), D(50), D(0)]
    assert scoring.option_points(points, 0, negative=False) == D(100)
    assert scoring.option_points(points, 3, negative=True) == D(100)
    assert scoring.option_points(points, 0, negative=True) == D(0)


def test_survey_score_from_raw_answers_with_parts():
    # Part 1: indicator A (q1: 100, 50 → 75; q2: 100) → 87.5; indicator B (q3: 0) → 0.
    # Part 1 = 43.75; part 2: indicator C (q4: 75) → 75. Tool = (43.75 + 75) / 2 = 59.375.
    answers = [("q1", D(100)), ("q1", D(50)), ("q2", D(100)), ("q3", D(0)), ("q4", D(75))]
    indicators = [("A", ["q1", "q2"], 1), ("B", ["q3"], 1), ("C", ["q4"], 2)]
    assert scoring.survey_score(answers, indicators) == D("59.375")
    assert scoring.display(scoring.survey_score(answers, indicators)) == "59.38"


def test_oit_score_is_mean_of_indicator_shares():
    assert scoring.oit_score([(30, 30), (13, 13)]) == D(100)
    assert scoring.display(scoring.oit_score([(29, 30), (12, 13)])) == "94.49"


def test_fy2566_framework_is_data(framework):
    assert results.weights(framework) == {"IIT": D("0.3"), "EIT": D("0.3"), "OIT": D("0.4")}
    items = [i.code for i in framework.tools.get(code="OIT").indicators.all()
             for s in i.subs.all() for i in s.items.all()]  # fmt: skip
    assert len(items) == 43
    assert [lv.name for lv in framework.levels.all()] == [lv.name for lv in LEVELS_2566]


def test_fy2565_keeps_the_old_grades(framework):
    framework = Framework.objects.get(fiscal_year=2565)
    outcome = results.evaluate(framework, {"IIT": D(90), "EIT": D(80), "OIT": D(100)})
    assert outcome["level"] == "A"
    assert [lv.name for lv in framework.levels.all()] == ["AA", "A", "B", "C", "D", "E", "F"]


def test_ita_score_command_prints_json(framework):
    out = StringIO()
    call_command(
        "ita_score",
        "--year=2566",
        "--iit=94.62",
        "--eit=90.43",
        "--oit=100",
        "--previous=86.22",
        stdout=out,
    )
    data = json.loads(out.getvalue())
    assert data["total"] == "95.52"
    assert data["level"] == "ผ่านดี"
    assert data["change"] == "9.30"


def test_ita_score_command_refuses_unknown_year_and_missing_tool(framework):
    with pytest.raises(CommandError, match="2499"):
        call_command("ita_score", "--year=2499", "--iit=1", "--eit=1", "--oit=1")
    with pytest.raises(CommandError, match="OIT"):
        call_command("ita_score", "--year=2566", "--iit=1", "--eit=1")
    with pytest.raises(CommandError, match="XIT"):
        call_command("ita_score", "--year=2566", "--iit=1", "--eit=1", "--oit=1", "--score=XIT=5")
    with pytest.raises(CommandError, match="not a number"):
        call_command("ita_score", "--year=2566", "--iit=abc", "--eit=1", "--oit=1")


def test_load_framework_command(framework, tmp_path):
    data = frameworks.read(2566)
    data["fiscal_year"] = 2567
    path = tmp_path / "fw.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = StringIO()
    call_command("ita_load_framework", str(path), stdout=out)
    call_command("ita_load_framework", str(path), stdout=out)
    assert "already loaded" in out.getvalue()
    assert Framework.objects.get(fiscal_year=2567).tools.count() == 3
    broken = tmp_path / "broken.json"
    broken.write_text('{"fiscal_year": 2599}', encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("ita_load_framework", str(broken))
    assert not Framework.objects.filter(fiscal_year=2599).exists()
