"""Sanitised rich text as a small JSON structure the Typst template lays out.

The project and report texts are stored as sanitised HTML (p, br, ul, ol, li, strong/b,
em/i, u). The printed form never sees tags: each block becomes
``{"p": [run, …]}`` or ``{"ul"|"ol": [[block, …], …]}`` and each run is
``{"t": text, "b": bold, "i": italic}`` or ``{"br": true}``.
"""

from html.parser import HTMLParser

BOLD = {"strong", "b"}
ITALIC = {"em", "i"}
LISTS = {"ul", "ol"}


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root: list[dict] = []
        # the stack of block lists text is appended to: the root, then list items
        self.containers: list[list[dict]] = [self.root]
        self.lists: list[dict] = []
        self.paragraph: list[dict] | None = None
        self.bold = 0
        self.italic = 0

    def _runs(self) -> list[dict]:
        if self.paragraph is None:
            self.paragraph = []
            self.containers[-1].append({"p": self.paragraph})
        return self.paragraph

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "p":
            self.paragraph = None
            self._runs()
        elif tag == "br":
            self._runs().append({"br": True})
        elif tag in BOLD:
            self.bold += 1
        elif tag in ITALIC:
            self.italic += 1
        elif tag in LISTS:
            block = {tag: []}
            self.containers[-1].append(block)
            self.lists.append(block)
            self.paragraph = None
        elif tag == "li":
            if not self.lists:  # a stray item: treat it as a bulleted list of one
                self.handle_starttag("ul", [])
            items = next(iter(self.lists[-1].values()))
            item: list[dict] = []
            items.append(item)
            self.containers.append(item)
            self.paragraph = None

    def handle_endtag(self, tag: str) -> None:
        if tag == "p":
            self.paragraph = None
        elif tag in BOLD:
            self.bold = max(0, self.bold - 1)
        elif tag in ITALIC:
            self.italic = max(0, self.italic - 1)
        elif tag == "li" and len(self.containers) > 1:
            self.containers.pop()
            self.paragraph = None
        elif tag in LISTS and self.lists:
            while len(self.containers) > 1 and self.containers[-1] in next(
                iter(self.lists[-1].values())
            ):
                self.containers.pop()
            self.lists.pop()
            self.paragraph = None

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if not text:
            if data and self.paragraph:  # a space between two inline elements
                self.paragraph.append({"t": " ", "b": False, "i": False})
            return
        if data[:1].isspace() and self.paragraph:
            text = " " + text
        if data[-1:].isspace():
            text += " "
        self._runs().append({"t": text, "b": self.bold > 0, "i": self.italic > 0})


def _trim(blocks: list[dict]) -> list[dict]:
    """Drop empty paragraphs and the spaces at the ends of each paragraph."""
    kept = []
    for block in blocks:
        if "p" in block:
            runs = [run for run in block["p"] if run.get("br") or run["t"]]
            while runs and not runs[0].get("br") and not runs[0]["t"].strip():
                runs.pop(0)
            while runs and (runs[-1].get("br") or not runs[-1]["t"].strip()):
                runs.pop()
            if runs:
                if "t" in runs[0]:
                    runs[0] = {**runs[0], "t": runs[0]["t"].lstrip()}
                if "t" in runs[-1]:
                    runs[-1] = {**runs[-1], "t": runs[-1]["t"].rstrip()}
                kept.append({"p": runs})
        else:
            ((kind, items),) = block.items()
            items = [_trim(item) for item in items]
            items = [item for item in items if item]
            if items:
                kept.append({kind: items})
    return kept


def to_blocks(markup: str) -> list[dict]:
    builder = _Builder()
    builder.feed(markup or "")
    builder.close()
    return _trim(builder.root)


def blocks_text(blocks: list[dict]) -> str:
    """The plain text of the blocks, one paragraph or list item a line (for tests and search)."""
    lines: list[str] = []
    for block in blocks:
        if "p" in block:
            lines.append("".join("\n" if run.get("br") else run["t"] for run in block["p"]))
        else:
            ((_kind, items),) = block.items()
            for item in items:
                lines.append(blocks_text(item))
    return "\n".join(lines)
