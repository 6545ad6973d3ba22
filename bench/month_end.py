"""Month-end on the production server: reporters adding and submitting progress reports.

Builds its own PostgreSQL database (dropped and created again on each run), starts `make serve`
on 127.0.0.1 with 4 gunicorn workers, logs the reporters in, and has each add a report and
submit it, over and over, until the count or the time limit is reached; then prints the
throughput, latencies and errors, and stops the server. Nothing leaves 127.0.0.1.

    .venv/bin/python bench/month_end.py                  # 16 reporters, see bench/README.md
    .venv/bin/python bench/month_end.py --serve-dir DIR  # the server from another checkout
    .venv/bin/python bench/month_end.py --smoke          # 2 reporters, a few cycles
"""

import argparse
import datetime as dt
import http.client
import os
import re
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from http.cookies import SimpleCookie
from pathlib import Path

HOST = "127.0.0.1"  # the only address this script talks to
ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "month-end-" + secrets.token_hex(8)
PG_ADMIN_URL = f"postgres://postgres@{HOST}:5432/postgres"


# ---- the database and its data (Django in this process) ----------------------------------


def pg_available() -> bool:
    import psycopg

    try:
        psycopg.connect(PG_ADMIN_URL, connect_timeout=3).close()
    except psycopg.OperationalError:
        return False
    return True


def recreate_pg_database(name: str) -> str:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"postgres://postgres@{HOST}:5432/{name}"


def build_data(reporters: int, projects_each: int) -> list[tuple[str, list[str]]]:
    """Migrate; a city of agencies with four divisions each, one reporter per division with
    their own projects, and the reporting calendars of this year and the next. Returns each
    reporter's login and project codes."""
    import django

    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    django.setup()
    from django.core.management import call_command

    from tidtam.lib.thai import fiscal_year_bounds, fiscal_year_of
    from tidtam.orgs.models import Membership, Unit, User
    from tidtam.projects.services import project_create
    from tidtam.rounds.services import calendar_create

    call_command("migrate", verbosity=0)
    admin = User.objects.create_superuser("load-admin", password=PASSWORD)
    start = dt.date.today().replace(day=1)  # noqa: DTZ011 - the server's local date is enough
    end = fiscal_year_bounds(fiscal_year_of(start))[1]  # a project's period is in its year
    for fiscal_year in sorted({fiscal_year_of(start), fiscal_year_of(end)}):
        calendar_create(actor=admin, fiscal_year=fiscal_year)
    city = Unit.objects.create(kind=Unit.Kind.CITY, name="กรุงเทพมหานคร")
    logins = []
    for n in range(reporters):
        if n % 4 == 0:
            agency = Unit.objects.create(
                kind=Unit.Kind.AGENCY,
                name=f"สำนักงานเขตทดสอบ {n // 4 + 1}",
                parent=city,
                agency_code=f"{50400000 + n // 4 * 10000}",
            )
        division = Unit.objects.create(
            kind=Unit.Kind.DIVISION, name=f"ฝ่ายทดสอบ {n + 1}", parent=agency
        )
        reporter = User.objects.create_user(f"reporter{n + 1:02d}", password=PASSWORD)
        Membership.objects.create(user=reporter, unit=division, role=Membership.Role.REPORTER)
        codes = [
            project_create(
                actor=reporter,
                name=f"โครงการปลายเดือน {p + 1}",
                fiscal_year=fiscal_year_of(start),
                start_date=start,
                end_date=end,
                budget_received=Decimal("1000000.00"),
                responsible_unit=division,
                responsible_person="หัวหน้าฝ่าย",
            ).code
            for p in range(projects_each)
        ]
        logins.append((reporter.username, codes))
    return logins


# ---- the server --------------------------------------------------------------------------


def start_server(serve_dir: Path, env: dict, log) -> subprocess.Popen:
    """`make serve` in its own process group, so that stopping it stops gunicorn and the task
    worker too."""
    return subprocess.Popen(
        ["make", "--no-print-directory", "serve"],
        cwd=serve_dir,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def stop_server(server: subprocess.Popen) -> None:
    """Ctrl-C to make, gunicorn and the task worker (the load is over: no request is left),
    and wait until all are gone, so that the next run finds the port free."""
    if group_alive(server.pid):
        os.killpg(server.pid, signal.SIGINT)
    deadline = time.monotonic() + 30
    while group_alive(server.pid) and time.monotonic() < deadline:
        server.poll()  # reap make
        time.sleep(0.1)
    if group_alive(server.pid):
        os.killpg(server.pid, signal.SIGKILL)
    server.wait()


def port_in_use(port: int) -> bool:
    try:
        http.client.HTTPConnection(HOST, port, timeout=2).connect()
    except OSError:
        return False
    return True


def wait_until_up(server: subprocess.Popen, port: int, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"make serve exited with {server.returncode}")
        try:
            if Client(port).request("GET", "/login/").status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the server did not answer within {seconds:.0f} s")


# ---- one reporter's browser --------------------------------------------------------------


@dataclass
class Response:
    status: int
    location: str
    body: str


@dataclass
class Client:
    """Cookies and one short connection per request (gunicorn's sync workers close it)."""

    port: int
    cookies: dict = field(default_factory=dict)

    def request(self, method: str, path: str, form: dict | None = None) -> Response:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        connection = http.client.HTTPConnection(HOST, self.port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        # "Report N saved/submitted": the page a browser is sent to shows the message and clears
        # it. The redirects are not followed here, so drop it, or the messages pile up in the
        # cookie and then in the session (a write on every request).
        self.cookies.pop("messages", None)
        return Response(response.status, response.getheader("Location", ""), text)

    def log_in(self, username: str) -> None:
        page = self.request("GET", "/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.body).group(1)
        form = {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token}
        if self.request("POST", "/login/", form).status != 302:
            raise RuntimeError(f"{username} could not log in")


def be_date(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year + 543}"


@dataclass
class Tally:
    cycles: list = field(default_factory=list)  # seconds for one add + submit
    adds: list = field(default_factory=list)
    submits: list = field(default_factory=list)
    errors: Counter = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def error(self, what: str) -> None:
        with self.lock:
            self.errors[what] += 1


def timed(client: Client, path: str, form: dict) -> tuple[Response, float]:
    began = time.perf_counter()
    response = client.request("POST", path, form)
    return response, time.perf_counter() - began


def one_cycle(client: Client, code: str, number: int, tally: Tally) -> bool:
    """Add report ``number`` (a day after the previous one) and submit it."""
    day = dt.date.today().replace(day=1) + dt.timedelta(days=number - 1)  # noqa: DTZ011
    form = {
        "date": be_date(day),
        "narrative": f"<p>ความก้าวหน้าครั้งที่ {number}</p>",
        "progress_percent": str(min(100, number)),
        "budget_disbursed": "1250.50",
        "plan_status": "on_plan",
        "target_status": "on_target",
    }
    added, add_time = timed(client, f"/projects/{code}/reports/new/", form)
    if added.status != 302 or not added.location.endswith(f"#report-{number}"):
        tally.error(f"add {added.status}")
        return False
    submit = f"/projects/{code}/reports/{number}/submit/"
    submitted, submit_time = timed(client, submit, {})
    if submitted.status != 302:
        tally.error(f"submit {submitted.status}")
        return False
    with tally.lock:
        tally.adds.append(add_time)
        tally.submits.append(submit_time)
        tally.cycles.append(add_time + submit_time)
    return True


def reporter(client, codes, cycles, start, deadline, tally) -> None:
    start.wait()
    numbers = dict.fromkeys(codes, 0)
    for n in range(cycles):
        if time.monotonic() >= deadline[0]:
            return
        code = codes[n % len(codes)]
        try:
            if one_cycle(client, code, numbers[code] + 1, tally):
                numbers[code] += 1
        except OSError as error:
            tally.error(type(error).__name__)


# ---- CPU time of the server's processes, whatever else runs on the machine (Linux) ----------


def _stat(pid: int) -> list[str]:
    """The fields of /proc/PID/stat after the command name: state, ppid, pgrp, …"""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def cpu_seconds(pids: list[int]) -> dict[int, float]:
    seconds = {}
    for pid in pids:
        try:
            fields = _stat(pid)
        except FileNotFoundError:
            continue
        seconds[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return seconds


def group_pids(pgid: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and int(_stat(int(entry.name))[2]) == pgid:
                pids.append(int(entry.name))
        except FileNotFoundError:
            continue
    return pids


def database_pids(database_url: str) -> list[int]:
    """The PostgreSQL backends serving the app (persistent: DB_CONN_MAX_AGE)."""
    if not database_url.startswith("postgres"):
        return []
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    with psycopg.connect(PG_ADMIN_URL) as connection:
        query = "SELECT pid FROM pg_stat_activity WHERE datname = %s"
        return [pid for (pid,) in connection.execute(query, [name])]


class CpuMeter:
    """CPU seconds spent by the web processes and by their database backends during the load,
    read every half second: a backend that DB_CONN_MAX_AGE closes keeps what it had spent at
    its last reading, and a process started during the load counts whole."""

    def __init__(self, pgid: int, database_url: str):
        self.pgid, self.database_url = pgid, database_url
        self.stopped = threading.Event()
        self.sampler = threading.Thread(target=self._sample)

    def _read(self) -> tuple[dict[int, float], dict[int, float]]:
        return cpu_seconds(group_pids(self.pgid)), cpu_seconds(database_pids(self.database_url))

    def _sample(self) -> None:
        while not self.stopped.wait(0.5):
            for latest, now in zip(self.latest, self._read(), strict=True):
                latest.update(now)

    def start(self) -> None:
        self.first = self._read()
        self.latest = tuple(dict(reading) for reading in self.first)
        self.sampler.start()

    def stop(self) -> tuple[float, float]:
        self.stopped.set()
        self.sampler.join()
        for latest, now in zip(self.latest, self._read(), strict=True):
            latest.update(now)
        return tuple(
            sum(seconds - first.get(pid, 0.0) for pid, seconds in latest.items())
            for first, latest in zip(self.first, self.latest, strict=True)
        )


# ---- the run -----------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def ms(values: list[float]) -> str:
    if not values:
        return "–"
    return f"{statistics.median(values) * 1000:.0f} / {percentile(values, 0.95) * 1000:.0f} ms"


def run_load(port: int, logins, cycles: int, seconds: float, meter: CpuMeter):
    clients = []
    for username, _codes in logins:
        client = Client(port)
        client.log_in(username)
        clients.append(client)
    tally = Tally()
    start = threading.Barrier(len(clients) + 1)
    deadline = [0.0]
    threads = [
        threading.Thread(target=reporter, args=(c, codes, cycles, start, deadline, tally))
        for c, (_u, codes) in zip(clients, logins, strict=True)
    ]
    for thread in threads:
        thread.start()
    meter.start()
    deadline[0] = time.monotonic() + seconds
    began = time.perf_counter()
    start.wait()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    return tally, elapsed, meter.stop()


def report(tally: Tally, elapsed: float, cpu: tuple[float, float], args) -> None:
    done = len(tally.cycles)
    print(
        f"{args.reporters} reporters, {args.workers} workers, DB_CONN_MAX_AGE={args.conn_max_age}:"
        f" {done} add+submit in {elapsed:.1f} s = {done / elapsed:.1f} submissions/s;"
        f" errors {sum(tally.errors.values())} {dict(tally.errors) or ''}"
    )
    print(f"  add+submit p50 / p95: {ms(tally.cycles)}")
    print(f"  add        p50 / p95: {ms(tally.adds)}")
    print(f"  submit     p50 / p95: {ms(tally.submits)}")
    per_cycle = [f"{seconds / max(done, 1) * 1000:.1f}" for seconds in cpu]
    print(f"  server CPU per add+submit: web {per_cycle[0]} ms, PostgreSQL {per_cycle[1]} ms")
    print(f"  load average at the end: {os.getloadavg()[0]:.1f}")


def server_env(args, database_url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "MFLAGS"))}
    env.pop("SECRET_KEY_FILE", None)
    env.update(
        DATABASE_URL=database_url,
        SECRET_KEY=secrets.token_urlsafe(50),
        DEBUG="false",
        HOST=HOST,
        PORT=str(args.port),
        ALLOWED_HOSTS=HOST,
        WEB_CONCURRENCY=str(args.workers),
        DB_CONN_MAX_AGE=str(args.conn_max_age),
    )
    return env


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reporters", type=int, default=16)
    parser.add_argument("--projects-each", type=int, default=4)
    parser.add_argument("--cycles", type=int, default=100, help="add+submit per reporter")
    parser.add_argument("--seconds", type=float, default=60, help="time limit of the load")
    parser.add_argument("--workers", type=int, default=4, help="WEB_CONCURRENCY")
    parser.add_argument("--port", type=int, default=8731)
    parser.add_argument("--conn-max-age", type=int, default=60, help="as in production.env")
    parser.add_argument("--database", default="tidtam_load")
    parser.add_argument("--serve-dir", type=Path, default=ROOT, help="the checkout to serve")
    parser.add_argument("--smoke", action="store_true", help="2 reporters, a few cycles")
    args = parser.parse_args()
    if port_in_use(args.port):
        parser.error(f"{HOST}:{args.port} is taken: another server would be measured")
    work = Path(tempfile.mkdtemp(prefix="month-end-"))
    if args.smoke:
        args.reporters, args.projects_each, args.cycles, args.seconds, args.workers = 2, 1, 3, 20, 2
        args.database += "_smoke"
    if pg_available():
        database_url = recreate_pg_database(args.database)
    else:  # smoke runs without PostgreSQL: SQLite, one writer
        database_url, args.workers = f"sqlite:///{work / 'load.sqlite3'}", 1
    env = server_env(args, database_url)
    os.environ.update(DATABASE_URL=database_url, SECRET_KEY=env["SECRET_KEY"])
    os.environ.pop("SECRET_KEY_FILE", None)
    logins = build_data(args.reporters, args.projects_each)
    log_path = work / "serve.log"
    with log_path.open("wb") as log:
        server = start_server(args.serve_dir, env, log)
        try:
            wait_until_up(server, args.port, seconds=120)
            meter = CpuMeter(server.pid, database_url)
            tally, elapsed, cpu = run_load(args.port, logins, args.cycles, args.seconds, meter)
        finally:
            stop_server(server)
    report(tally, elapsed, cpu, args)
    failed = bool(tally.errors) or not tally.cycles
    if failed:
        print(f"server log: {log_path}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
