"""The site's sitemap lists every page in every language, each with its twins.

mkdocs writes one sitemap per language's build. The one at the root is rewritten to list the
pages of all languages, each ``<url>`` naming the page in every language and the English one
as ``x-default`` (``xhtml:link``, as search engines read language versions), so one file tells
a crawler the whole site and which pages are translations of which.
"""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from xml.sax.saxutils import quoteattr

from toolkit.foundation.reserved import FEED_SITEMAP
from toolkit.publishing.site.configuration import language_address, language_prefix
from toolkit.publishing.site.i18n import LANGUAGES, SOURCE_LANGUAGE

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
SITEMAP = f"{FEED_SITEMAP}.xml"


def page_paths(sitemap: Path, address: str) -> list[str]:
    """The site paths (``commitments/x/``) a language's own sitemap lists, in its order."""
    if not sitemap.is_file():
        return []
    tree = ElementTree.parse(sitemap)  # written by mkdocs in this build: trusted
    paths = []
    for loc in tree.getroot().iter(f"{{{SITEMAP_NS}}}loc"):
        url = (loc.text or "").strip()
        if url.startswith(address):
            paths.append(url[len(address) :])
    return paths


def write_language_sitemap(site_dir: Path, address: str) -> None:
    """Rewrite the root ``sitemap.xml`` (and its ``.gz``) to list every language's pages with
    their alternates; a page missing in a language is listed without a twin there."""
    if not address:
        return
    paths = {
        code: page_paths(
            site_dir / language_prefix(code) / SITEMAP, language_address(address, code)
        )
        for code in LANGUAGES
    }
    present = {code: set(found) for code, found in paths.items()}
    entries = []
    for code in LANGUAGES:
        for path in paths[code]:
            twins = [other for other in LANGUAGES if path in present[other]]
            links = [
                f'<xhtml:link rel="alternate" hreflang="{other}" '
                f"href={quoteattr(language_address(address, other) + path)}/>"
                for other in twins
            ]
            if SOURCE_LANGUAGE in twins:
                links.append(
                    '<xhtml:link rel="alternate" hreflang="x-default" '
                    f"href={quoteattr(language_address(address, SOURCE_LANGUAGE) + path)}/>"
                )
            loc = language_address(address, code) + path
            entries.append(f"  <url><loc>{_escaped(loc)}</loc>" + "".join(links) + "</url>")
    text = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">\n'
        + "\n".join(entries)
        + "\n</urlset>\n"
    )
    (site_dir / SITEMAP).write_text(text, encoding="utf-8")
    with gzip.GzipFile(site_dir / f"{SITEMAP}.gz", "wb", mtime=0) as packed:
        packed.write(text.encode("utf-8"))


def _escaped(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
