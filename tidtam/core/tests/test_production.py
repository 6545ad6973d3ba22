"""The production setup: the deploy check, the refused development key, Thai error pages, the
Content-Security-Policy, server errors on stderr, password rules."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.template.loaders.app_directories import get_app_template_dirs

from tidtam.core.middleware import CONTENT_SECURITY_POLICY

BASE_DIR = Path(settings.BASE_DIR)


def run_tidtam(tmp_path, *args, code=None, **env):
    """``tidtam ARGS`` (or ``python -c CODE``) in a fresh process with only ``env`` set."""
    environment = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "PYTHAINLP_OFFLINE": "1",
        **env,
    }
    command = [sys.executable, "-c", code] if code else [sys.executable, "-m", "tidtam.cli", *args]
    return subprocess.run(
        command, cwd=BASE_DIR, env=environment, capture_output=True, text=True, timeout=120
    )


def production_env(tmp_path) -> dict[str, str]:
    """The documented production environment (config/production.env.example), with a key."""
    key_file = tmp_path / "secret_key"
    key_file.write_text(secrets.token_urlsafe(50))
    lines = (BASE_DIR / "config" / "production.env.example").read_text().splitlines()
    env = dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))
    return {**env, "SECRET_KEY_FILE": str(key_file)}


def test_the_deploy_check_passes_in_the_documented_production_environment(tmp_path):
    result = run_tidtam(
        tmp_path, "check", "--deploy", "--fail-level", "WARNING", **production_env(tmp_path)
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_development_key_is_refused_when_debug_is_off(tmp_path):
    result = run_tidtam(tmp_path, "check", DEBUG="false")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "tidtam: SECRET_KEY is the development key: set SECRET_KEY or SECRET_KEY_FILE "
        "(or DEBUG=true)"
    ]
    assert run_tidtam(tmp_path, "check", DEBUG="true").returncode == 0


def test_a_trusted_proxy_that_is_no_address_is_refused_in_one_line(tmp_path):
    result = run_tidtam(tmp_path, "check", SECRET_KEY="k" * 50, TRUSTED_PROXIES="10.0.0.0/8,proxy")
    assert result.returncode == 1
    assert result.stderr.startswith("tidtam: TRUSTED_PROXIES: 'proxy' does not appear")
    assert len(result.stderr.splitlines()) == 1


def test_a_command_on_a_database_not_migrated_says_so_in_one_line(tmp_path):
    result = run_tidtam(tmp_path, "ita_score", "--year", "2566", "--iit", "94", SECRET_KEY="k" * 50)
    assert result.returncode == 1
    assert re.fullmatch(
        r"tidtam: the database is not migrated \(\d+ migrations to apply\): "
        r"run `tidtam migrate` first\n",
        result.stderr,
    )
    assert "Traceback" not in result.stderr


def test_a_server_error_is_logged_with_its_traceback_on_stderr(tmp_path):
    code = (
        "import django; django.setup()\n"
        "from django.test import Client, override_settings\n"
        "with override_settings(ROOT_URLCONF='tidtam.core.tests.failing_urls'):\n"
        "    print(Client(raise_request_exception=False).get('/fail/').status_code)\n"
    )
    result = run_tidtam(tmp_path, code=code, SECRET_KEY="k" * 50)
    assert result.stdout.strip() == "500"
    assert "ERROR django.request: Internal Server Error: /fail/" in result.stderr
    assert "Traceback (most recent call last)" in result.stderr
    assert "ZeroDivisionError: a deliberate failure" in result.stderr


@pytest.mark.django_db
def test_a_missing_page_is_the_thai_404_without_the_url_list(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "ไม่พบ" in page
    assert "URLconf" not in page


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy_without_inline_script(client):
    response = client.get("/login/")
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert "script-src 'self';" in CONTENT_SECURITY_POLICY
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY.split("script-src")[1].split(";")[0]


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
SCRIPT_URL = re.compile(r"javascript:", re.IGNORECASE)


def test_no_template_has_inline_script():
    directories = [*settings.TEMPLATES[0]["DIRS"], *get_app_template_dirs("templates")]
    templates = [
        path
        for directory in directories
        if str(BASE_DIR) in str(directory) and ".venv" not in str(directory)
        for path in Path(directory).rglob("*.html")
    ]
    assert len(templates) > 40
    for path in templates:
        text = path.read_text(encoding="utf-8")
        for pattern in (INLINE_SCRIPT, EVENT_HANDLER, SCRIPT_URL):
            assert not pattern.search(text), f"{path}: {pattern.search(text).group()}"


@pytest.mark.django_db
def test_passwords_are_checked_beyond_their_length(cast):
    cast.alice.full_name = "อลิซ ใจดี"
    for weak in ["password123", "1234567890", "alice2024"]:
        with pytest.raises(ValidationError):
            validate_password(weak, user=cast.alice)
    validate_password("ติดตามโครงการ-เขต-2566", user=cast.alice)


@pytest.mark.django_db
def test_the_demo_logins_keep_their_password(demo, client):
    assert client.login(username="reporter", password="demo")
