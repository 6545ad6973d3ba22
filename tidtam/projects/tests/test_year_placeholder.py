"""The fiscal-year field's example follows today's year, not a year fixed in the code."""

import datetime as dt
from unittest import mock

import pytest
from django.urls import reverse

from tidtam.core.testing import page_of, session


@pytest.mark.parametrize(
    ("today", "year"),
    [(dt.date(2026, 9, 30), "2569"), (dt.date(2026, 10, 1), "2570"), (dt.date(2023, 1, 5), "2566")],
)
def test_the_fiscal_year_placeholder_is_this_fiscal_year(cast, today, year):
    with mock.patch("django.utils.timezone.localdate", return_value=today):
        page = page_of(session("alice", "pw").get(reverse("projects:create")))
    field = page[page.index('name="fiscal_year"') :]
    assert f'placeholder="{year}"' in field[: field.index(">")]
