"""The downloads page: every dataset file with its format, size, checksum and how to open it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from babel.numbers import format_decimal

from toolkit.foundation.reserved import SITE_DATA_FOLDER
from toolkit.publishing.exporters import format_of
from toolkit.publishing.exporters.publication_files import releases
from toolkit.publishing.site.context import Page, Site
from toolkit.publishing.site.i18n import LOCALES, N_, _, current_language, n_, partial_date
from toolkit.publishing.site.markup import EnglishText, json_ld, prose, text
from toolkit.publishing.site.pages.changes import record_counts
from toolkit.publishing.site.pages.common import Generated, index_table, markdown_page

DATA_FOLDER = SITE_DATA_FOLDER
"""Where the dataset files are published inside the site."""

EXAMPLES = [  # the tools' names, and the commands, are the same in every language
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
    (N_("Checksums"), "cd data && sha256sum -c SHA256SUMS"),
]

FORMAT_TITLES = (
    N_("JSON, one file per record"),
    N_("JSON id crosswalk"),
    N_("Datasette metadata"),
    N_("Markdown change log"),
    N_("Changes as JSON"),
    N_("SHA-256 checksums"),
    N_("JSON index of files and releases"),
)
"""The formats' names that are words (``toolkit.publishing.exporters``), translated where
shown; the others are names (CSV, SQLite, Frictionless Data Package), the same everywhere."""


def _number(value: int) -> str:
    """A count or a size with its digits grouped as the page's language writes them:
    ``12,345`` in English, ``12 345`` in French."""
    return format_decimal(value, locale=LOCALES[current_language()])


def _bytes(size: int) -> str:
    """A file's size in bytes, such as ``12,345 bytes``. The English says "bytes" and "files"
    whatever the number, as it always has (the tests hold it); French agrees with it."""
    return n_("{size} bytes", "{size} bytes", size).format(size=_number(size))


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
        fmt = _(output.title) if output else ""
        link = f'<a href="{text(_download_href(page, name))}">{text(name)}</a>'
        rows.append([link, text(fmt), text(_bytes(size)), f"<code>{text(sums[name])}</code>"])
    for folder, names in parts.items():
        if not names:
            continue
        output = format_of(names[0])
        size = sum((dist / name).stat().st_size for name in names)
        files = n_("{count} files", "{count} files", len(names)).format(count=_number(len(names)))
        in_all = n_("{size} bytes in all", "{size} bytes in all", size).format(size=_number(size))
        each = _("each in {sums} and {index}").format(
            sums="<code>SHA256SUMS</code>", index="<code>index.json</code>"
        )
        rows.append(
            [
                f"<code>{text(folder)}</code> ({text(files)})",
                text(_(output.title) if output else ""),
                text(in_all),
                each,
            ]
        )
    examples = "\n".join(
        f"<dt>{text(_(tool))}</dt>\n<dd><code>{text(code)}</code></dd>" for tool, code in EXAMPLES
    )
    info = site.dataset.info
    index = f'<a href="{text(page.href(f"{DATA_FOLDER}/index.json"))}">index.json</a>'
    version = _("Version {version} of the dataset, under {licence}.").format(
        version=text(info.version), licence=prose(EnglishText(info.licence.title))
    )
    listed = _("Every file is listed with its SHA-256 checksum.")
    poll = _("A program can poll {index} for the version and every file's checksum.").format(
        index=index
    )
    opening = _("Opening the files")
    headers = [_("File"), _("Format"), _("Size"), "SHA-256"]
    body = (
        f"<p>{version} {text(listed)} {poll}</p>\n"
        + index_table(headers, rows)
        + _releases_section(page)
        + f'\n<h2 id="examples">{opening}</h2>\n<dl>\n{examples}\n</dl>\n'
        + json_ld(dataset_json_ld(page, sorted(sums)))
    )
    return [("downloads.md", markdown_page(_("Downloads"), body))]


def _releases_section(page: Page) -> str:
    """Every release, newest first: its date, what changed, its changes as data and its
    archive (with size and checksum), as ``releases.json`` lists them."""
    rows = []
    for release in releases(page.site.dataset):
        counts = release["counts"]
        changed = ", ".join(record_counts(counts["added"], counts["removed"], counts["changed"]))
        summary = (  # the change log is written in English
            f"{prose(EnglishText(release['summary']))}<br>" if release.get("summary") else ""
        )
        changes = page.href(f"{DATA_FOLDER}/{release['changes']}")
        as_json = _("as JSON")
        archive = release.get("archive")
        if archive:
            download = (
                f'<a href="{text(archive["url"])}">{text(archive["name"])}</a><br>'
                f"{text(_bytes(archive['size']))}<br><code>{text(archive['sha256'])}</code>"
            )
        else:
            download = text(_("no archive published"))
        date = text(release["date"])
        rows.append(
            [
                text(release["version"]),
                # ISO inside, for sorting (sort.js reads a <time>'s datetime)
                f'<span class="date"><time datetime="{date}">'
                f"{text(partial_date(release['date']))}</time></span>",
                f'{summary}{text(changed)} (<a href="{text(changes)}">{as_json}</a>)',
                download,
            ]
        )
    every = site_releases_note(page)
    heading = _("Every release")
    kept = _(
        "Each release is kept as an archive of all its files, with its checksum; a later "
        "build never changes an earlier one."
    )
    headers = [_("Version"), _("Date"), _("Changes"), _("Archive (size, SHA-256)")]
    return f'\n<h2 id="releases">{heading}</h2>\n<p>{text(kept)}{every}</p>\n' + index_table(
        headers, rows
    )


def site_releases_note(page: Page) -> str:
    """Where every release is listed in the repository, when the build was told."""
    repository = page.site.dataset.publication.releases_page
    if not repository:
        return ""
    link = f'<a href="{text(repository)}">{text(repository)}</a>'
    return " " + _("The repository lists them all at {link}.").format(link=link)


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
