"""Write the site's Markdown sources: the hand-written pages from docs/ plus a page for every
record, into a build folder that mkdocs reads."""

from __future__ import annotations

import shutil
from pathlib import Path

from toolkit.dataset import Dataset
from toolkit.exporters.files import write_text
from toolkit.site.context import Site
from toolkit.site.pages import (
    commitments,
    downloads,
    home,
    meetings,
    organizations,
    people,
    problem_codes,
    schema_reference,
    sources,
    timeline,
    topics,
)
from toolkit.site.pages.common import Generated

PAGE_FAMILIES = [
    home,
    meetings,
    commitments,
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
    shutil.copytree(dist, target / downloads.DATA_FOLDER)
