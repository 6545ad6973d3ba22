"""The dashboard's table rows written in Python: ~90 rows of 15 figures with their links were
most of the page's template time (bench/README.md, followup)."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from tidtam.core.templatetags.thai import baht, percent

register = template.Library()


def _percent(value) -> str:
    return percent(value) or "–"


@register.simple_tag
def figures_row(row, drill: str, list_url: str, fiscal_year: int) -> SafeString:
    """One row of ``followup/figures.html``: its label and each status count drill down to
    the project list filtered the same way."""
    link = f"{list_url}?{drill}={row.key}&fiscal_year={fiscal_year}"
    statuses = format_html_join(
        "",
        '<td class="num">{}</td>',
        (
            (format_html('<a href="{}&amp;status={}">{}</a>', link, key, n) if n else n,)
            for key, n in row.status_cells
        ),
    )
    return format_html(
        "<tr>\n"
        '      <th scope="row"><a href="{}">{}</a></th>\n'
        '      <td class="num">{}</td>\n'
        '      <td class="num">{}</td>\n'
        "      {}\n"
        '      <td class="num">{}</td>\n'
        '      <td class="num">{}</td>\n'
        '      <td class="num">{}</td>\n'
        '      <td class="num">{}</td>\n'
        '      <td class="num" data-figure="waiting">{}</td>\n'
        '      <td class="num">{}</td>\n'
        "    </tr>",
        link,
        row.label,
        row.projects,
        _percent(row.average_progress),
        statuses,
        baht(row.budget_received),
        baht(row.budget_used),
        _percent(row.used_percent),
        row.missing,
        row.waiting,
        _percent(row.review_days),
    )
