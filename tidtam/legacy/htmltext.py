"""HTML fragments of the old system's table rows as plain text lines.

Paragraphs, line breaks and list items each become one line; items of a numbered list get
their number ("1. "), items of a bulleted list a dash ("- "), unless the item already starts
with one. A list the old HTML wrote without ``<li>`` (``<ol> 1. a 2. b</ol>``) is cut into
its items all the same. Every other tag is dropped, entities are decoded. No Django, no
third-party code.
"""

import html
import re

_BLOCK_RE = re.compile(r"<\s*(/?)\s*(p|div|li|ul|ol|br|tr|td|th|h[1-6])\b[^<>]*?/?\s*>", re.I)
_TAG_RE = re.compile(r"</?\s*[a-zA-Z][a-zA-Z0-9]*\b[^<>]*>")
_HAS_TAG_RE = re.compile(r"</?\s*[a-zA-Z][a-zA-Z0-9]*\b[^<>]*>")
_SPACES_RE = re.compile(r"\s+")
_HAS_MARK_RE = re.compile(r"^(\d+[.)]|[-•*–])\s*")
# An item number the old HTML wrote inline: "<ol> 1. a 2. b" (not "95.52", not "ป.ช.").
_INLINE_NUMBER_RE = re.compile(r"(?:^|(?<=\s))(\d{1,3})[.)](?!\d)\s*")
_INLINE_BULLET_RE = re.compile(r"(?:^|(?<=\s))[-•*–]\s+(?!\d)")  # not "2560 - 2566"


def has_markup(text: str) -> bool:
    return "<" in text and _HAS_TAG_RE.search(text) is not None


def clean_inline(text: str) -> str:
    """Drop inline tags, decode entities and collapse white space."""
    text = html.unescape(_TAG_RE.sub("", text))
    return _SPACES_RE.sub(" ", text.replace("\xa0", " ")).strip()


def fragment_lines(markup: str) -> list[str]:
    """``<p>a</p> <ul><li>b</li></ul>`` → ``["a", "- b"]``."""
    return Fragments().lines(markup)[0]


class Fragments:
    """Reads the fragments of consecutive table rows, keeping what a page break cut: an open
    numbered list goes on counting, an open paragraph goes on in the next row."""

    def __init__(self) -> None:
        self.lists: list[list] = []  # stack of [kind, counter]
        self.open = False  # the last row ended inside a paragraph or item, after some text

    def lines(self, markup: str) -> tuple[list[str], bool]:
        """The lines of one row, and whether the first continues the previous row's last."""
        lines: list[str] = []
        current: list[str] = []
        state = {"prefix": "", "open": False, "item": False}
        continues = self.open and not _BLOCK_RE.match(markup.lstrip())
        self.open = False

        def flush() -> None:
            text = clean_inline("".join(current))
            current.clear()
            if text and self.lists and not state["item"]:
                lines.extend(inline_items(text, self.lists[-1][0]))
            elif text:
                prefix = state["prefix"]
                if prefix and not _HAS_MARK_RE.match(text):
                    text = prefix + text
                lines.append(text)
            state["prefix"] = ""

        position = 0
        for match in _BLOCK_RE.finditer(markup):
            current.append(markup[position : match.start()])
            position = match.end()
            closing, name = match.group(1), match.group(2).lower()
            flush()
            state["open"] = not closing and name in ("p", "li", "div", "td")
            if name in ("ul", "ol", "li"):
                state["item"] = name == "li" and not closing
            if name in ("ul", "ol"):
                if closing:
                    if self.lists:
                        self.lists.pop()
                else:
                    self.lists.append([name, 0])
            elif name == "li" and not closing:
                if self.lists:
                    self.lists[-1][1] += 1
                    kind, number = self.lists[-1]
                    state["prefix"] = f"{number}. " if kind == "ol" else "- "
                else:
                    state["prefix"] = "- "
        tail = markup[position:]
        current.append(tail)
        flush()
        self.open = bool(state["open"] and clean_inline(tail))
        return lines, continues and bool(lines)


def inline_items(text: str, kind: str) -> list[str]:
    """``1. a 2. b 3. c`` → ``["1. a", "2. b", "3. c"]``: numbers that count up one by one,
    the first at the start or a 1; in a bulleted list, bullets when the text starts with one."""
    cuts: list[tuple[int, int, str]] = []  # where an item starts, its text starts, its mark
    if kind == "ol":
        expected = None
        for match in _INLINE_NUMBER_RE.finditer(text):
            number = int(match.group(1))
            if (expected is None and (match.start() == 0 or number == 1)) or number == expected:
                cuts.append((match.start(), match.end(), f"{match.group(1)}. "))
                expected = number + 1
    elif _INLINE_BULLET_RE.match(text):
        cuts = [(m.start(), m.end(), "- ") for m in _INLINE_BULLET_RE.finditer(text)]
    if not cuts:
        return [text]
    items = [text[: cuts[0][0]].strip()]
    ends = [cut[0] for cut in cuts[1:]] + [len(text)]
    for (_start, begin, mark), end in zip(cuts, ends, strict=True):
        items.append(mark + text[begin:end].strip())
    return [item for item in items if item.strip()]
