"""The problem codes page: every code `toolkit validate` can report, an example and the fix."""

from __future__ import annotations

from toolkit.foundation.codes import CODES
from toolkit.publishing.site.context import Site
from toolkit.publishing.site.markup import documentation, text
from toolkit.publishing.site.pages.common import REFERENCE_BOOST, Generated, markdown_page


def pages(site: Site) -> list[Generated]:
    """One section per code, anchored by the code so messages can link to it."""
    sections = [
        f'<h2 id="{text(entry.code.lower())}"><code>{text(entry.code)}</code></h2>\n'
        f"<p>{documentation(entry.summary)}</p>\n"
        f"<p>Example:</p>\n<pre><code>{text(entry.example)}</code></pre>\n"
        f"<p>Fix: {documentation(entry.fix)}</p>"
        for entry in CODES.values()
    ]
    intro = (
        "<p><code>toolkit validate</code> reports each problem as "
        "<code>file:line:column: error[CODE] field: message</code>, with a hint. Codes starting "
        "with <code>E-</code> are errors and fail validation; <code>W-</code> codes are "
        "warnings. The same list is printed by <code>toolkit codes</code>.</p>"
    )
    return [
        (
            "codes.md",
            markdown_page(
                "Problem codes", intro + "\n" + "\n".join(sections), search_boost=REFERENCE_BOOST
            ),
        )
    ]
