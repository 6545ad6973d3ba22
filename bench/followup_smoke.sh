#!/usr/bin/env bash
# bench_followup's smoke run: a tiny synthetic city in a throw-away SQLite database, one run
# of every read. The real figures come from the full city on PostgreSQL (bench/README.md).
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export DATABASE_URL="sqlite:///$work/bench.sqlite3"
tidtam=.venv/bin/tidtam
"$tidtam" migrate -v0
"$tidtam" make_synthetic --agencies 2 --projects-per-agency 3 --years 1 --last-fiscal-year 2566 -v0
"$tidtam" bench_followup --fy 2566 --runs 1 --today 2023-06-20
