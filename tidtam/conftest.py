import pytest

from tidtam.orgs.testing import make_cast


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def cast(db):
    return make_cast()


@pytest.fixture
def admin_client(client, cast):
    """The cast's ``root`` logged in to the admin site (in place of pytest-django's own)."""
    cast.root.is_staff = cast.root.is_superuser = True
    cast.root.save()
    client.force_login(cast.root)
    return client


@pytest.fixture
def demo(db):
    """The demo data: the sample project 50310000-2961 with its 10 reports, and the logins."""
    from tidtam.devdata.demo import load_demo

    return load_demo()


@pytest.fixture
def demo_city(demo):
    """The demo and a small demo city (``tidtam demo_city``) in the current fiscal year."""
    from tidtam.devdata.city_load import load_city

    load_city(scale=0.1)
    return demo


@pytest.fixture
def framework(db):
    """The ITA framework of FY2566 (and FY2565). The data migration ships them; a transactional
    test's flush removes them, so load them again when missing (the loader leaves a present
    year alone)."""
    from django.apps import apps

    from tidtam.ita import frameworks

    frameworks.load(frameworks.read(2565), apps.get_model)
    return frameworks.load(frameworks.read(2566), apps.get_model)


@pytest.fixture
def phone_page(live_server):
    """Headless Chromium (Debian's) at 360 px in Thai, with ``page.base_url`` the live server.

    Request the data fixtures before this one, so that the test database is set up first."""
    import os
    import shutil

    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # meanwhile are plain set-up and checks, not async code.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium") or "/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        context = browser.new_context(viewport={"width": 360, "height": 800}, locale="th-TH")
        page = context.new_page()
        page.base_url = live_server.url
        yield page
        browser.close()
        # those ORM calls used a connection of the loop's context: close it, or PostgreSQL
        # cannot drop the test database afterwards
        connections.close_all()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
