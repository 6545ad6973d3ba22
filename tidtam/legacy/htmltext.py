"""HTML fragments of the old system's table rows as plain text lines.

Paragraphs, line breaks and list items each become one line; items of a numbered list get
their number ("1. "), items of a bulleted list a dash ("- "), unless the item already starts
with one. Every other tag is dropped, entities are decoded. No Django, no third-party code.
"""

import html
import re

_BLOCK_RE = re.compile(r"<\s*(/?)\s*(p|div|li|ul|ol|br|tr|td|th|h[1-6])\b[^>]*?/?\s*>", re.I)
_TAG_RE = re.compile(r"</?\s*[a-zA-Z][a-zA-Z0-9]*\b[^>]*>")
_HAS_TAG_RE = re.compile(r"</?\s*[a-zA-Z][a-zA-Z0-9]*\b[^<>]*>")
_SPACES_RE = re.compile(r"\s+")
_HAS_MARK_RE = re.compile(r"^(\d+[.)]|[-•*–])\s*")


def has_markup(text: str) -> bool:
    return "<" in text and _HAS_TAG_RE.search(text) is not None


def clean_inline(text: str) -> str:
    """Drop inline tags, decode entities and collapse white space."""
    text = html.unescape(_TAG_RE.sub("", text))
    return _SPACES_RE.sub(" ", text.replace("\xa0", " ")).strip()


def fragment_lines(markup: str) -> list[str]:
    """``<p>a</p> <ul><li>b</li></ul>`` → ``["a", "- b"]``."""
    lines: list[str] = []
    lists: list[list] = []  # stack of [kind, counter]
    current: list[str] = []
    prefix = ""

    def flush() -> None:
        nonlocal prefix
        text = clean_inline("".join(current))
        current.clear()
        if text:
            if prefix and not _HAS_MARK_RE.match(text):
                text = prefix + text
            lines.append(text)
        prefix = ""

    position = 0
    for match in _BLOCK_RE.finditer(markup):
        current.append(markup[position : match.start()])
        position = match.end()
        closing, name = match.group(1), match.group(2).lower()
        flush()
        if name in ("ul", "ol"):
            if closing:
                if lists:
                    lists.pop()
            else:
                lists.append([name, 0])
        elif name == "li" and not closing:
            if lists:
                lists[-1][1] += 1
                kind, number = lists[-1]
                prefix = f"{number}. " if kind == "ol" else "- "
            else:
                prefix = "- "
    current.append(markup[position:])
    flush()
    return lines
