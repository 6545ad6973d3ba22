"""Where Thai lines may break in the form: between words only. Every Thai word
(``lib.thai.word_pieces``, PyThaiNLP's cuts) and each date (``23 มกราคม 2561``,
``๑๒ ธ.ค. พ.ศ. ๒๕๖๖``) goes to the template as a piece it puts in a ``box``; a line may break
between two boxes. Nothing is added to the text itself (no zero-width spaces), so copied text
stays the same.

Every word, not only the long ones ICU would split wrongly: a line then breaks only where
PyThaiNLP's dictionary puts a word boundary, never where ICU's own segmenter guesses one
inside a run of short words. It is also a little faster: Typst finds break opportunities in
free Thai text with ICU's LSTM model (~3 µs per character) again for every new paragraph,
while a box's layout is kept for the life of the process and Thai words recur (the sample
form's 893 Thai words are 249 distinct ones). Measured on 20 distinct 4-page forms, Typst
alone, both ways alternating in one process: 23.3 → 19.4 ms a form, the first one 67 → 53 ms
(bench/README.md).
"""

import re

from tidtam.lib.thai import MONTHS_LONG, MONTHS_SHORT, THAI_LETTER, word_pieces

_MONTH = "|".join(re.escape(month) for month in sorted(MONTHS_LONG + MONTHS_SHORT, key=len)[::-1])
EVERY_WORD = 1  # the shortest word put in a box: all of them
DATE = re.compile(rf"[0-9๐-๙]{{1,2}}\s+(?:{_MONTH})(?:\s*(?:พ\.\s?ศ\.|ค\.\s?ศ\.))?\s*[0-9๐-๙]{{4}}")


def segments(text: str) -> str | list[list]:
    """``text`` itself when it has no Thai, else ``[[piece, keep_together], …]`` whose pieces
    join back to ``text``."""
    if not THAI_LETTER.search(text):
        return text
    pieces: list[list] = []
    start = 0
    for date in DATE.finditer(text):
        pieces += [list(piece) for piece in word_pieces(text[start : date.start()], EVERY_WORD)]
        pieces.append([date.group(), True])
        start = date.end()
    return pieces + [list(piece) for piece in word_pieces(text[start:], EVERY_WORD)]


def joined(value: str | list[list]) -> str:
    """The text of ``segments(text)``: ``text``."""
    return value if isinstance(value, str) else "".join(piece for piece, _keep in value)
