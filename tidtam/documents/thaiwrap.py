"""Where Thai lines may break.

Thai has no spaces between words. Typst finds break opportunities with ICU's dictionary,
which splits some compounds that officers read as one word (ตรวจ|สอบ, ข้า|ราชการ,
หน้า|ที่). We segment with PyThaiNLP (newmm, offline dictionary) and mark each Thai word
of several characters as unbreakable; the template puts such a word in a ``box``. Nothing
is added to the text itself (no zero-width spaces), so copied text stays the same.
Very long dictionary entries (whole agency names) are left to ICU so that a line can still
break inside them rather than overflow.
"""

import functools
import re

from tidtam.lib.thai import words as thai_words

THAI = re.compile("[\u0e01-\u0e5b]")
MIN_PROTECTED = 4
MAX_PROTECTED = 24


def segments(text: str) -> str | list[list]:
    """See ``_segments``; a reprint of the same project reuses the cut."""
    result = _segments(text)
    return result if isinstance(result, str) else [list(piece) for piece in result]


@functools.lru_cache(maxsize=8192)
def _segments(text: str) -> str | tuple[tuple[str, bool], ...]:
    """``text`` itself when it has no Thai, else ``[[piece, keep_together], …]`` whose
    pieces join back to ``text``."""
    if not THAI.search(text):
        return text
    words = thai_words(text)  # they join back to the text: nothing but the text is printed
    pieces: list[tuple[str, bool]] = []
    free = ""
    for word in words:
        if MIN_PROTECTED <= len(word) <= MAX_PROTECTED and THAI.search(word) and " " not in word:
            if free:
                pieces.append((free, False))
                free = ""
            pieces.append((word, True))
        else:
            free += word
    if free:
        pieces.append((free, False))
    return tuple(pieces)
