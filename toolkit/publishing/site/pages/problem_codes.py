"""The problem codes page: every code `toolkit validate` can report, an example and the fix."""

from __future__ import annotations

from toolkit.foundation.codes import CODES
from toolkit.publishing.site.context import Site
from toolkit.publishing.site.i18n import SOURCE_LANGUAGE, _, current_language
from toolkit.publishing.site.markup import documentation, text
from toolkit.publishing.site.pages.common import REFERENCE_BOOST, Generated, markdown_page
from toolkit.publishing.site.pages.schema_reference import in_english


def pages(site: Site) -> list[Generated]:
    """One section per code, anchored by the code so messages can link to it."""
    example = _("Example:")
    sections = [
        f'<h2 id="{text(entry.code.lower())}"><code>{text(entry.code)}</code></h2>\n'
        f"<p>{in_english(documentation(entry.summary))}</p>\n"
        f"<p>{example}</p>\n<pre><code>{in_english(text(entry.example))}</code></pre>\n"
        "<p>" + _("Fix: {fix}").format(fix=in_english(documentation(entry.fix))) + "</p>"
        for entry in CODES.values()
    ]
    reports = _("{validate} reports each problem as {shape}, with a hint.").format(
        validate="<code>toolkit validate</code>",
        shape="<code>file:line:column: error[CODE] field: message</code>",
    )
    kinds = _(
        "Codes starting with {errors} are errors and fail validation; "
        "{warnings} codes are warnings."
    ).format(errors="<code>E-</code>", warnings="<code>W-</code>")
    listed = _("The same list is printed by {command}.").format(
        command="<code>toolkit codes</code>"
    )
    english = (
        " " + _("The explanations of the codes are given in English.")
        if current_language() != SOURCE_LANGUAGE
        else ""
    )
    intro = f"<p>{reports} {kinds} {listed}{english}</p>"
    return [
        (
            "codes.md",
            markdown_page(
                _("Problem codes"),
                intro + "\n" + "\n".join(sections),
                search_boost=REFERENCE_BOOST,
            ),
        )
    ]
