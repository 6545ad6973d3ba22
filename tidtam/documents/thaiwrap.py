"""Where Thai lines may break in the form: Typst finds break opportunities with ICU's
dictionary, so each Thai word that must stay whole (``lib.thai.word_pieces``) and each date
(``23 มกราคม 2561``, ``๑๒ ธ.ค. พ.ศ. ๒๕๖๖``) goes to the template as a piece it puts in a
``box``. Nothing is added to the text itself (no zero-width spaces), so copied text stays the
same.
"""

import re

from tidtam.lib.thai import MONTHS_LONG, MONTHS_SHORT, THAI_LETTER, word_pieces

_MONTH = "|".join(re.escape(month) for month in sorted(MONTHS_LONG + MONTHS_SHORT, key=len)[::-1])
DATE = re.compile(rf"[0-9๐-๙]{{1,2}}\s+(?:{_MONTH})(?:\s*(?:พ\.\s?ศ\.|ค\.\s?ศ\.))?\s*[0-9๐-๙]{{4}}")


def segments(text: str) -> str | list[list]:
    """``text`` itself when it has no Thai, else ``[[piece, keep_together], …]`` whose pieces
    join back to ``text``."""
    if not THAI_LETTER.search(text):
        return text
    pieces: list[list] = []
    start = 0
    for date in DATE.finditer(text):
        pieces += [list(piece) for piece in word_pieces(text[start : date.start()])]
        pieces.append([date.group(), True])
        start = date.end()
    return pieces + [list(piece) for piece in word_pieces(text[start:])]


def joined(value: str | list[list]) -> str:
    """The text of ``segments(text)``: ``text``."""
    return value if isinstance(value, str) else "".join(piece for piece, _keep in value)
