"""The admin site over every app: rows that their own pages write, reviewed and audited, are
listed there but never added there."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    "url",
    ["admin:rounds_reopening_add", "admin:plans_kpi_add", "admin:indicators_quarterresult_add"],
)
def test_rows_written_by_their_own_pages_are_not_added_in_the_admin(admin_client, url):
    assert admin_client.get(reverse(url)).status_code == 403
