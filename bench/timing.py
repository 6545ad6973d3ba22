"""What the database benchmarks share: Django set up on a fresh database, one read timed with
its queries, and the table of medians they print (bench/ is each script's folder, so it is on
``sys.path``)."""

import os
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def django_in_fresh_database(database_url: str | None, folder: str) -> None:
    """Set Django up on ``database_url`` dropped and created (a throw-away SQLite in
    ``folder`` without one), serving the test client's host."""
    from setup_import import fresh_database

    os.environ["DATABASE_URL"] = fresh_database(database_url, folder, 0)
    os.environ.setdefault("SECRET_KEY_FILE", str(ROOT / ".secret_key"))
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]


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
