"""What the lists show of a project, written in Python: these run once per row."""

from django import template
from django.utils.html import format_html

from tidtam.projects.models import ProjectStatus

register = template.Library()


@register.filter
def status_badge(status: str | None) -> str:
    """The project's status as a badge (``ProjectStatus``: the list's filter has the same)."""
    label = ProjectStatus(status).label if status in ProjectStatus.values else ""
    return format_html('<span class="badge badge-{}">{}</span>', status, label)
