"""Where Thai lines may break in the form: Typst finds break opportunities with ICU's
dictionary, so each Thai word that must stay whole (``lib.thai.word_pieces``) goes to the
template as a piece it puts in a ``box``. Nothing is added to the text itself (no zero-width
spaces), so copied text stays the same.
"""

from tidtam.lib.thai import THAI_LETTER, word_pieces


def segments(text: str) -> str | list[list]:
    """``text`` itself when it has no Thai, else ``[[piece, keep_together], …]`` whose pieces
    join back to ``text``."""
    if not THAI_LETTER.search(text):
        return text
    return [list(piece) for piece in word_pieces(text)]
