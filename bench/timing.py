"""What the database benchmarks share: one read timed with its queries, and the table of
medians they print (bench/ is each script's folder, so it is on ``sys.path``)."""

import statistics
import time


def timed(read) -> tuple[float, int, object]:
    """(ms, queries, answer) of one read."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        answer = read()
        ms = (time.perf_counter() - start) * 1000
    return ms, len(queries.captured_queries), answer


def print_medians(reads: dict, runs: int) -> None:
    """Time each read ``runs`` times, in turns after one warm-up each, and print the table."""
    for read in reads.values():
        read()  # warm-up
    found = {name: [timed(read)[:2] for _ in range(runs)] for name, read in reads.items()}
    print(f"\nmedians of {runs} run(s), server time (ms)")
    print("| read | median ms | min–max ms | queries |")
    print("|---|---|---|---|")
    for name, rows in found.items():
        times = [ms for ms, _queries in rows]
        print(f"| {name} | {statistics.median(times):.1f} | {min(times):.1f}–{max(times):.1f} "
              f"| {rows[0][1]} |")  # fmt: skip
