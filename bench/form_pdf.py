"""Benchmark: the official form as PDF — Typst (tidtam) next to LibreOffice headless.

    .venv/bin/python bench/form_pdf.py [--forms 1000] [--lo-batch 100]
    .venv/bin/python bench/form_pdf.py --smoke      # 3 forms, no LibreOffice: that it runs

Runs on a throw-away SQLite database with the demo data. Typst side: ``form_print`` end to
end (snapshot row, JSON, Typst, text-layer repair) for the sample project (4 pages, 10
reports), each print unique (own code, time, QR), timed in this process; then the same
renders spread over all CPU cores. LibreOffice side: the same form as HTML (same text,
table, Sarabun) converted with ``soffice --headless --convert-to pdf``, timed by hyperfine,
once per document (cold start, what a one-off print costs) and as one batch of many
documents in one invocation (start-up amortised). Prints a Markdown table.
"""

import argparse
import html
import json
import multiprocessing
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# a worker process (spawned) imports this module again: it must find the same directory
WORK = Path(os.environ.get("TIDTAM_BENCH_WORK") or tempfile.mkdtemp(prefix="tidtam-bench-"))
os.environ["TIDTAM_BENCH_WORK"] = str(WORK)
os.environ["DATABASE_URL"] = f"sqlite:///{WORK / 'bench.sqlite3'}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["MEDIA_ROOT"] = str(WORK / "media")


def setup() -> None:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from tidtam.devdata.demo import load_demo

    load_demo()


def typst_sequential(count: int) -> list[float]:
    from tidtam.documents.services import form_print
    from tidtam.lib.thai import word_pieces, words
    from tidtam.orgs.models import User
    from tidtam.projects.models import Project

    user = User.objects.get(username="reporter")
    project = Project.objects.get(code="50310000-2961")
    form_print(actor=user, projects=[project])  # warm-up: fonts, template, dictionary
    times = []
    for _ in range(count):
        words.cache_clear()  # as if every form were another project's: no cached cuts
        word_pieces.cache_clear()
        start = time.perf_counter()
        form_print(actor=user, projects=[project])
        times.append((time.perf_counter() - start) * 1000)
    return times


def _documents(count: int) -> list[dict]:
    """Form data as the renderer builds it, each with its own verification code."""
    from django.utils import translation

    from tidtam.documents import formview
    from tidtam.documents.models import PrintedForm

    printed = PrintedForm.objects.filter(project_code="50310000-2961").first()
    with translation.override("th"):
        base = formview.form_view(printed, printed.printed_by)
        labels = formview.labels()
    documents = []
    for i in range(count):
        form = dict(base, verify_code=f"BENCH{i:05d}")
        documents.append({"labels": labels, "author": "bench", "forms": [form]})
    return documents


def _worker_setup() -> None:
    import django

    django.setup()


def _render_worker(documents: list[dict]) -> int:
    from tidtam.documents.renderer import render_pdf

    for document in documents:
        render_pdf(document)
    return len(documents)


def typst_parallel(count: int, processes: int) -> float:
    documents = _documents(count)
    chunks = [documents[i::processes] for i in range(processes)]
    # spawn, not fork: Typst's worker threads do not survive a fork
    with multiprocessing.get_context("spawn").Pool(processes, initializer=_worker_setup) as pool:
        pool.map(_render_worker, [chunk[:2] for chunk in chunks])  # warm-up each worker
        start = time.perf_counter()
        done = sum(pool.map(_render_worker, chunks))
        elapsed = time.perf_counter() - start
    return done / elapsed


def form_html() -> str:
    """The sample form as one HTML document: same text, same table, Sarabun."""
    from django.utils import translation

    from tidtam.documents import formview
    from tidtam.documents.models import PrintedForm
    from tidtam.documents.richtext import to_blocks

    printed = PrintedForm.objects.filter(project_code="50310000-2961").first()
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
            f"<tr><th>{e(label)} :</th><td>{e(value if isinstance(value, str) else ''.join(p[0] for p in value))}</td></tr>"  # noqa: E501
            for label, value in pairs
        )

    project = snapshot["project"]
    reports = "".join(
        f"<tr><td>{r['number']}</td><td><b>{e(v['date_line'])}</b>{blocks(r['narrative'])}"
        f"<p>{e(v['progress_line'])} {e(v['budget_line'])}</p>"
        f"<p>{e(v['plan_line'])} {e(v['target_line'])}</p></td></tr>"
        for r, v in zip(project["reports"], form["reports"], strict=True)
    )
    certify = "".join(p[0] for p in labels["certify"])
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
<th>{e(labels["report_detail"])}</th></tr></thead>{reports}</table><p>{e(certify)}</p>
<p>{e(labels["sign"])} ........................ {e(labels["sign_role"])}</p></body></html>"""


def libreoffice(batch: int) -> dict:
    soffice = shutil.which("soffice")
    if soffice is None:
        return {}
    source = WORK / "lo"
    source.mkdir()
    document = form_html()
    files = []
    for i in range(batch):
        path = source / f"form{i:04d}.html"
        path.write_text(document, encoding="utf-8")
        files.append(str(path))
    fonts = WORK / "fonts"
    shutil.copytree(ROOT / "tidtam" / "documents" / "fonts", fonts)
    conf = WORK / "fonts.conf"
    conf.write_text(
        f'<?xml version="1.0"?><fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf'
        f"</include><dir>{fonts}</dir><cachedir>{WORK / 'fc-cache'}</cachedir></fontconfig>"
    )
    env = dict(os.environ, FONTCONFIG_FILE=str(conf), HOME=str(WORK))
    base = (
        f"{soffice} --headless --norestore -env:UserInstallation=file://{WORK / 'lo-profile'} "
        f'--infilter="HTML (StarWriter)" --convert-to pdf:writer_pdf_Export '
        f"--outdir {WORK / 'lo-out'}"
    )
    warm = f"{base} {files[0]}"
    subprocess.run(warm, shell=True, env=env, capture_output=True, check=True)  # noqa: S602
    result = {}
    for name, command, runs in [
        ("one", f"{base} {files[0]}", 5),
        ("batch", f"{base} {' '.join(files)}", 2),
    ]:
        export = WORK / f"hyperfine-{name}.json"
        subprocess.run(
            ["hyperfine", "--runs", str(runs), "--export-json", str(export), command],
            env=env, capture_output=True, check=True,
        )  # fmt: skip
        result[name] = json.loads(export.read_text())["results"][0]
    pdf = WORK / "lo-out" / "form0000.pdf"
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    result["pages"] = next(
        (line.split()[-1] for line in pages.splitlines() if line.startswith("Pages")), "?"
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--forms", type=int, default=1000)
    parser.add_argument("--lo-batch", type=int, default=100)
    parser.add_argument(
        "--smoke", action="store_true", help="3 forms and no LibreOffice: check that it runs"
    )
    args = parser.parse_args()
    if args.smoke:
        args.forms, args.lo_batch = 3, 0
    setup()
    cores = os.cpu_count() or 1
    times = typst_sequential(args.forms)
    median = statistics.median(times)
    sequential_rate = len(times) / (sum(times) / 1000)
    parallel_rate = typst_parallel(args.forms, cores)
    lo = libreoffice(args.lo_batch) if args.lo_batch else {}
    load = os.getloadavg()[0]
    print(f"machine: {cores} cores, load average {load:.1f} at the end; {args.forms} forms")
    print("| engine | what | median ms per form | forms per second |")
    print("|---|---|---|---|")
    print(f"| Typst (form_print, end to end) | 1 process, {args.forms} forms | {median:.1f} "
          f"| {sequential_rate:.1f} |")  # fmt: skip
    print(f"| Typst (render_pdf) | {cores} processes, {args.forms} forms | – "
          f"| {parallel_rate:.1f} |")  # fmt: skip
    if lo:
        one = lo["one"]["median"] * 1000
        batch = lo["batch"]["median"] * 1000 / args.lo_batch
        print(f"| LibreOffice {lo['pages']}-page HTML→PDF | one document per call | {one:.0f} "
              f"| {1000 / one:.2f} |")  # fmt: skip
        print(f"| LibreOffice | {args.lo_batch} documents in one call | {batch:.0f} "
              f"| {1000 / batch:.1f} |")  # fmt: skip
        print(f"\nLibreOffice ms per form ÷ Typst end-to-end ms per form: {batch / median:.1f} "
              f"in batches, {one / median:.1f} one call per document.")  # fmt: skip
    shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    main()
