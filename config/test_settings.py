"""The test suite's settings: ``config.settings`` with a key of its own (the development key is
refused when DEBUG is off)."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-" + "k" * 50)

from config.settings import *  # noqa: F403
