"""Template filters for Thai presentation: Buddhist Era dates, baht, percentages, and Thai
text that lines break only between words."""

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal

from django import template
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from tidtam.lib import money, thai

register = template.Library()


def _as_date(value):
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


@register.filter
def be_date(value) -> str:
    """16/01/2566"""
    return thai.format_date_short(_as_date(value)) if value else ""


@register.filter
def be_date_long(value) -> str:
    """16 ม.ค. 2566"""
    return thai.format_date_long(_as_date(value)) if value else ""


@register.filter
def be_datetime(value) -> str:
    """16 ม.ค. 2566 14:05"""
    if not value:
        return ""
    local = timezone.localtime(value)
    return f"{thai.format_date_long(local.date())} {local:%H:%M}"


@register.filter
def baht(value) -> str:
    return money.format_baht(Decimal(value)) if value is not None else ""


@register.filter
def percent(value) -> str:
    return money.format_percent(Decimal(value)) if value is not None else ""


TAG = re.compile(r"(<[^>]*>)")


def _keep_words_whole(text: str, escape: Callable[[str], str]) -> str:
    """Each Thai word that must stay whole in a ``<span class="w">`` (``white-space: nowrap``)
    followed by a break opportunity; the text itself is unchanged."""
    return "".join(
        f'<span class="w">{escape(piece)}</span><wbr>' if whole else escape(piece)
        for piece, whole in thai.word_pieces(text)
    )


@register.filter(needs_autoescape=True)
def thai_words(value, autoescape=True) -> SafeString:
    """Plain text (a project's name) whose lines break only between Thai words."""
    escape = conditional_escape if autoescape else str
    return mark_safe(_keep_words_whole(str(value), escape))  # noqa: S308 - pieces escaped


@register.filter
def thai_words_html(value) -> SafeString:
    """Rich text already sanitised to attribute-free tags (``lib.richtext``): the same for
    its text between the tags, which is HTML-escaped already."""
    parts = TAG.split(str(value))
    return mark_safe(  # noqa: S308 - the tags and escaped text of sanitised HTML, unchanged
        "".join(part if part.startswith("<") else _keep_words_whole(part, str) for part in parts)
    )
