"""Benchmark: the official form as PDF — Typst (tidtam) next to LibreOffice headless, in the
same run.

    .venv/bin/python bench/form_pdf.py [--runs 3] [--forms 50] [--batch 100]
    .venv/bin/python bench/form_pdf.py --smoke      # tiny, no LibreOffice: that it runs

Runs on a throw-away SQLite database with the demo data, plus ``--batch`` copies of the sample
project 50310000-2961 (4 pages, 10 reports) in its unit, each copy's paragraphs made unique
(its number in front of each), so that no two forms share a paragraph. Each run measures:

- in-process, ``form_print`` end to end (snapshot row and audit entry, word cuts, QR, Typst,
  text-layer repair) in one warm process: ``--forms`` reprints of the sample (each its own
  code, time, QR and hash: what reprinting a project costs) and ``--forms`` first prints of
  distinct copies (no paragraph seen before: what a new project costs);
- ``--batch`` forms as whole processes: ``tidtam print_form --unit U --year 2566`` (start-up,
  one process per core, ZIP), timed from outside;
- ``tidtam print_form CODE`` one-off, a whole process, median of 5, taking turns with the
  one-document soffice call below (a change in the load touches both alike);
- LibreOffice: the same form as HTML (same text and table, Sarabun) converted by
  ``soffice --headless --convert-to pdf``: one document per call (median of 5) and
  ``--batch`` documents in one call (start-up amortised: "kept warm").

Wall time and CPU time (user + system of the process and its children) are both printed:
on a machine shared with other jobs the wall time grows with the load, the CPU time much less.
Prints one Markdown table per run and the medians of the runs.
"""

import argparse
import html
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK = Path(tempfile.mkdtemp(prefix="tidtam-bench-"))
os.environ["DATABASE_URL"] = f"sqlite:///{WORK / 'bench.sqlite3'}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["MEDIA_ROOT"] = str(WORK / "media")
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
SAMPLE = "50310000-2961"
TIDTAM = str(Path(sys.executable).parent / "tidtam")


def setup(copies: int) -> list[str]:
    """Migrate, load the demo, and make ``copies`` copies of the sample with unique paragraphs
    in the sample's unit (which then holds ``copies`` + 2 projects of 2566)."""
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from tidtam.devdata.demo import load_demo

    load_demo()
    from tidtam.orgs.models import User
    from tidtam.projects.models import Project
    from tidtam.projects.services import project_create
    from tidtam.reports.models import ProgressReport

    admin = User.objects.get(username="admin")
    sample = Project.objects.get(code=SAMPLE)
    codes = []
    for k in range(1, copies + 1):

        def unique(markup: str, k=k) -> str:
            return markup.replace("<p>", f"<p>({k}) ").replace("<li>", f"<li>({k}) ")

        project = project_create(
            actor=admin,
            name=f"{sample.name} ({k})",
            fiscal_year=sample.fiscal_year,
            start_date=sample.start_date,
            end_date=sample.end_date,
            budget_received=sample.budget_received,
            responsible_unit=sample.responsible_unit,
            responsible_person=sample.responsible_person,
            rationale=unique(sample.rationale),
            objectives=unique(sample.objectives),
            targets=unique(sample.targets),
        )
        ProgressReport.objects.bulk_create(
            [
                ProgressReport(
                    project=project,
                    number=report.number,
                    date=report.date,
                    narrative=unique(report.narrative),
                    progress_percent=report.progress_percent,
                    budget_disbursed=report.budget_disbursed,
                    plan_status=report.plan_status,
                    target_status=report.target_status,
                    status=report.status,
                )
                for report in sample.reports.all()
            ]
        )
        codes.append(project.code)
    from tidtam.documents.services import form_print

    form_print(actor=admin, projects=[sample])  # a first copy, for LibreOffice's HTML
    return codes


def in_process(count: int, codes: list[str]) -> dict[str, tuple[float, float]]:
    """Median wall and CPU ms (this process, all its threads) of ``form_print``: reprints of
    the sample, then first prints of copies."""
    from tidtam.documents.services import form_print
    from tidtam.orgs.models import User
    from tidtam.projects.models import Project

    user = User.objects.get(username="reporter")
    sample = Project.objects.get(code=SAMPLE)
    form_print(actor=user, projects=[sample])  # warm-up: fonts, template, dictionary

    def timed(project) -> tuple[float, float]:
        start, cpu = time.perf_counter(), time.process_time()
        form_print(actor=user, projects=[project])
        return (time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000

    def medians(times: list[tuple[float, float]]) -> tuple[float, float]:
        return statistics.median(t[0] for t in times), statistics.median(t[1] for t in times)

    reprint = medians([timed(sample) for _ in range(count)])
    copies = list(Project.objects.filter(code__in=codes[:count]))
    return {"reprint": reprint, "distinct": medians([timed(project) for project in copies])}


def whole(command: list[str], env: dict | None = None, runs: int = 1) -> tuple[float, float]:
    """Median wall and CPU seconds (this process's children: user + system) of a command."""
    return taking_turns([(command, env)], runs)[0]


def taking_turns(commands: list[tuple[list[str], dict | None]], runs: int):
    """``whole`` of several commands, one run of each in turn, so that a change in the
    machine's load touches them alike: each command's median wall and CPU seconds."""
    times: list[list[tuple[float, float]]] = [[] for _ in commands]
    for _ in range(runs):
        for (command, env), taken in zip(commands, times, strict=True):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(command, env=env, capture_output=True, check=True)
            wall = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
            taken.append((wall, cpu))
    return [
        (statistics.median(w for w, _ in taken), statistics.median(c for _, c in taken))
        for taken in times
    ]


def batch_command() -> list[str]:
    from tidtam.projects.models import Project

    unit = Project.objects.get(code=SAMPLE).responsible_unit.agency
    return [TIDTAM, "print_form", "--unit", str(unit.pk), "--year", "2566", "--user", "admin",
            "-o", str(WORK / "batch.zip")]  # fmt: skip


def form_html() -> str:
    """The sample form as one HTML document: same text, same table, Sarabun."""
    from django.utils import translation

    from tidtam.documents import formview
    from tidtam.documents.models import PrintedForm
    from tidtam.documents.richtext import to_blocks
    from tidtam.documents.thaiwrap import joined

    printed = PrintedForm.objects.filter(project_code=SAMPLE).first()
    snapshot = json.loads(printed.data)
    with translation.override("th"):
        form = formview.form_view(printed, printed.printed_by)
        labels = formview.labels()
    e = html.escape

    def blocks(markup: str) -> str:
        out = []
        for block in to_blocks(markup):
            if "p" in block:
                out.append("<p>" + "".join(e(r.get("t", "")) for r in block["p"]) + "</p>")
        return "".join(out)

    def rows(pairs) -> str:
        return "".join(
            f"<tr><th>{e(label)} :</th><td>{e(joined(value))}</td></tr>" for label, value in pairs
        )

    project = snapshot["project"]
    reports = "".join(
        f"<tr><td>{r['number']}</td><td><b>{e(v['date_line'])}</b>{blocks(r['narrative'])}"
        f"<p>{e(v['progress_line'])} {e(v['budget_line'])}</p>"
        f"<p>{e(v['plan_line'])} {e(v['target_line'])}</p></td></tr>"
        for r, v in zip(project["reports"], form["reports"], strict=True)
    )
    return f"""<!doctype html><html lang="th"><head><meta charset="utf-8">
<title>{e(labels["title"])}</title>
<style>body{{font-family:Sarabun;font-size:11pt}} th{{text-align:left}}
table{{border-collapse:collapse}}
td,th{{vertical-align:top}} .reports td{{border:1px solid #000}}</style></head><body>
<h1>{e(labels["title"])}</h1><h2>{e(labels["s1"])}</h2><h3>{e(labels["s11"])}</h3>
<table>{rows(form["s11_top"])}</table><h3>{e(labels["s12"])}</h3><table>{rows(form["s12"])}</table>
<h3>{e(labels["s13"])}</h3>{blocks(project["rationale"])}
<h3>{e(labels["s14"])}</h3>{blocks(project["objectives"])}
<h3>{e(labels["s15"])}</h3>{blocks(project["targets"])}<h3>{e(labels["s16"])}</h3>
<h2>{e(labels["s2"])}</h2><table class="reports"><thead><tr><th>{e(labels["report_no"])}</th>
<th>{e(labels["report_detail"])}</th></tr></thead>{reports}</table>
<p>{e(joined(labels["certify"]))}</p>
<p>{e(labels["sign"])} ........................ {e(labels["sign_role"])}</p></body></html>"""


class LibreOffice:
    """``soffice --headless --convert-to pdf`` of the sample as HTML, with Sarabun through a
    private fontconfig and a private profile (made once, before any timing)."""

    def __init__(self, batch: int) -> None:
        self.soffice = shutil.which("soffice")
        source = WORK / "lo"
        source.mkdir()
        document = form_html()
        self.files = []
        for i in range(batch):
            path = source / f"form{i:04d}.html"
            path.write_text(document, encoding="utf-8")
            self.files.append(str(path))
        fonts = WORK / "fonts"
        shutil.copytree(ROOT / "tidtam" / "documents" / "fonts", fonts)
        conf = WORK / "fonts.conf"
        conf.write_text(
            f'<?xml version="1.0"?><fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf'
            f"</include><dir>{fonts}</dir><cachedir>{WORK / 'fc-cache'}</cachedir></fontconfig>"
        )
        self.env = dict(os.environ, FONTCONFIG_FILE=str(conf), HOME=str(WORK))
        self.base = [
            self.soffice, "--headless", "--norestore",
            f"-env:UserInstallation=file://{WORK / 'lo-profile'}",
            "--infilter=HTML (StarWriter)", "--convert-to", "pdf:writer_pdf_Export",
            "--outdir", str(WORK / "lo-out"),
        ]  # fmt: skip
        whole(*self.one())  # the profile and the font cache

    def one(self) -> tuple[list[str], dict]:
        """The call converting one document, and its environment."""
        return [*self.base, self.files[0]], self.env

    def batch(self) -> tuple[float, float]:
        return whole([*self.base, *self.files], self.env)

    def pages(self) -> str:
        info = subprocess.run(
            ["pdfinfo", str(WORK / "lo-out" / "form0000.pdf")], capture_output=True, text=True
        ).stdout
        return next((line.split()[-1] for line in info.splitlines() if "Pages" in line), "?")


def measure(args, codes: list[str], lo: LibreOffice | None) -> dict:
    figures = in_process(args.forms, codes)
    figures["batch"] = whole(batch_command())
    one_off = ([TIDTAM, "print_form", SAMPLE, "-o", str(WORK / "one.pdf")], None)
    if lo:  # the one-off and one soffice call take turns
        figures["one_off"], figures["lo_one"] = taking_turns([one_off, lo.one()], args.one_off_runs)
        figures["lo_batch"] = lo.batch()
    else:
        figures["one_off"] = whole(*one_off, runs=args.one_off_runs)
    figures["load"] = os.getloadavg()[0]
    return figures


def table(f: dict, batch: int) -> list[str]:
    """One run's (or the medians') figures, each next to its LibreOffice baseline."""
    lo_one, lo_batch = f.get("lo_one"), f.get("lo_batch")
    warm = (lo_batch[0] * 1000 / batch, lo_batch[1] * 1000 / batch) if lo_batch else None

    def ratio(baseline, ours) -> str:
        if not baseline:
            return "–"
        return f"**{baseline[0] / ours[0]:.1f}×** (CPU {baseline[1] / ours[1]:.1f}×)"

    def secs(pair) -> str:
        return f"{pair[0]:.2f} s (CPU {pair[1]:.2f} s)" if pair else "–"

    def ms(pair) -> str:
        return f"{pair[0]:.0f} ms (CPU {pair[1]:.0f} ms)" if pair else "–"

    return [
        "| what | tidtam (Typst) | LibreOffice, same run | LibreOffice ÷ tidtam |",
        "|---|---|---|---|",
        f"| in-process, reprint of the sample (own code, time, QR) | {ms(f['reprint'])} "
        f"| kept warm ({batch} in one call), per form: {ms(warm)} "
        f"| {ratio(warm, f['reprint'])} |",
        f"| in-process, first print of a distinct 4-page form | {ms(f['distinct'])} "
        f"| kept warm, per form: {ms(warm)} | {ratio(warm, f['distinct'])} |",
        f"| {batch} distinct forms as whole processes (`print_form --unit`) "
        f"| {secs(f['batch'])} | one soffice call: {secs(lo_batch)} "
        f"| {ratio(lo_batch, f['batch'])} |",
        f"| `tidtam print_form CODE` one-off | {secs(f['one_off'])} "
        f"| one soffice call, one form: {secs(lo_one)} | {ratio(lo_one, f['one_off'])} |",
    ]


def medians(runs: list[dict]) -> dict:
    out = {}
    for key, value in runs[0].items():
        values = [run[key] for run in runs]
        if isinstance(value, tuple):
            out[key] = tuple(statistics.median(v[i] for v in values) for i in range(len(value)))
        else:
            out[key] = statistics.median(values)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--forms", type=int, default=50, help="in-process prints of each kind")
    parser.add_argument("--batch", type=int, default=100, help="forms printed by one command")
    parser.add_argument("--one-off-runs", type=int, default=5)
    parser.add_argument("--smoke", action="store_true", help="tiny and no LibreOffice")
    args = parser.parse_args()
    if args.smoke:
        args.runs, args.forms, args.batch, args.one_off_runs = 1, 3, 3, 1
    codes = setup(max(args.batch - 2, args.forms))
    lo = None if args.smoke or not shutil.which("soffice") else LibreOffice(args.batch)
    runs = []
    for number in range(1, args.runs + 1):
        runs.append(measure(args, codes, lo))
        print(f"\nrun {number} (load average {runs[-1]['load']:.1f} at the end)"
              + (f", LibreOffice {lo.pages()} pages" if lo else ""))  # fmt: skip
        print("\n".join(table(runs[-1], args.batch)))
    if args.runs > 1:
        print(f"\nmedians of {args.runs} runs ({os.cpu_count()} cores)")
        print("\n".join(table(medians(runs), args.batch)))
    shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    main()
