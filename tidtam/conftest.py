import pytest

from tidtam.core.testing import make_cast


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def cast(db):
    return make_cast()


@pytest.fixture
def demo(db):
    """The demo data: the sample project 50310000-2961 with its 10 reports, and the logins."""
    from tidtam.core.demo import load_demo

    return load_demo()
