"""Thai words kept whole on every page: markup added around words only, text never changed,
tags, attributes and verbatim elements left alone."""

import html
import re

from django.urls import reverse

from tidtam.core.testing import page_of
from tidtam.core.thaiwords import keep_words_whole


def _text(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def test_words_in_text_are_kept_whole_and_the_text_is_unchanged():
    page = '<p title="ตรวจสอบ">ตรวจสอบ &amp; ข้าราชการ <b>สิ่งแวดล้อม</b></p>'
    out = keep_words_whole(page)
    assert out.startswith('<p title="ตรวจสอบ">')  # attributes as they were
    assert '<span class="w">ตรวจสอบ</span><wbr> &amp; <span class="w">ข้าราชการ</span>' in out
    assert '<b><span class="w">สิ่งแวดล้อม</span><wbr></b>' in out
    assert _text(out) == _text(page)


def test_scripts_form_controls_and_code_are_left_verbatim():
    verbatim = [
        '<script type="application/json">{"label": "สำนักงานเขต"}</script>',
        "<textarea>ดำเนินการแล้ว</textarea>",
        '<select><option value="1">สำนักงานเขตบางซื่อ</option></select>',
        "<title>ติดตามโครงการ</title>",
        "<pre>ตรวจสอบ</pre>",
    ]
    for part in verbatim:
        assert keep_words_whole(part) == part
    assert keep_words_whole("ITA 2566 &lt;b&gt;") == "ITA 2566 &lt;b&gt;"
    # upper case; never closed (verbatim to the end); a name that only starts like one; a
    # verbatim tag inside a comment does not start anything
    word = '<span class="w">ตรวจสอบ</span><wbr>'
    assert keep_words_whole("<CODE>ตรวจสอบ</CODE>ตรวจสอบ") == f"<CODE>ตรวจสอบ</CODE>{word}"
    assert (
        keep_words_whole("<p>ตรวจสอบ<code>ตรวจสอบ</p>ตรวจสอบ")
        == f"<p>{word}<code>ตรวจสอบ</p>ตรวจสอบ"
    )
    assert keep_words_whole("<codex>ตรวจสอบ</codex>") == f"<codex>{word}</codex>"
    assert keep_words_whole("<!-- <pre> -->ตรวจสอบ") == f"<!-- <pre> -->{word}"


def test_pages_get_it_and_downloads_do_not(client, demo):
    client.login(username="coordinator", password="demo")
    page = client.get(reverse("projects:detail", kwargs={"code": "50310000-2961"}))
    assert '<span class="w">หน่วยงาน</span><wbr>' in page_of(page)
    assert int(page["Content-Length"]) == len(page.content)
    csv = client.get(reverse("followup:projects_export", kwargs={"fmt": "csv"}))
    assert b'class="w"' not in csv.content
