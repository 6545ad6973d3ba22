"""Login throttling per account and per client address, with a message saying when to try
again; the address behind a trusted proxy is the forwarded one."""

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from tidtam.core.testing import page_of
from tidtam.orgs import throttle


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def log_in(client, username, password, **extra):
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


def is_logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_wrong_passwords_lock_the_account_and_the_right_one_is_refused_too(client, cast):
    statuses = [log_in(client, "alice", f"wrong{n}").status_code for n in range(10)]
    assert statuses == [200] * 10
    response = log_in(client, "alice", "pw")
    assert response.status_code == 429
    assert not is_logged_in(client)
    assert "เข้าสู่ระบบไม่สำเร็จหลายครั้ง" in page_of(response)
    until = throttle.locked_until(response.wsgi_request, "alice")
    assert f"ลองใหม่หลังเวลา {timezone.localtime(until):%H:%M} น." in page_of(response)
    # another account from elsewhere is not held by alice's lock
    assert log_in(client, "bob", "pw", REMOTE_ADDR="198.51.100.7").status_code == 302


def test_the_english_message_is_in_the_catalogue(client, cast):
    client.cookies["django_language"] = "en"
    for n in range(10):
        log_in(client, "alice", f"wrong{n}")
    assert "Too many failed logins. Please try again after" in page_of(
        log_in(client, "alice", "pw")
    )


def test_a_successful_login_clears_the_accounts_failures(client, cast):
    for _round in range(2):
        for n in range(9):
            log_in(client, "alice", f"wrong{n}")
        assert log_in(client, "alice", "pw").status_code == 302
        client.logout()


def test_one_address_trying_many_accounts_is_locked(client, cast):
    for n in range(throttle.FAILURES_PER_ADDRESS):
        log_in(client, f"nobody{n}", "guess", REMOTE_ADDR="203.0.113.5")
    assert log_in(client, "alice", "pw", REMOTE_ADDR="203.0.113.5").status_code == 429
    assert log_in(client, "alice", "pw", REMOTE_ADDR="203.0.113.6").status_code == 302


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_behind_a_trusted_proxy_the_forwarded_address_is_throttled(client, cast):
    behind = {"REMOTE_ADDR": "127.0.0.1"}
    for n in range(throttle.FAILURES_PER_ADDRESS):
        log_in(client, f"nobody{n}", "guess", HTTP_X_FORWARDED_FOR="203.0.113.5", **behind)
    locked = log_in(client, "alice", "pw", HTTP_X_FORWARDED_FOR="203.0.113.5", **behind)
    assert locked.status_code == 429
    other = log_in(client, "alice", "pw", HTTP_X_FORWARDED_FOR="203.0.113.6", **behind)
    assert other.status_code == 302


def test_the_admin_login_is_throttled_too(client, cast):
    url = reverse("admin:login")
    for n in range(10):
        client.post(url, {"username": "root", "password": f"wrong{n}"})
    client.post(url, {"username": "root", "password": "pw"})
    assert not is_logged_in(client)
