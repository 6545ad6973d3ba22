"""Bytes of a printout file → text for the parser: UTF-8, the old Thai code page, or a PDF
through poppler's ``pdftotext``. No Django."""

import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

from tidtam.legacy.messages import LegacyParseError
from tidtam.legacy.parser import ParsedPrintout, parse

PDF_TIMEOUT = 60  # seconds
PDF_MODES = (["-layout"], [])  # the table layout first, then plain reading order


def read_file(path: Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError as error:
        raise LegacyParseError("unreadable", reason="no such file") from error
    except IsADirectoryError as error:
        raise LegacyParseError("unreadable", reason="it is a directory") from error
    except OSError as error:
        raise LegacyParseError("unreadable", reason=error.strerror or str(error)) from error


def texts(data: bytes) -> Iterator[str]:
    """The candidate texts of a file, made only when asked for: a PDF gives one per extraction
    mode, so a PDF whose first text reads costs one run of pdftotext."""
    if not data.strip():
        raise LegacyParseError("empty")
    if data.startswith(b"%PDF-"):
        for mode in PDF_MODES:
            yield pdf_text(data, mode)
        return
    yield _decode(data)


def _decode(data: bytes) -> str:
    if b"\x00" in data:
        raise LegacyParseError("binary")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if error.start >= len(data) - 3:  # a file cut in the middle of a character
            return data[: error.start].decode("utf-8-sig")
    try:
        return data.decode("cp874")  # TIS-620 / Windows-874
    except UnicodeDecodeError as error:
        raise LegacyParseError("binary") from error


def pdf_text(data: bytes, mode: list[str]) -> str:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "printout.pdf"
        source.write_bytes(data)
        try:
            done = subprocess.run(
                ["pdftotext", *mode, "-enc", "UTF-8", str(source), "-"],
                capture_output=True,
                timeout=PDF_TIMEOUT,
                check=False,
            )
        except FileNotFoundError as error:
            raise LegacyParseError("pdf", reason="pdftotext is not installed") from error
        except subprocess.TimeoutExpired as error:
            raise LegacyParseError("pdf", reason="pdftotext took too long") from error
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise LegacyParseError("pdf", reason=reason[-1] if reason else "pdftotext failed")
    return done.stdout.decode("utf-8", "replace")


def parse_bytes(data: bytes) -> tuple[ParsedPrintout, str]:
    """Parse the first candidate text that reads completely; else the first that reads in
    part; else raise the first candidate's error."""
    first_error: LegacyParseError | None = None
    partial: tuple[ParsedPrintout, str] | None = None
    for text in texts(data):
        try:
            parsed = parse(text)
        except LegacyParseError as error:
            first_error = first_error or error
            continue
        if not parsed.partial:
            return parsed, text
        partial = partial or (parsed, text)
    if partial is not None:
        return partial
    assert first_error is not None
    raise first_error


def parse_path(path: Path) -> tuple[ParsedPrintout, str]:
    return parse_bytes(read_file(path))
