"""Run mkdocs (Material theme) over the generated pages, strictly: any warning fails the build."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from toolkit.publishing.dataset import Dataset
from toolkit.publishing.site.alternates import write_alternate_sitemaps
from toolkit.publishing.site.configuration import (
    language_config,
    language_prefix,
    read_base,
    write_config,
)
from toolkit.publishing.site.generate import copy_raw_downloads, write_sources
from toolkit.publishing.site.i18n import LANGUAGES, speaking
from toolkit.publishing.site.redirect_pages import write_redirect_pages
from toolkit.publishing.site.search_index import SearchIndexError, build_search_index
from toolkit.publishing.site.sitemaps import write_language_sitemap


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


def language_work(settings: SiteSettings, language: str) -> Path:
    """Where one language's generated Markdown goes: ``build/docs``, ``build/docs-fr``."""
    prefix = language_prefix(language).rstrip("/")
    return settings.work.with_name(f"{settings.work.name}-{prefix}") if prefix else settings.work


def build_site(dataset: Dataset, dist: Path, settings: SiteSettings, site_dir: Path) -> None:
    """Generate the pages of every language, then build each language's site with
    ``mkdocs build --strict`` from its generated configuration: English into ``site_dir``, each
    other language into its folder there (``fr/``)."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner, see README
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    address = site_address(settings)
    base = read_base(settings.config)
    collector = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        for language in LANGUAGES:  # English first: its build empties site_dir
            with speaking(language):
                work = language_work(settings, language)
                write_sources(dataset, settings.docs, dist, work)
                out = site_dir / language_prefix(language)
                config = language_config(
                    base,
                    settings.config.parent,
                    language,
                    docs_dir=work,
                    site_dir=out,
                    address=address,
                )
                path = write_config(config, work.with_name(f"mkdocs.{language}.yml"))
                build(load_config(config_file=str(path), strict=True))
        copy_raw_downloads(dist, site_dir)
        write_redirect_pages(dataset, site_dir)
        write_language_sitemap(site_dir, address)
        write_alternate_sitemaps(site_dir)
        build_search_index(site_dir)
    except SearchIndexError as error:
        raise SiteBuildError(str(error)) from error
    except (MkDocsException, SystemExit, OSError) as error:
        details = "; ".join(collector.messages[-5:]) or str(error)
        raise SiteBuildError(f"mkdocs build failed: {details}") from error
    finally:
        logger.removeHandler(collector)
