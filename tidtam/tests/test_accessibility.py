"""axe-core (vendored in ``tidtam/tests/vendor``) finds no WCAG 2.0/2.1 A or AA violation on the
pages a newcomer meets first, at 1280 and at 360 px, in headless Chromium; at 360 px the
reporter's to-do list, the review queue, the project list and the rounds page need no
sideways scrolling, and the first project of the list is above the fold."""

import os
import shutil
from pathlib import Path

import pytest

from tidtam.core.testing import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
CODE = "50310000-2961"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return result.violations.map(v => `${v.id} (${v.impact}): ${v.help} — ` +
    v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", "));
}"""
SCROLLING_TABLES = """Array.from(document.querySelectorAll(".table-wrap"))
  .filter(w => w.scrollWidth > w.clientWidth + 1).length"""
PHONE_PAGES = [
    ("reporter", "/followup/my-reports/"),
    ("coordinator", "/followup/queue/"),
    ("reporter", "/projects/"),
    ("coordinator", "/followup/rounds/"),
]
# Pages whose wide tables may scroll inside their box at 360 px, but not the page itself.
WIDE_TABLE_PAGES = [
    ("reporter", f"/projects/{CODE}/plan/"),
    ("executive", "/followup/money/?fy=2566"),
    ("executive", "/followup/money/curve/?fy=2566"),
    ("executive", "/annual/50310000/2566/"),
]


@pytest.fixture
def city(demo, framework):
    """The demo as ``make demo`` loads it: reports through review, the ITA of FY2566."""
    from tidtam.devdata.followup_demo import load_followup_demo
    from tidtam.devdata.ita_demo import load_ita_demo

    load_followup_demo()
    return load_ita_demo()[0]


@pytest.fixture
def browser(city, live_server):
    from django.db import connections
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # see the phone_page fixture
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium") or "/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        browser.base_url = live_server.url
        yield browser
        browser.close()
        connections.close_all()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def _page(browser, width: int):
    # the CSP allows no inline script: axe is injected past it, in the tests only
    context = browser.new_context(
        viewport={"width": width, "height": 800}, locale="th-TH", bypass_csp=True
    )
    page = context.new_page()
    page.base_url = browser.base_url
    return page


def _violations(page, path: str) -> list[str]:
    page.goto(page.base_url + path)
    page.add_script_tag(path=str(AXE))
    return [f"{path}: {v}" for v in page.evaluate(RUN_AXE, WCAG)]


def _refused_upload(page) -> list[str]:
    """The plan page showing the problems of an uploaded file, beside its upload form."""
    page.goto(page.base_url + f"/projects/{CODE}/plan/")
    page.get_by_label("แม่แบบที่กรอกแล้ว (.xlsx หรือ .csv)").set_input_files(
        files=[{"name": "plan.csv", "mimeType": "text/csv", "buffer": "เดือน,อื่น\n".encode()}]
    )
    page.locator("#upload button[type=submit]").click()
    page.locator("#upload-problems").wait_for()
    page.add_script_tag(path=str(AXE))
    return [f"plan upload refused: {v}" for v in page.evaluate(RUN_AXE, WCAG)]


def test_axe_finds_no_violation_at_1280_and_360_px(browser, city):
    from tidtam.projects.models import Project

    agency = Project.objects.get(code=CODE).agency_id
    pages = {
        None: [
            "/login/",
            f"/ita/s/{city.token}/",
            f"/ita/s/{city.token}/iit/",
            f"/ita/open/{city.token}/six_month/",
        ],
        "reporter": [
            "/projects/",
            f"/projects/{CODE}/",
            f"/projects/{CODE}/reports/new/",
            f"/projects/{CODE}/plan/",
            "/followup/my-reports/",
        ],
        "coordinator": [
            "/followup/queue/",
            "/followup/rounds/",
            f"/ita/{city.pk}/tracking/",
            f"/projects/{CODE}/reports/10/",
        ],
        "executive": [
            "/followup/dashboard/?fy=2566",
            "/followup/dashboard/",
            "/annual/",
            "/annual/50310000/2566/",
            "/followup/money/?fy=2566",
            "/followup/money/curve/?fy=2566",
            f"/followup/money/curve/{agency}/?fy=2566",
        ],
    }
    found = []
    for width in (1280, 360):
        page = _page(browser, width)
        for user, paths in pages.items():
            if user:
                log_in(page, user)
            found += [f"{width} px {v}" for path in paths for v in _violations(page, path)]
            if user == "reporter":
                found += [f"{width} px {v}" for v in _refused_upload(page)]
        page.context.close()
    assert found == [], "\n".join(found)


def _too_wide(page, user: str, path: str) -> list[str]:
    """The page, opened as ``user`` at the page's 360 px, if the whole page scrolls sideways."""
    log_in(page, user)
    page.goto(page.base_url + path)
    width = page.evaluate("document.scrollingElement.scrollWidth")
    return [f"{path} as {user}: {width} px"] if width > 360 else []


def test_phone_pages_need_no_sideways_scrolling_and_the_list_starts_above_the_fold(browser):
    page = _page(browser, 360)
    wide = []
    for user, path in PHONE_PAGES:
        wide += _too_wide(page, user, path)
        if page.evaluate(SCROLLING_TABLES):  # nor inside the page: the table fits too
            wide.append(f"{path} as {user}: its table scrolls sideways")
        if os.environ.get("TIDTAM_SCREENSHOT"):
            name = path.strip("/").replace("/", "-")
            page.screenshot(path=f"{os.environ['TIDTAM_SCREENSHOT']}-{name}.png", full_page=True)
    assert wide == []

    log_in(page, "reporter")
    page.goto(page.base_url + "/projects/")
    box = page.get_by_role("link", name=CODE).bounding_box()
    assert box is not None and box["y"] + box["height"] <= 800  # the filters are folded


def test_wide_tables_scroll_inside_their_box_not_the_page(browser, demo):
    page = _page(browser, 360)
    assert [found for user, path in WIDE_TABLE_PAGES for found in _too_wide(page, user, path)] == []


# each table that scrolls inside a named section: its own name and the section's
SCROLL_REGION_NAMES = """Array.from(document.querySelectorAll("[data-scroll-region]"))
  .filter(w => w.closest("section[aria-labelledby]"))
  .map(w => [w.getAttribute("aria-label"), document.getElementById(
    w.closest("section[aria-labelledby]").getAttribute("aria-labelledby")).textContent.trim()])"""


def test_a_table_that_scrolls_is_not_named_as_its_section(browser, demo):
    """A screen reader lists both as regions: the table's says it is the table."""
    page = _page(browser, 360)
    log_in(page, "reporter")
    page.goto(page.base_url + f"/projects/{CODE}/plan/")
    names = page.evaluate(SCROLL_REGION_NAMES)
    assert names, "no table scrolls inside a section here: the test needs another page"
    for table, section in names:
        assert table == f"ตาราง: {section}"
