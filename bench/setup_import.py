"""Setup import throughput: a city's units, people, plan and a fiscal year's projects from one
XLSX (50 districts × 100 projects by default), checked and imported as `tidtam import_setup`
does, then imported again (which changes nothing). Prints rows per second for each step,
medians of the runs; each run in a fresh database (SQLite in a temporary folder, or the
PostgreSQL database named by --database-url, dropped and created again).

    .venv/bin/python bench/setup_import.py                       # SQLite, 3 runs
    .venv/bin/python bench/setup_import.py --database-url postgres://postgres@127.0.0.1:5432/NAME
    .venv/bin/python bench/setup_import.py --smoke               # 2 districts × 5 projects
"""

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def workbook(districts: int, projects: int) -> bytes:
    """The setup of a city: its districts with four divisions each, a reporter per district,
    the plan down to one target with its KPI, and every district's projects of FY2567."""
    from openpyxl import Workbook

    from tidtam.intake.columns import KINDS

    rows = {kind.key: [] for kind in KINDS}
    rows["units"].append(["BKK", "กรุงเทพมหานคร", "กรุงเทพมหานคร", ""])
    rows["plan"] += [
        ["แผน", "", "แผนพัฒนากรุงเทพมหานคร ระยะ 20 ปี", ""],
        ["ประเด็นยุทธศาสตร์", "๗", "การสร้างความเป็นมืออาชีพในการบริหารจัดการมหานคร", ""],
        ["ประเด็นยุทธศาสตร์ย่อย", "๗.๓", "การบริหารทรัพยากรบุคคล", "๗"],
        ["เป้าหมาย", "๗.๓.๒", "ระบบบริหารทรัพยากรบุคคลเข้มแข็ง", "๗.๓"],
    ]
    rows["kpis"].append(["๗.๓.๒", 2567, "ระดับความสำเร็จของการประเมิน ITA"])
    for d in range(districts):
        code = f"{50100000 + d * 10000}"
        rows["units"].append([code, f"สำนักงานเขตทดสอบ {d + 1}", "หน่วยงาน", "BKK"])
        for n in range(1, 5):
            rows["units"].append([f"{code}.{n}", f"ฝ่ายที่ {n}", "ฝ่าย/กอง", code])
        login = f"reporter{d + 1:03d}"
        rows["people"].append([login, f"ผู้รายงานเขต {d + 1}", "", "", f"{code}.1", "ผู้รายงาน"])
        for p in range(projects):
            rows["projects"].append(
                ["", "๒๕๖๗", f"โครงการทดสอบที่ {p + 1} ของเขต {d + 1}", f"{code}.{p % 4 + 1}",
                 "๑,๒๐๐,๐๐๐.๐๐", "01/10/2566", "30/09/2567", "หัวหน้าฝ่าย", "", "๗.๓.๒",
                 "ระดับความสำเร็จของการประเมิน ITA", "", "", ""]
            )  # fmt: skip
    book = Workbook()
    book.remove(book.active)
    for kind in KINDS:
        sheet = book.create_sheet(kind.title)
        sheet.append(kind.headers)
        for row in rows[kind.key]:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def one_run(districts: int, projects: int) -> dict:
    """Migrate the (empty) database, then time the check, the import and a second import."""
    import django

    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    django.setup()
    from django.core.management import call_command

    from tidtam.intake.services import import_setup, preview
    from tidtam.orgs.models import User

    call_command("migrate", verbosity=0)
    admin = User.objects.create_superuser("bench-admin", password=None)
    files = [("city.xlsx", workbook(districts, projects))]
    start = time.perf_counter()
    rows = len(preview(admin, files).items)
    checked = time.perf_counter()
    outcome = import_setup(actor=admin, files=files)
    imported = time.perf_counter()
    again = import_setup(actor=admin, files=files)
    repeated = time.perf_counter()
    assert outcome.applied and outcome.applied.created == rows, "every row is new"
    assert again.applied is None, "a second import changes nothing"
    return {
        "rows": rows,
        "check": checked - start,
        "import": imported - checked,
        "again": repeated - imported,
    }


def fresh_database(url: str | None, folder: str, run: int) -> str:
    if not url:
        return f"sqlite:///{folder}/bench-{run}.sqlite3"
    import psycopg

    parts = urllib.parse.urlparse(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--districts", type=int, default=50)
    parser.add_argument("--projects", type=int, default=100, help="per district")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--database-url", help="a PostgreSQL database to drop and create")
    parser.add_argument("--smoke", action="store_true", help="2 districts × 5 projects, 1 run")
    parser.add_argument("--one-run", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_run:
        print(json.dumps(one_run(args.districts, args.projects)))
        return
    if args.smoke:
        args.districts, args.projects, args.runs = 2, 5, 1
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for run in range(args.runs):
            env = {**os.environ, "DATABASE_URL": fresh_database(args.database_url, folder, run)}
            env.setdefault("SECRET_KEY_FILE", str(ROOT / ".secret_key"))
            env.setdefault("PYTHAINLP_OFFLINE", "1")
            command = [sys.executable, __file__, "--one-run", "--districts", str(args.districts),
                       "--projects", str(args.projects)]  # fmt: skip
            done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
            if done.returncode:
                sys.exit(done.stderr)
            results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    rows = results[0]["rows"]
    engine = "PostgreSQL" if args.database_url else "SQLite"
    print(f"{engine}: {rows} rows ({args.districts} districts × {args.projects} projects), "
          f"medians of {len(results)} runs")  # fmt: skip
    for step in ("check", "import", "again"):
        seconds = statistics.median(r[step] for r in results)
        print(f"  {step:7} {seconds:8.2f} s  {rows / seconds:9.0f} rows/s")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
