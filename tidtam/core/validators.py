"""Text that shows what it says. Names and file names refuse the characters that reorder or
hide letters — bidi overrides and isolates (``abc\u202egpj.exe`` shows as ``abcexe.jpg``),
zero-width characters — and control characters such as NUL, which PostgreSQL cannot store.

Names typed in forms go through ``core.fields.NameField``; the services that take a file name
(ITA contractors, OIT evidence) check it with ``hidden_characters``. Django itself drops
unprintable characters from the names of files uploaded over HTTP."""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

HIDDEN = frozenset(
    "\u061c"  # Arabic letter mark
    "\u200b\u200c\u200d\u2060\ufeff"  # zero-width space, non-joiner, joiner; word joiner; BOM
    "\u200e\u200f"  # left-to-right and right-to-left marks
    "\u202a\u202b\u202c\u202d\u202e"  # embeddings and overrides
    "\u2066\u2067\u2068\u2069"  # isolates
)


def hidden_characters(text: str) -> list[str]:
    """The hidden or control characters of ``text`` as ``U+202E``, each once, in order."""
    found = (ch for ch in text if ch in HIDDEN or unicodedata.category(ch) == "Cc")
    return [f"U+{ord(ch):04X}" for ch in dict.fromkeys(found)]


def hidden_message(found: list[str]) -> str:
    return _("Remove the invisible characters (%(codes)s): they can hide or reorder the text.") % {
        "codes": ", ".join(found)
    }


def refuse_hidden_characters(text: str) -> None:
    """A validator: ``text`` with no hidden or control character."""
    found = hidden_characters(text)
    if found:
        raise ValidationError(hidden_message(found), code="hidden_characters")
