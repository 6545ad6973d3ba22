"""Throughput of the legacy printout parser (pure Python, no database).

.venv/bin/pytest bench/legacy_parse.py -p no:django --benchmark-only
.venv/bin/python bench/legacy_parse.py          # printouts per second, plainly
.venv/bin/python bench/legacy_parse.py --smoke  # a fraction of a second: that it runs
"""

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tidtam.legacy.parser import parse  # noqa: E402

SAMPLES = ROOT / "tidtam" / "legacy" / "tests" / "samples"
SAMPLE = (SAMPLES / "legacy-printout-a.txt").read_text(encoding="utf-8")
VARIANTS = [path.read_text(encoding="utf-8") for path in sorted(SAMPLES.glob("*.txt"))]


def test_sample(benchmark):
    result = benchmark(parse, SAMPLE)
    assert len(result.reports) == 10


def test_all_samples(benchmark):
    results = benchmark(lambda: [parse(text) for text in VARIANTS])
    assert all(result.reports for result in results)


def printouts_per_second(texts: list[str], seconds: float = 3.0) -> float:
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for text in texts:
            parse(text)
        done += len(texts)
    return done / (time.perf_counter() - start)


if __name__ == "__main__":
    seconds = 0.2 if "--smoke" in sys.argv[1:] else 3.0
    print(f"sample printout: {printouts_per_second([SAMPLE], seconds):.0f} printouts/s")
    print(
        f"all {len(VARIANTS)} samples:  {printouts_per_second(VARIANTS, seconds):.0f} printouts/s"
    )
