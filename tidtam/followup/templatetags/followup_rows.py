"""Rows of the follow-up pages written in Python: the dashboard's ~90 rows of 15 figures with
their links, the review queue's 50 reports. Through the template engine a row cost 0.1-0.2 ms,
most of these pages' template time (bench/README.md, followup)."""

from django import template
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tidtam.core.templatetags.thai import baht, be_date, be_datetime, percent
from tidtam.workplans.templatetags.workplan_tags import check_badge

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


@register.simple_tag
def queue_rows(reports) -> SafeString:
    """The review queue's rows (``selectors.review_queue``, each report with its
    ``plan_check``), each cell labelled for the stacked layout of a phone."""
    submitted, project, report, unit, progress, plan, computed, by = (
        escape(_(label))
        for label in (
            gettext_noop("Submitted"),
            gettext_noop("Project"),
            gettext_noop("Report"),
            gettext_noop("Unit"),
            gettext_noop("Progress (%)"),
            gettext_noop("Plan status"),
            gettext_noop("Computed status"),
            gettext_noop("By"),
        )
    )
    rows = []
    for row in reports:
        code = row.project.code
        url = reverse("reports:detail", kwargs={"code": code, "number": row.number})
        rows.append(
            f'<tr><td class="nowrap" data-label="{submitted}">'
            f"{be_datetime(row.submitted_at)}</td>\n"
            f'<td data-label="{project}"><a href="{escape(row.project.get_absolute_url())}" '
            f'class="nowrap">{escape(code)}</a> {escape(row.project.name)}</td>\n'
            f'<td class="nowrap" data-label="{report}"><a href="{escape(url)}">'
            f"{escape(_('Report %(n)s') % {'n': row.number})}</a> · {be_date(row.date)}</td>\n"
            f'<td data-label="{unit}">{escape(row.project.agency)} / '
            f"{escape(row.project.responsible_unit)}</td>\n"
            f'<td class="num" data-label="{progress}">{percent(row.progress_percent)}</td>\n'
            f'<td data-label="{plan}"><span class="badge badge-{escape(row.plan_status)}">'
            f"{escape(row.get_plan_status_display())}</span></td>\n"
            f'<td data-label="{computed}">{check_badge(row.plan_check)}</td>\n'
            f'<td data-label="{by}">{escape(row.submitted_by or "–")}</td></tr>\n'
        )
    return mark_safe("".join(rows))  # noqa: S308 - every text escaped above
