import pytest


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Uploads and results in the test's own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
