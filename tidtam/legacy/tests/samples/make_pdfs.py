"""Rebuild the PDF samples: each text printout laid out as the old system printed it (page one
as lines, the reports as a two-column table whose cells show the raw HTML), printed to PDF by
headless Chromium with the Sarabun font.

    .venv/bin/python tidtam/legacy/tests/samples/make_pdfs.py
"""

import html
import shutil
import subprocess
import tempfile
from pathlib import Path

HERE = Path(__file__).parent
FONT = HERE.parents[2] / "documents" / "fonts" / "Sarabun-Regular.ttf"
SOURCES = ["legacy-printout-a.txt", "variant-c-lists-page-break.txt"]
STYLE = (
    "@font-face{font-family:S;src:url(Sarabun-Regular.ttf)}"
    "body{font-family:S;font-size:11pt} td{vertical-align:top;padding:2pt}"
    ".page{break-before:page} p{margin:2pt 0}"
)


def page_html(text: str) -> str:
    parts, rows, first = [f"<!doctype html><meta charset=utf-8><style>{STYLE}</style>"], [], True

    def table() -> None:
        if rows:
            parts.append("<table>" + "".join(rows) + "</table>")
            rows.clear()

    for line in text.splitlines():
        if line.startswith("****"):
            table()
            parts.append(f'<p class="{"" if first else "page"}">{html.escape(line)}</p>')
            first = False
        elif "\t" in line:
            label, cell = line.split("\t", 1)
            rows.append(f"<tr><td style=width:25%>{html.escape(label)}<td>{html.escape(cell)}")
        elif line.strip():
            table()
            parts.append(f"<p>{html.escape(line)}</p>")
    table()
    return "\n".join(parts)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        shutil.copy(FONT, folder)
        for name in SOURCES:
            page = Path(folder) / "page.html"
            page.write_text(page_html((HERE / name).read_text(encoding="utf-8")), "utf-8")
            target = HERE / name.replace(".txt", ".pdf")
            subprocess.run(
                ["chromium", "--headless", "--no-sandbox", "--disable-gpu",
                 "--no-pdf-header-footer", f"--print-to-pdf={target}", page.as_uri()],
                check=True, capture_output=True, timeout=120,
            )  # fmt: skip
            print(target)


if __name__ == "__main__":
    main()
