"""Thai words kept whole on the web: markup added around words only, text never changed."""

import html
import re

from django.template import Context, Template

from tidtam.core.templatetags.thai import thai_words, thai_words_html


def _text(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def test_a_name_is_escaped_and_its_words_kept_whole():
    name = "โครงการ<script>สิ่งแวดล้อม & ข้าราชการ"
    out = thai_words(name)
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert '<span class="w">สิ่งแวดล้อม</span><wbr>' in out
    assert '<span class="w">ข้าราชการ</span><wbr>' in out
    assert _text(out) == name  # nothing added to or taken from the text


def test_text_without_thai_is_only_escaped():
    assert thai_words("ITA 2566 <b>") == "ITA 2566 &lt;b&gt;"


def test_rich_text_keeps_its_tags_and_entities():
    rich = "<p>ตรวจสอบ &amp; ประเมินผล</p><ul><li>ข้าราชการ 1.78%</li></ul>"
    out = thai_words_html(rich)
    assert out.startswith("<p>") and "</p><ul><li>" in out and out.endswith("</li></ul>")
    assert "&amp;" in out and '<span class="w">ตรวจสอบ</span>' in out
    assert _text(out) == _text(rich)


def test_in_a_template_the_name_is_escaped_once():
    out = Template("{{ name|thai_words }}").render(Context({"name": "ตรวจสอบ & ok"}))
    assert out == '<span class="w">ตรวจสอบ</span><wbr> &amp; ok'
