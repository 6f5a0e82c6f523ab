"""Run mkdocs (Material theme) over the generated pages, strictly: any warning fails the build."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from toolkit.models import COLLECTIONS
from toolkit.publishing.dataset import Dataset
from toolkit.publishing.site.alternates import write_alternate_sitemaps
from toolkit.publishing.site.generate import copy_raw_downloads, write_sources
from toolkit.publishing.site.redirect_pages import write_redirect_pages


@dataclass(frozen=True)
class SiteSettings:
    """Where the site's configuration, hand-written pages and build folders are."""

    config: Path = Path("mkdocs.yml")
    docs: Path = Path("docs")
    work: Path = Path("build/docs")
    """Where the generated Markdown goes; mkdocs.yml's ``docs_dir`` points here."""
    out: Path = Path("site")


class SiteBuildError(Exception):
    """mkdocs reported warnings or errors; the messages are in the exception text."""


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def with_every_section(nav: list[Any] | None) -> list[Any] | None:
    """The configured navigation, plus a section for every collection with pages that it does
    not list yet (after the last section it does list), so a new collection is never left out
    of the menu."""
    if nav is None:
        return None  # mkdocs lists every page by itself
    listed = {path for entry in nav if isinstance(entry, dict) for path in entry.values()}
    sections = {
        f"{name}/index.md": model.title_plural
        for name, model in COLLECTIONS.items()
        if model.has_pages()
    }
    missing = [{title: path} for path, title in sections.items() if path not in listed]
    last = max(
        (
            n
            for n, entry in enumerate(nav)
            if isinstance(entry, dict) and set(entry.values()) & set(sections)
        ),
        default=len(nav) - 1,
    )
    return [*nav[: last + 1], *missing, *nav[last + 1 :]]


def site_address(settings: SiteSettings) -> str:
    """The site's address as mkdocs.yml sets it (``site_url``, which may come from the
    ``SITE_URL`` environment variable), ending in ``/``; ``""`` when it sets none."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    settings.work.mkdir(parents=True, exist_ok=True)  # the configuration checks it exists
    try:
        config = load_config(
            config_file=str(settings.config), docs_dir=str(settings.work.absolute())
        )
    except (MkDocsException, SystemExit, OSError) as error:
        raise SiteBuildError(f"mkdocs.yml cannot be read: {error}") from error
    url = str(config["site_url"] or "")
    return url if not url or url.endswith("/") else url + "/"


def build_site(dataset: Dataset, dist: Path, settings: SiteSettings, site_dir: Path) -> None:
    """Generate the pages, then build the site into ``site_dir`` with ``mkdocs build --strict``."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner, see README
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    write_sources(dataset, settings.docs, dist, settings.work)
    collector = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        config = load_config(
            config_file=str(settings.config),
            docs_dir=str(settings.work.absolute()),
            site_dir=str(site_dir.absolute()),
            strict=True,
        )
        config["nav"] = with_every_section(config["nav"])
        build(config)
        copy_raw_downloads(dist, site_dir)
        write_redirect_pages(dataset, site_dir)
        write_alternate_sitemaps(site_dir)
    except (MkDocsException, SystemExit, OSError) as error:
        details = "; ".join(collector.messages[-5:]) or str(error)
        raise SiteBuildError(f"mkdocs build failed: {details}") from error
    finally:
        logger.removeHandler(collector)
