"""The test suite's settings: ``config.settings`` with a key of its own (the development key is
refused when DEBUG is off)."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-" + "k" * 50)

from config.settings import *  # noqa: F403

# The suite runs on a clean clone, before any collectstatic: WhiteNoise serves the static files
# from where they are (its development mode) rather than from STATIC_ROOT.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
