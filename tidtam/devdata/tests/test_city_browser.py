"""The executive's first visit with the demo city, in headless Chromium at 1280 and 360 px: the
dashboard opens on the current fiscal year with its charts drawn and its tables filled."""

import os

import pytest
from django.utils import timezone

from tidtam.core.testing import log_in
from tidtam.lib.thai import fiscal_year_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_dashboard_opens_on_this_year_with_data(demo_city, phone_page):
    # the city's executive, then Bang Sue's (the demo's `executive`), each at both widths
    for username in ("city_executive", "executive"):
        log_in(phone_page, username)
        for width in (1280, 360):
            phone_page.set_viewport_size({"width": width, "height": 900})
            _check_dashboard(phone_page, f"{username}-{width}")


def _check_dashboard(page, name: str) -> None:
    page.goto(page.base_url + "/followup/dashboard/")
    year = str(fiscal_year_of(timezone.localdate()))
    assert year in page.get_by_role("heading", level=1).inner_text()
    for section in ("#by-agency", "#by-strategy"):
        rows = page.locator(f"{section} ~ div tbody tr")
        assert rows.count() >= 1
        assert int(rows.first.locator("td").first.inner_text()) > 0  # projects in the row
    # the charts are drawn (Chart.js sizes the canvas) and the delays table has a reason
    for chart in ("agency-chart", "strategy-chart"):
        canvas = page.locator(f'canvas[aria-labelledby="{chart}-caption"]')
        canvas.wait_for()
        assert canvas.bounding_box()["height"] > 40
        assert page.evaluate(
            "name => Chart.getChart(document.querySelector("
            "`canvas[aria-labelledby='${name}-caption']`)).data.datasets"
            ".some(d => d.data.some(v => v > 0))",
            chart,
        )
    delays = page.locator("#delays ~ div tbody tr")
    assert delays.count() >= 1 and "ไม่มี" not in delays.first.inner_text()
    if os.environ.get("TIDTAM_SCREENSHOT"):
        page.screenshot(path=f"{os.environ['TIDTAM_SCREENSHOT']}-{name}.png", full_page=True)
