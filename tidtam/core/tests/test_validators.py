import pytest
from django.core.exceptions import ValidationError

from tidtam.core.validators import hidden_characters, refuse_hidden_characters


def test_characters_that_hide_or_reorder_text_are_found():
    assert hidden_characters("abc\u202egpj.exe") == ["U+202E"]
    assert hidden_characters("a\u200bb\u200bc\x00\u2066") == ["U+200B", "U+0000", "U+2066"]
    assert hidden_characters("โครงการขุดลอกคลอง 2566 (ระยะที่ ๒)") == []


def test_the_validator_refuses_them():
    with pytest.raises(ValidationError, match="U\\+202E"):
        refuse_hidden_characters("abc\u202egpj.exe")
    refuse_hidden_characters("สำนักงานเขตบางซื่อ")
