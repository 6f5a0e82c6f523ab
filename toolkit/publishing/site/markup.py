"""Turn contributor text into safe page content: escaped everywhere, links only to http(s).

Records come from strangers' pull requests, so every value is treated as text, never markup.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from toolkit.foundation.characters import one_line, scrub
from toolkit.foundation.urls import url_refusal
from toolkit.models.enums import DocumentedEnum
from toolkit.publishing.site.i18n import SOURCE_LANGUAGE, current_language


def text(value: object) -> str:
    """Any value as HTML text: ``<``, ``>``, ``&`` and quotes escaped, and any character HTML
    or Python-Markdown would read as more than text (controls, separators) replaced."""
    return html.escape(scrub(str(value)), quote=True)


_CODE_SPAN = re.compile(r"(`+)([^`\n]+?)\1(?!`)")


def documentation(value: object) -> str:
    """The project's own documentation (field descriptions, problem-code help) as HTML: text
    escaped like any other, then the one piece of Markdown it uses, `code`, rendered. Never for
    record text, which is shown exactly as written."""
    return _CODE_SPAN.sub(r"<code>\2</code>", text(value))


def line(value: object) -> str:
    """A value as HTML text on one line (a heading, a title): line breaks become spaces."""
    return html.escape(one_line(str(value)), quote=True)


def is_web_url(url: str) -> bool:
    """Whether a URL is an http(s) address the validator accepts, the only kind the site links
    to: read as browsers read it, its text shows exactly where it leads."""
    return url_refusal(url) is None


def external_link(url: str, label: object | None = None) -> str:
    """A link to another site, or the plain escaped text when the URL is not http(s)."""
    shown = text(url if label is None else label)
    if not is_web_url(url):
        return shown
    return f'<a href="{text(url)}" rel="noopener noreferrer nofollow">{shown}</a>'


def internal_link(href: str, label: object) -> str:
    """A link to another page of the site (``href`` is built by the generator, not from data);
    its label is record text, marked with its language (``prose``)."""
    return f'<a href="{text(href)}">{prose(label)}</a>'


def in_own_language(value: object, language: str) -> str:
    """Words printed in ``language`` (a source's title, a quote from it) as HTML text, marked
    with their language where it is not the page's, so screen readers read them right."""
    escaped = text(value)
    if language == current_language():
        return escaped
    return f'<span lang="{text(language)}">{escaped}</span>'


class FrenchText(str):
    """A record's French version of one of its fields, with its status (``official`` or
    ``translation``): what the French site shows in place of the English."""

    status: str

    def __new__(cls, value: str, status: str) -> FrenchText:
        made = super().__new__(cls, value)
        made.status = status
        return made


class EnglishText(str):
    """A field in the record's own words that has no version in the page's language yet."""


UNOFFICIAL = "traduction non officielle"
"""How a translation made for the record, not by a government, is marked on a French page."""


def prose(value: object, *, one_line: bool = False) -> str:
    """Record text shown as page content (never inside an attribute), marked with its language:
    on a French page, a field with no French version is English (``lang="en"``, so screen
    readers read it as English), and a translation made for the record says so. ``one_line``
    for a heading or title (``line``)."""
    escaped = line(value) if one_line else text(value)
    if current_language() == SOURCE_LANGUAGE:
        return escaped
    if isinstance(value, FrenchText):
        if value.status == "official":
            return escaped
        return (
            f'{escaped}<span class="unofficial" title="{UNOFFICIAL}">'
            f'<span aria-hidden="true"> (trad.)</span>'
            f'<span class="md-visually-hidden"> ({UNOFFICIAL})</span></span>'
        )
    if isinstance(value, EnglishText):
        return f'<span lang="{SOURCE_LANGUAGE}">{escaped}</span>'
    return escaped


def json_ld(document: dict[str, Any]) -> str:
    """A JSON-LD script element whose content cannot close the element or open another."""
    # All ASCII: no character of the data appears raw inside the script element.
    encoded = json.dumps(document, ensure_ascii=True, indent=1, sort_keys=True)
    encoded = encoded.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">\n{encoded}\n</script>'


def paragraphs(value: str, citations: str = "") -> str:
    """Free text as HTML paragraphs, split on blank lines; ``citations`` (already-safe markup)
    close the last paragraph, so the markers sit right after the words they support."""
    parts = [text(part.strip()) for part in re.split(r"\n\s*\n", value) if part.strip()]
    parts[-1:] = [f"{parts[-1]}{citations}"] if parts else []
    return "\n".join(f"<p>{part}</p>" for part in parts)


def label(member: DocumentedEnum) -> str:
    """A value from a closed list as words in the page's language; on an English page, its
    documented meaning on hover (the meanings are documented in English)."""
    language = current_language()
    words = text(member.labels.get(language, member.label))
    if language != SOURCE_LANGUAGE:
        return f"<span>{words}</span>"
    return f'<span title="{text(member.meaning)}">{words}</span>'
