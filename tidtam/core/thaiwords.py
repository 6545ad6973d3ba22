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
VERBATIM = ("script", "style", "textarea", "title", "option", "pre", "code", "svg", "select")
# what is copied as it is: a comment, or a verbatim element from its opening tag to its closing
# tag (to the end of the page when it is never closed)
KEPT = re.compile(
    rf"<!--.*?-->|<\s*({'|'.join(VERBATIM)})(?![a-zA-Z0-9])[^>]*>"
    r".*?(?:<\s*/\s*\1(?![a-zA-Z0-9])[^>]*>|\Z)",
    re.DOTALL | re.IGNORECASE,
)


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
    """Between the kept parts, the page is split into tags and texts (``MARKUP.split`` puts the
    texts at the even places) and every text goes through the cached wrapping: a page costs
    one split and one cache look-up per text, not a Python step per tag."""
    out: list[str] = []
    start = 0
    for kept in KEPT.finditer(html):
        out.append(_wrap_between(html[start : kept.start()]))
        out.append(kept.group())
        start = kept.end()
    out.append(_wrap_between(html[start:]))
    return "".join(out)


def _wrap_between(html: str) -> str:
    parts = MARKUP.split(html)
    parts[::2] = map(_wrap_text, parts[::2])
    return "".join(parts)
