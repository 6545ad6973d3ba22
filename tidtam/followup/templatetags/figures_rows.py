"""The dashboard's table rows written in Python: ~90 rows of 15 figures with their links were
most of the page's template time (bench/README.md, followup)."""

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from tidtam.core.templatetags.thai import baht, percent

register = template.Library()


def _percent(value) -> str:
    return percent(value) or "–"


@register.simple_tag
def figures_row(row, drill: str, list_url: str, fiscal_year: int) -> SafeString:
    """One row of ``followup/figures.html``: its label and each status count drill down to
    the project list filtered the same way. Only the label and the link are text; the rest
    are numbers formatted here."""
    link = escape(f"{list_url}?{drill}={row.key}&fiscal_year={int(fiscal_year)}")
    statuses = "".join(
        f'<td class="num"><a href="{link}&amp;status={escape(key)}">{int(n)}</a></td>'
        if n
        else f'<td class="num">{int(n)}</td>'
        for key, n in row.status_cells
    )
    return mark_safe(  # noqa: S308 - the label and the link escaped above, the rest numbers
        "<tr>\n"
        f'      <th scope="row"><a href="{link}">{escape(row.label)}</a></th>\n'
        f'      <td class="num">{int(row.projects)}</td>\n'
        f'      <td class="num">{_percent(row.average_progress)}</td>\n'
        f"      {statuses}\n"
        f'      <td class="num">{baht(row.budget_received)}</td>\n'
        f'      <td class="num">{baht(row.budget_used)}</td>\n'
        f'      <td class="num">{_percent(row.used_percent)}</td>\n'
        f'      <td class="num">{int(row.missing)}</td>\n'
        f'      <td class="num" data-figure="waiting">{int(row.waiting)}</td>\n'
        f'      <td class="num">{_percent(row.review_days)}</td>\n'
        "    </tr>"
    )
