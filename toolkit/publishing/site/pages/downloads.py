"""The downloads page: every dataset file with its format, size, checksum and how to open it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from toolkit.foundation.reserved import SITE_DATA_FOLDER
from toolkit.publishing.exporters import format_of
from toolkit.publishing.exporters.publication_files import releases
from toolkit.publishing.site.context import Page, Site
from toolkit.publishing.site.markup import json_ld, text
from toolkit.publishing.site.pages.common import Generated, index_table, markdown_page

DATA_FOLDER = SITE_DATA_FOLDER
"""Where the dataset files are published inside the site."""

EXAMPLES = [
    ("pandas", 'pd.read_csv("data/csv/commitments.csv")  # with current_status'),
    ("pandas (JSON Lines)", 'pd.read_json("data/events.jsonl", lines=True, dtype=False)'),
    (
        "DuckDB",
        "SELECT current_status, count(*) FROM 'data/csv/commitments.csv' GROUP BY current_status",
    ),
    (
        "sqlite3",
        "sqlite3 data/dataset.sqlite \"SELECT id FROM search WHERE search MATCH 'fentanyl'\"",
    ),
    ("Datasette", "datasette data/dataset.sqlite --metadata data/datasette-metadata.json"),
    ("sqlite-utils", "sqlite-utils search data/dataset.sqlite commitments officer"),
    ("Frictionless", "frictionless validate data/datapackage.json"),
    ("Checksums", "cd data && sha256sum -c SHA256SUMS"),
]


def _download_href(page: Page, name: str) -> str:
    """Where a file downloads from. Markdown files are copied in after the site is built (they
    would otherwise become pages), so a site generator checking links cannot see them: they are
    linked at the site's absolute address, when it has one."""
    path = f"{DATA_FOLDER}/{name}"
    if name.endswith(".md") and page.site.site_url:
        return page.site.site_url + path
    return page.href(path)


def pages(site: Site, dist: Path) -> list[Generated]:
    """The downloads page, listing the files of the built datasets in ``dist``."""
    page = Page(site, "downloads/")
    sums: dict[str, str] = {}
    for line in (dist / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split("  ", 1)
        sums[name] = digest
    rows = []
    parts: dict[str, list[str]] = {folder: [] for folder in CATALOGUE_FOLDERS}
    for name in sorted(sums):
        folder = next((f for f in CATALOGUE_FOLDERS if name.startswith(f)), None)
        if folder is not None:  # one row per folder of parts, not one per record
            parts[folder].append(name)
            continue
        size = (dist / name).stat().st_size
        output = format_of(name)
        fmt = output.title if output else ""
        link = f'<a href="{text(_download_href(page, name))}">{text(name)}</a>'
        rows.append([link, text(fmt), f"{size:,} bytes", f"<code>{text(sums[name])}</code>"])
    for folder, names in parts.items():
        if not names:
            continue
        output = format_of(names[0])
        size = sum((dist / name).stat().st_size for name in names)
        rows.append(
            [
                f"<code>{text(folder)}</code> ({len(names):,} files)",
                text(output.title if output else ""),
                f"{size:,} bytes in all",
                "each in <code>SHA256SUMS</code> and <code>index.json</code>",
            ]
        )
    examples = "\n".join(
        f"<dt>{text(tool)}</dt>\n<dd><code>{text(code)}</code></dd>" for tool, code in EXAMPLES
    )
    info = site.dataset.info
    body = (
        f"<p>Version {text(info.version)} of the dataset, under {text(info.licence.title)}. "
        "Every file is listed with its SHA-256 checksum. A program can poll "
        f'<a href="{text(page.href(f"{DATA_FOLDER}/index.json"))}">index.json</a> '
        "for the version and every file's checksum.</p>\n"
        + index_table(["File", "Format", "Size", "SHA-256"], rows)
        + _releases_section(page)
        + f'\n<h2 id="examples">Opening the files</h2>\n<dl>\n{examples}\n</dl>\n'
        + json_ld(dataset_json_ld(page, sorted(sums)))
    )
    return [("downloads.md", markdown_page("Downloads", body))]


def _releases_section(page: Page) -> str:
    """Every release, newest first: its date, what changed, its changes as data and its
    archive (with size and checksum), as ``releases.json`` lists them."""
    rows = []
    for release in releases(page.site.dataset):
        counts = release["counts"]
        changed = (
            f"{counts['added']} added, {counts['removed']} removed, {counts['changed']} changed"
        )
        summary = f"{text(release['summary'])}<br>" if release.get("summary") else ""
        changes = page.href(f"{DATA_FOLDER}/{release['changes']}")
        archive = release.get("archive")
        if archive:
            download = (
                f'<a href="{text(archive["url"])}">{text(archive["name"])}</a><br>'
                f"{archive['size']:,} bytes<br><code>{text(archive['sha256'])}</code>"
            )
        else:
            download = "no archive published"
        rows.append(
            [
                text(release["version"]),
                text(release["date"]),
                f'{summary}{text(changed)} (<a href="{text(changes)}">as JSON</a>)',
                download,
            ]
        )
    every = site_releases_note(page)
    return (
        '\n<h2 id="releases">Every release</h2>\n'
        "<p>Each release is kept as an archive of all its files, with its checksum; a later "
        f"build never changes an earlier one.{every}</p>\n"
        + index_table(["Version", "Date", "Changes", "Archive (size, SHA-256)"], rows)
    )


def site_releases_note(page: Page) -> str:
    """Where every release is listed in the repository, when the build was told."""
    repository = page.site.dataset.publication.releases_page
    if not repository:
        return ""
    return f' The repository lists them all at <a href="{text(repository)}">{text(repository)}</a>.'


CATALOGUE_FOLDERS = ("records/", "changes/", "schema/", "calendar/")
"""Files under these folders are parts of a whole (one record, one release's changes, one
schema, one calendar): the catalogue entry names the whole files, not every part."""


def dataset_json_ld(page: Page, files: list[str]) -> dict[str, Any]:
    """The schema.org ``Dataset`` description search engines read (Google Dataset Search):
    what it is, its version and licence, who makes it, the years it covers, and a
    ``DataDownload`` for each whole file."""
    dataset = page.site.dataset
    info = dataset.info
    base = page.site.site_url

    def address(path: str) -> str:
        return base + path if base else page.href(path)

    dates = sorted(
        str(getattr(record, "date", ""))
        for collection in ("meetings", "events")
        for record in dataset.records[collection]
    )
    end = info.coverage.through if info.coverage else (dates[-1] if dates else "")
    document: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": info.title,
        "description": info.description,
        "version": info.version,
        "license": info.licence.url,
        "isAccessibleForFree": True,
        "keywords": list(info.keywords),
        "creator": [
            {"@type": "Organization", "name": m.name} | ({"url": m.url} if m.url else {})
            for m in info.maintainers
        ],
        "dateModified": dataset.last_updated,
        "url": address("downloads/"),
        "distribution": [
            {
                "@type": "DataDownload",
                "name": name,
                "contentUrl": address(f"{DATA_FOLDER}/{name}"),
                "encodingFormat": output.media_type,
            }
            for name in files
            if not name.startswith(CATALOGUE_FOLDERS) and (output := format_of(name)) is not None
        ],
    }
    if dates and end:
        document["temporalCoverage"] = f"{dates[0]}/{end}"  # ISO 8601 interval, as precise as known
    if info.doi:
        document["identifier"] = f"https://doi.org/{info.doi}"
    return document
