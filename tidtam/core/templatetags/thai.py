"""Template filters for Thai presentation: Buddhist Era dates, baht, percentages."""

import datetime as dt
from decimal import Decimal

from django import template
from django.utils import timezone

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
