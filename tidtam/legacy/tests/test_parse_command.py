"""``tidtam parse_legacy``: JSON out, or one line naming the file and exit code 2."""

import json
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from tidtam.legacy.tests.helpers import SAMPLE, SAMPLES


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def run(path) -> str:
    from io import StringIO

    out = StringIO()
    call_command("parse_legacy", str(path), stdout=out)
    return out.getvalue()


def test_prints_json_and_touches_no_database():
    data = json.loads(run(SAMPLE))  # no db fixture: pytest-django would refuse any query
    assert data["project"]["code"] == "50310000-2961"
    assert len(data["reports"]) == 10
    assert set(data) == {"project", "reports", "warnings", "unparsed"}


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty"),
        (b"  \n\n\t\n", "empty"),
        (b"\x00\x01\x02\xff\xfe binary", "binary"),
        (bytes(range(256)) * 4, "binary"),
        (b"# Minutes of the meeting\nNothing to do with projects.\n", "not a printout"),
        (SAMPLE.read_bytes()[:2500], "truncated"),
        (SAMPLE.read_bytes()[: SAMPLE.read_bytes().index("รายงานครั้งที่4".encode())], "truncated"),
        (SAMPLE.read_bytes().replace("ขอรับรองว่า".encode(), b""), "truncated"),
        (b"%PDF-1.4\n garbage that is no PDF", "PDF"),
    ],
)
def test_bad_input(tmp_path, content, problem):
    path = tmp_path / "printout.txt"
    path.write_bytes(content)
    with pytest.raises(CommandError) as raised:
        run(path)
    assert raised.value.returncode == 2
    assert str(path) in str(raised.value)
    assert problem in str(raised.value)


def test_missing_file_and_directory(tmp_path):
    for path, problem in ((tmp_path / "nope.txt", "no such file"), (tmp_path, "directory")):
        with pytest.raises(CommandError) as raised:
            run(path)
        assert raised.value.returncode == 2
        assert str(path) in str(raised.value) and problem in str(raised.value)


def test_console_exit_code_and_no_traceback(tmp_path):
    path = tmp_path / "junk.bin"
    path.write_bytes(bytes(range(256)))
    done = subprocess.run(
        [sys.executable, "-m", "tidtam.cli", "parse_legacy", str(path)],
        capture_output=True,
        text=True,
        check=False,
        env={"DJANGO_SETTINGS_MODULE": "config.test_settings", "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    assert str(path) in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_variants_parse_from_the_command():
    for path in sorted(SAMPLES.glob("variant-*.txt")):
        assert json.loads(run(path))["reports"]


def test_windows_874_encoding(tmp_path):
    path = tmp_path / "tis620.txt"
    path.write_bytes(SAMPLE.read_text(encoding="utf-8").replace("–", "-").encode("cp874"))
    assert json.loads(run(path))["project"]["code"] == "50310000-2961"


def test_reads_stdin(monkeypatch):
    import io

    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(SAMPLE.read_bytes())))
    assert json.loads(run("-"))["project"]["code"] == "50310000-2961"
