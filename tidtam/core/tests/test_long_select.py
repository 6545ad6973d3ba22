"""LongSelect writes the same select as Django's template-rendered one."""

import pytest
from django import forms
from django.test.html import parse_html

from tidtam.core.fields import LongSelect

CHOICES = [("", "ทั้งหมด"), ("1", "ก & ข <x>"), ("group", [("2", "สอง"), ("3", '"สาม"')])]


@pytest.mark.parametrize("value", ["2", "", None, "9"])
def test_long_select_is_djangos_select_written_in_python(value):
    attrs = {"id": "id_unit", "aria-invalid": "true", "required": True, "disabled": False}
    ours = LongSelect(choices=CHOICES).render("unit", value, attrs=attrs)
    djangos = forms.Select(choices=CHOICES).render("unit", value, attrs=attrs)
    assert parse_html(ours) == parse_html(djangos)
    assert "&lt;x&gt;" in ours
