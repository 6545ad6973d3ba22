"""Throughput of the legacy printout reader (no database): text printouts through the parser,
PDF printouts through pdftotext and the parser, next to pdftotext alone in the same run.

.venv/bin/pytest bench/legacy_parse.py --benchmark-only
.venv/bin/python bench/legacy_parse.py          # medians and printouts per second, plainly
.venv/bin/python bench/legacy_parse.py --smoke  # a fraction of a second per figure: that it runs
"""

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tidtam.legacy.parser import parse  # noqa: E402
from tidtam.legacy.sources import PDF_MODES, parse_bytes, pdf_text  # noqa: E402

SAMPLES = ROOT / "tidtam" / "legacy" / "tests" / "samples"
SAMPLE = (SAMPLES / "legacy-printout-a.txt").read_text(encoding="utf-8")
VARIANTS = [path.read_text(encoding="utf-8") for path in sorted(SAMPLES.glob("*.txt"))]
PDFS = [path.read_bytes() for path in sorted(SAMPLES.glob("*.pdf"))]


def test_sample(benchmark):
    result = benchmark(parse, SAMPLE)
    assert len(result.reports) == 10


def test_all_samples(benchmark):
    results = benchmark(lambda: [parse(text) for text in VARIANTS])
    assert all(result.reports for result in results)


def test_pdf(benchmark):
    result, _text = benchmark(parse_bytes, PDFS[0])
    assert len(result.reports) == 10


def both_modes(data: bytes):
    """What a PDF cost before: every extraction mode run, then the first text parsed."""
    texts = [pdf_text(data, mode) for mode in PDF_MODES]
    return parse(texts[0])


def medians_ms(rows: list[tuple[str, Callable, list]], seconds: float) -> dict[str, tuple]:
    """Each row's median time per call (ms) and its count of calls. The rows take turns, one
    round each, so that a change in the machine's load touches them all alike."""
    times: dict[str, list[float]] = {name: [] for name, _work, _inputs in rows}
    start = time.perf_counter()
    while time.perf_counter() - start < seconds * len(rows) or len(times[rows[0][0]]) < 3:
        for name, work, inputs in rows:
            for item in inputs:
                began = time.perf_counter()
                work(item)
                times[name].append(time.perf_counter() - began)
    return {name: (statistics.median(spent) * 1000, len(spent)) for name, spent in times.items()}


def main(seconds: float) -> None:
    pdf = PDFS[0]  # the sample printout, 4 pages
    rows = [
        ("text: the sample (135 lines, 10 reports)", parse, [SAMPLE]),
        (f"text: all {len(VARIANTS)} text samples in turn", parse, VARIANTS),
        ("PDF: the sample, parse_bytes (one pdftotext run)", parse_bytes, [pdf]),
        ("PDF: the sample, before (both modes, then parse)", both_modes, [pdf]),
        (
            "baseline: pdftotext -layout alone, the sample",
            lambda d: pdf_text(d, ["-layout"]),
            [pdf],
        ),
    ]
    figures = medians_ms(rows, seconds)
    baseline = figures[rows[-1][0]][0]
    print(f"{'what':52} {'median ms':>10} {'printouts/s':>12} {'× pdftotext':>12} {'calls':>6}")
    for name, (median, calls) in figures.items():
        ratio = f"{median / baseline:.2f}" if name.startswith(("PDF", "baseline")) else "–"
        print(f"{name:52} {median:10.2f} {1000 / median:12.0f} {ratio:>12} {calls:6}")
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main(0.2 if "--smoke" in sys.argv[1:] else 5.0)
