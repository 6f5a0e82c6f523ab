"""Write the site's Markdown sources: the hand-written pages from docs/ plus a page for every
record, into a build folder that mkdocs reads."""

from __future__ import annotations

import shutil
from pathlib import Path

from toolkit.publishing.dataset import Dataset
from toolkit.publishing.exporters.files import write_text
from toolkit.publishing.site.context import Site
from toolkit.publishing.site.pages import (
    changes,
    commitments,
    downloads,
    home,
    meetings,
    organizations,
    people,
    problem_codes,
    schema_reference,
    scorecard,
    sources,
    timeline,
    topics,
)
from toolkit.publishing.site.pages.common import Generated

PAGE_FAMILIES = [
    home,
    meetings,
    commitments,
    scorecard,
    changes,
    people,
    organizations,
    topics,
    sources,
    timeline,
    schema_reference,
    problem_codes,
]
"""Page generators that need only the records; downloads also needs the built datasets."""


def generate_pages(dataset: Dataset, dist: Path) -> list[Generated]:
    """Every generated page as (path, content), in a stable order."""
    site = Site(dataset)
    generated = [page for family in PAGE_FAMILIES for page in family.pages(site)]
    return [*generated, *downloads.pages(site, dist)]


def write_sources(dataset: Dataset, docs: Path, dist: Path, target: Path) -> None:
    """Fill ``target`` with the hand-written ``docs``, the generated pages and the dataset files."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(docs, target)
    for path, content in generate_pages(dataset, dist):
        write_text(target / path, content)
    # Markdown files (CHANGES.md) would become pages: they are copied after the build instead.
    shutil.copytree(dist, target / downloads.DATA_FOLDER, ignore=shutil.ignore_patterns("*.md"))


def copy_raw_downloads(dist: Path, site_dir: Path) -> None:
    """Put the dataset's Markdown files into the built site as they are, for download."""
    for path in sorted(dist.glob("*.md")):
        shutil.copy2(path, site_dir / downloads.DATA_FOLDER / path.name)
