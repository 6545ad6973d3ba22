"""A NUL character in a path (``%00``) is a Thai 404 on SQLite and PostgreSQL alike, never a
500: PostgreSQL refuses a NUL in a text parameter. Found by the fuzz test."""

import pytest


@pytest.mark.parametrize(
    "path",
    [
        "/projects/50310000-2961%00/",
        "/followup/scores/50310000-2961%00/",
        "/projects/%00/reports/1/",
        "/verify/ABC%00/",
        "/ita/s/token%00/eit/",
        "/ita/open/token%00/six_month/",
    ],
)
def test_a_nul_in_the_path_is_a_404(client, demo, path):
    client.login(username="reporter", password="demo")
    response = client.get(path)
    assert response.status_code == 404
    assert "ไม่พบ" in response.content.decode()
