"""Thai words kept whole on the pages.

Browsers break Thai lines where ICU's dictionary allows, which splits words officers read as
one (หน่วย|งาน, ตรวจ|สอบ). Every page's text goes through ``keep_words_whole``: each Thai
word that must not be split (``lib.thai.word_pieces``, PyThaiNLP) is put in a
``<span class="w">`` (``white-space: nowrap``) followed by ``<wbr>``. Nothing is added to or
taken from the text itself; tags, attributes and the content of elements whose text is not
laid out as prose (scripts, styles, form controls, the title, code) are left as they are.
"""

import functools
import re

from tidtam.lib.thai import THAI_LETTER, word_pieces, words

MARKUP = re.compile(r"(<!--.*?-->|<[^>]*>)", re.DOTALL)
TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z0-9]+)")
VERBATIM = {"script", "style", "textarea", "title", "option", "pre", "code", "svg", "select"}


@functools.lru_cache(maxsize=4096)
def _wrap_text(text: str) -> str:
    """Text between tags (already HTML-escaped): Thai words wrapped, the rest unchanged. The
    same labels, names and headings come back on every page: their wrapping is kept."""
    if not THAI_LETTER.search(text):
        return text
    return "".join(
        f'<span class="w">{piece}</span><wbr>' if whole else piece
        for piece, whole in word_pieces(text)
    )


def forget_words() -> None:
    """Drop every cached wrapping and word cut, as in a new process (for benchmarks)."""
    for cached in (_wrap_text, word_pieces, words):
        cached.cache_clear()


def keep_words_whole(html: str) -> str:
    out: list[str] = []
    verbatim: str | None = None  # the element whose content is copied as it is
    for part in MARKUP.split(html):
        if part.startswith("<"):
            tag = TAG_NAME.match(part)
            if tag:
                closing, name = tag.group(1) == "/", tag.group(2).lower()
                if verbatim is None and not closing and name in VERBATIM:
                    verbatim = name
                elif verbatim == name and closing:
                    verbatim = None
            out.append(part)
        elif verbatim is None:
            out.append(_wrap_text(part))
        else:
            out.append(part)
    return "".join(out)
