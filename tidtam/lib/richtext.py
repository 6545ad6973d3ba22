"""Rich text as officers write it: paragraphs and lists survive, scripts and styles do not."""

import html
import re

import nh3

ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "strong", "b", "em", "i", "u"}
_TAG_RE = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)([^>]*)>")


def sanitize(markup: str) -> str:
    """Keep the allowed tags, drop every attribute, script and style element.

    Text without any tag becomes paragraphs, one per non-empty line, so that
    what a person typed keeps its line breaks.
    """
    markup = markup.replace("\r\n", "\n").strip()
    if not markup:
        return ""
    if not _TAG_RE.search(markup):
        lines = [line.strip() for line in markup.split("\n") if line.strip()]
        markup = "".join(f"<p>{html.escape(line, quote=False)}</p>" for line in lines)
    cleaned = nh3.clean(
        markup,
        tags=ALLOWED_TAGS,
        attributes={},
        clean_content_tags={"script", "style"},
        link_rel=None,
    )
    return cleaned.strip()


def to_plain_text(markup: str) -> str:
    """Paragraphs and list items as lines, for exports and search."""
    text = re.sub(r"</(p|li)>|<br\s*/?>", "\n", markup, flags=re.IGNORECASE)
    text = nh3.clean(text, tags=set())
    lines = [html.unescape(line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def disallowed_markup(markup: str) -> list[str]:
    """The tags and attributes that ``sanitize`` would remove, so a form can say so
    instead of silently dropping what a person typed."""
    found: list[str] = []
    for _closing, name, rest in _TAG_RE.findall(markup):
        name = name.lower()
        if name not in ALLOWED_TAGS:
            found.append(f"<{name}>")
        elif rest.strip().strip("/").strip():
            found.append(f"<{name} {rest.strip().strip('/').split('=')[0].strip()}=…>")
    return sorted(set(found))


_PARAGRAPHS_ONLY_RE = re.compile(r"^(<p>[^<]*</p>)+$")


def to_editable(markup: str) -> str:
    """What an edit box shows: plain lines when the text is only paragraphs, else the markup."""
    if _PARAGRAPHS_ONLY_RE.match(markup):
        return to_plain_text(markup)
    return markup
