"""Organisation pages: names, parent body, members and their meetings."""

from __future__ import annotations

from toolkit.models import Organization, Person, page_path
from toolkit.models.people import PositionStatus
from toolkit.publishing.site.context import Page, Site
from toolkit.publishing.site.i18n import _, country
from toolkit.publishing.site.markup import label, text
from toolkit.publishing.site.pages.common import (
    RECORD_BOOST,
    Generated,
    facts,
    index_table,
    markdown_page,
    record_footer,
)


def pages(site: Site) -> list[Generated]:
    """One page per organisation, and the section index."""
    organizations = site.of(Organization)
    generated = [(f"organizations/{o.id}.md", organization_page(site, o)) for o in organizations]
    page = Page(site, "organizations/")
    rows = [
        [
            page.link("organizations", o.id),
            text(o.abbreviation or ""),
            text(country(o.country)),
            label(o.kind),
        ]
        for o in organizations
    ]
    table = index_table([_("Name"), _("Abbreviation"), _("Country"), _("Kind")], rows)
    return [*generated, ("organizations/index.md", markdown_page(_("Organisations"), table))]


def organization_page(site: Site, organization: Organization) -> str:
    """The page of one organisation, with the people who held posts in it."""
    page = Page(site, page_path("organizations", organization.id))
    members = sorted(
        {
            person.id
            for person in site.of(Person)
            for position in person.positions
            if position.organization == organization.id and position.status == PositionStatus.HELD
        }
    )
    parts_of = [o.id for o in site.of(Organization) if o.parent == organization.id]
    people = _("People")
    body = [
        facts(
            [
                (_("Abbreviation"), text(organization.abbreviation or "")),
                (_("Also called"), "; ".join(text(a) for a in organization.aliases)),
                (_("Country"), text(country(organization.country))),
                (_("Kind"), label(organization.kind)),
                (
                    _("Part of"),
                    page.link("organizations", organization.parent) if organization.parent else "",
                ),
                (_("Includes"), ", ".join(page.link("organizations", o) for o in parts_of)),
            ]
        ),
        f'<h2 id="people">{people}</h2>\n<ul>'
        + "".join(f"<li>{page.link('people', p)}</li>" for p in members)
        + "</ul>"
        if members
        else "",
        record_footer(page, organization),
    ]
    return markdown_page(
        organization.name, "\n".join(part for part in body if part), search_boost=RECORD_BOOST
    )
