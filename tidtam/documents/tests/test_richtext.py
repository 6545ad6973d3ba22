from tidtam.documents.richtext import blocks_text, to_blocks
from tidtam.documents.thaiwrap import segments


def test_paragraphs_lists_and_emphasis_become_blocks_never_tags():
    blocks = to_blocks(
        "<p>a <strong>b</strong> c</p><ul><li>x</li><li><p>y</p><ol><li>z</li></ol></li></ul>"
        "<p>end<br>line</p><p>&lt;p&gt; &amp;</p>"
    )
    assert blocks == [
        {"p": [
            {"t": "a ", "b": False, "i": False},
            {"t": "b", "b": True, "i": False},
            {"t": " c", "b": False, "i": False},
        ]},
        {"ul": [
            [{"p": [{"t": "x", "b": False, "i": False}]}],
            [{"p": [{"t": "y", "b": False, "i": False}]},
             {"ol": [[{"p": [{"t": "z", "b": False, "i": False}]}]]}],
        ]},
        {"p": [{"t": "end", "b": False, "i": False}, {"br": True},
               {"t": "line", "b": False, "i": False}]},
        {"p": [{"t": "<p> &", "b": False, "i": False}]},
    ]  # fmt: skip
    assert blocks_text(blocks) == "a b c\nx\ny\nz\nend\nline\n<p> &"


def test_empty_paragraphs_and_stray_items_are_handled():
    assert to_blocks("<p> </p><p></p>") == []
    assert to_blocks("<li>stray</li>") == [
        {"ul": [[{"p": [{"t": "stray", "b": False, "i": False}]}]]}
    ]
    assert to_blocks("") == []


def test_thai_words_are_kept_together_and_nothing_is_added():
    text = "เพื่อเป็นหลักฐานไว้ตรวจสอบ ข้าราชการ"
    pieces = segments(text)
    assert "".join(piece for piece, _keep in pieces) == text
    assert ["ตรวจสอบ", True] in pieces
    assert ["ข้าราชการ", True] in pieces
    assert segments("ITA 2566") == "ITA 2566"
