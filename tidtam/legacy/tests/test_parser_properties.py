"""Mangled printouts: the parser returns a result that loses no line, or raises its own error."""

import json
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tidtam.legacy.parser import LegacyParseError, parse
from tidtam.legacy.sources import parse_bytes
from tidtam.legacy.tests.helpers import SAMPLES, covered

TEXTS = [path.read_bytes().decode("utf-8") for path in sorted(SAMPLES.glob("*.txt"))]
LINES = [text.splitlines() for text in TEXTS]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def survives(text: str) -> None:
    try:
        result = parse(text)
    except LegacyParseError as error:
        assert str(error)
        return
    assert covered(result)
    json.dumps(result.to_dict(), ensure_ascii=False)
    for report in result.reports:
        assert "<p>" not in report["narrative"]


@st.composite
def mangled(draw) -> str:
    lines = list(draw(st.sampled_from(LINES)))
    for _ in range(draw(st.integers(0, 6))):
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "cut", "insert"]))
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        if action == "delete":
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif action == "cut":
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
        else:
            lines.insert(i, draw(st.text(max_size=80)))
    return draw(st.sampled_from(["\n", "\r\n", "\r"])).join(lines)


@SETTINGS
@given(mangled())
def test_mangled_lines(text):
    survives(text)


@SETTINGS
@given(st.sampled_from(LINES), st.randoms(use_true_random=False))
def test_shuffled(lines, rnd):
    lines = list(lines)
    rnd.shuffle(lines)
    survives("\n".join(lines))


@SETTINGS
@given(st.binary(max_size=2000))
def test_random_bytes(data):
    try:
        parse_bytes(data)
    except LegacyParseError as error:
        assert str(error)


@SETTINGS
@given(st.sampled_from(TEXTS), st.integers(0, 20000), st.binary(min_size=1, max_size=200))
def test_bytes_spliced_into_a_printout(text, at, junk):
    data = text.encode("utf-8")
    at = min(at, len(data))
    try:
        parse_bytes(data[:at] + junk + data[at:])
    except LegacyParseError as error:
        assert str(error)


@SETTINGS
@given(st.text(max_size=3000))
def test_any_text(text):
    survives(text)


@pytest.mark.parametrize(
    "junk",
    ["<a " * 30000, "\u0e34" * 3000 + "x", "ชื่อโครงการ : " + "a  " * 30000, "<ul><li>x" * 10000],
)
def test_hostile_lines_take_linear_time(junk):
    text = TEXTS[0].replace("รายงานครั้งที่5\t", "รายงานครั้งที่5\t" + junk, 1)
    for candidate in (junk + "\n" + TEXTS[0], text):
        start = time.perf_counter()
        survives(candidate)
        assert time.perf_counter() - start < 3
