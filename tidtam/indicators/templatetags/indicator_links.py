"""The indicators a project supports, for the project page (the projects app sits below this
one and does not import it)."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from tidtam.indicators.selectors import years_for_user

register = template.Library()


@register.simple_tag(takes_context=True)
def supported_indicators(context: template.Context, project) -> SafeString:
    """The indicators of this project's that the reader may read, linked."""
    years = years_for_user(context["request"].user).filter(projects=project)
    return render_to_string(
        "indicators/supported.html", {"years": list(years)}, request=context["request"]
    )
