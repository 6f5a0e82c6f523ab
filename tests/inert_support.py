"""Parsing outputs the way their readers do, to prove record text stays text in each."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from markdown_it import MarkdownIt

from toolkit.models.fields import ONE_LINE_PATTERN
from toolkit.reading.schema_export import resolve_ref

_COMMONMARK = MarkdownIt("commonmark", {"linkify": True}).enable(
    ["linkify", "table", "strikethrough"]
)
"""CommonMark with GitHub's extensions that turn text into markup (bare links, tables)."""

TEXT_ELEMENTS = {"p", "ul", "ol", "li", "h1", "h2", "h3", "h4", "strong", "em", "code", "br"}
"""Elements Markdown output of ours may hold; anything else came from the data."""


def render_markdown(markdown: str) -> str:
    """HTML as a CommonMark renderer with GitHub's autolinks makes it."""
    return _COMMONMARK.render(markdown)


class ElementCollector(HTMLParser):
    """Every start tag with its attributes, and the text, of an HTML document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse_html(html: str) -> ElementCollector:
    """The elements and text of an HTML fragment or page."""
    collector = ElementCollector()
    collector.feed(html)
    collector.close()
    return collector


def markup_elements(markdown: str) -> list[str]:
    """Tags in the rendered Markdown beyond plain text structure: links, images, raw HTML."""
    return [
        tag for tag, _ in parse_html(render_markdown(markdown)).elements if tag not in TEXT_ELEMENTS
    ]


def markdown_text_of(markdown: str) -> str:
    """The text a reader sees in the rendered Markdown, whitespace collapsed."""
    return squash("".join(parse_html(render_markdown(markdown)).text))


def squash(text: str) -> str:
    """Runs of whitespace as one space, for comparing text across outputs that reflow it."""
    return " ".join(text.split())


def _is_free_text(node: dict[str, Any]) -> bool:
    closed = {"enum", "x-references"} & set(node)
    return not closed and node.get("pattern") in (None, ONE_LINE_PATTERN)


def poison(value: Any, root: dict[str, Any], schema: dict[str, Any], text: str) -> Any:
    """``value`` with every free-text string replaced by ``text`` (on one line where the
    field is one line)."""
    node = resolve_ref(root, schema)
    if isinstance(value, dict):
        properties = node.get("properties", {})
        # `field` names a field of the record (checked by E-FIELD), so it is not free text.
        return {
            key: item if key == "field" else poison(item, root, properties.get(key, {}), text)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [poison(item, root, node.get("items", {}), text) for item in value]
    if not (isinstance(value, str) and _is_free_text(node)):
        return value
    return text.replace("\n", " ") if node.get("pattern") == ONE_LINE_PATTERN else text


def with_current_digests(data: Any) -> Any:
    """A record whose English was changed (poisoned), with each French version's
    ``translates`` set to the digest of the English it now stands beside, so the translation
    rule does not refuse it for the change (the French is poisoned too)."""
    from toolkit.models.translations import english_digest
    from toolkit.reading.translatable import pointer_path

    block = data.get("translations") if isinstance(data, dict) else None
    for entry in (block or {}).get("fr", []):
        value: Any = data
        for step in pointer_path(entry["field"]):
            value = value[step]
        entry["translates"] = english_digest(value)
    return data


def with_quoted_digests(text: str) -> str:
    """YAML text with each ``translates`` digest quoted: a digest such as ``1840344e2099`` is
    a number to YAML 1.2, which PyYAML (YAML 1.1) does not quote when it writes it."""
    return re.sub(r"^(\s*translates: )([0-9a-f]{12})$", r"\1'\2'", text, flags=re.MULTILINE)
