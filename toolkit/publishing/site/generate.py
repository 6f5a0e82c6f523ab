"""Write the site's Markdown sources: the hand-written pages from docs/ plus a page for every
record, into a build folder that mkdocs reads."""

from __future__ import annotations

import shutil
from pathlib import Path

from toolkit.foundation.reserved import FEED_COLLECTIONS
from toolkit.models import COLLECTIONS
from toolkit.publishing.dataset import Dataset
from toolkit.publishing.files import write_text
from toolkit.publishing.site.alternates import with_json_alternate
from toolkit.publishing.site.context import Site
from toolkit.publishing.site.feeds import feeds, with_feed_link
from toolkit.publishing.site.i18n import LANGUAGES, SOURCE_LANGUAGE, current_language
from toolkit.publishing.site.pages import (
    changes,
    commitments,
    downloads,
    generic,
    home,
    meetings,
    organizations,
    people,
    problem_codes,
    schema_reference,
    scorecard,
    search,
    sources,
    timeline,
    topics,
)
from toolkit.publishing.site.pages.common import Generated

RECORD_PAGES = {
    "meetings": meetings,
    "commitments": commitments,
    "people": people,
    "organizations": organizations,
    "topics": topics,
    "sources": sources,
}
"""Collections with a page family of their own; any other collection with pages gets the generic
family, so every collection the models declare is on the site."""

SITE_PAGES = [home, scorecard, changes, timeline, schema_reference, problem_codes, search]
"""Pages about the whole dataset rather than one collection."""


def collection_families(site: Site) -> list[Generated]:
    """The pages of every collection whose records have pages, in the models' order."""
    generated: list[Generated] = []
    for name, model in COLLECTIONS.items():
        if not model.has_pages():
            continue
        family = RECORD_PAGES.get(name)
        made = family.pages(site) if family is not None else generic.pages(site, name)
        ids = {record.id for record in site.of(model)}
        for path, content in made:
            record_id = path.removeprefix(f"{name}/").removesuffix(".md")
            if path.startswith(f"{name}/") and record_id in ids:
                content = with_json_alternate(site, name, record_id, content)
                if name in FEED_COLLECTIONS:
                    content = with_feed_link(site, name, record_id, content)
            generated.append((path, content))
    return generated


def generate_pages(dataset: Dataset, dist: Path) -> list[Generated]:
    """Every generated page of the current language as (path, content), in a stable order.
    The feeds are the English site's only (their entries are the change log's words)."""
    site = Site(dataset)
    generated = [page for family in SITE_PAGES for page in family.pages(site)]
    shared = feeds(site) if current_language() == SOURCE_LANGUAGE else []
    return [*generated, *collection_families(site), *shared, *downloads.pages(site, dist)]


THEME_OVERRIDES = "overrides"
"""The folder in docs/ with the theme's template overrides (mkdocs.yml's ``custom_dir``): part of
the theme, not pages, so it is not copied among them."""


def write_sources(dataset: Dataset, docs: Path, dist: Path, target: Path) -> None:
    """Fill ``target`` with the hand-written ``docs`` of the current language, the generated
    pages and, for the English site, the dataset files (the other languages link to them).

    The hand-written pages of another language are in ``docs/<language>/`` under the same
    names as the English ones."""
    if target.exists():
        shutil.rmtree(target)
    language = current_language()
    others = [code for code in LANGUAGES if code != SOURCE_LANGUAGE]
    shutil.copytree(docs, target, ignore=shutil.ignore_patterns(THEME_OVERRIDES, *others))
    if language != SOURCE_LANGUAGE and (docs / language).is_dir():
        shutil.copytree(docs / language, target, dirs_exist_ok=True)
    for path, content in generate_pages(dataset, dist):
        write_text(target / path, content)
    if language == SOURCE_LANGUAGE:
        # Markdown files (CHANGES.md) would become pages: they are copied after the build.
        shutil.copytree(dist, target / downloads.DATA_FOLDER, ignore=shutil.ignore_patterns("*.md"))


def copy_raw_downloads(dist: Path, site_dir: Path) -> None:
    """Put the dataset's Markdown files into the built site as they are, for download."""
    for path in sorted(dist.glob("*.md")):
        shutil.copy2(path, site_dir / downloads.DATA_FOLDER / path.name)
