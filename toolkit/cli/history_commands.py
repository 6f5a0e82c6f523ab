"""The commands on versions of the data: diff, release and archive."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from toolkit.cli.common import app, is_day, usage_error
from toolkit.foundation.problems import count
from toolkit.history.diff_report import DIFF_RENDERERS
from toolkit.history.releases import Level, ReleaseError, make_release
from toolkit.reading.snapshots import SnapshotError, revision_range

DiffFormat = StrEnum("DiffFormat", {name.upper(): name for name in DIFF_RENDERERS})  # type: ignore[misc]
"""How ``toolkit diff`` prints the change log: one choice per renderer."""
TEXT_DIFF = DiffFormat("text")


@app.command("diff")
def diff_command(
    old: Annotated[
        str,
        typer.Argument(
            help="A git revision, a data folder or a dist folder; or BASE...HEAD, which compares "
            "HEAD with the commit where it branched from BASE (as a pull request's diff does)."
        ),
    ],
    new: Annotated[
        str, typer.Argument(help="The same kinds; default: the data folder as it is now.")
    ] = "",
    data: Annotated[
        Path, typer.Option(help="The data folder; git revisions are read from its repository.")
    ] = Path("data"),
    output: Annotated[DiffFormat, typer.Option("--format", help="Change log format.")] = TEXT_DIFF,
    check_releases: Annotated[
        bool,
        typer.Option(
            "--check-releases",
            help="Exit 1 when a release the newer version adds is not the one `toolkit release` "
            "would write (for a pull request: one change, at most one release).",
        ),
    ] = False,
) -> None:
    """Compare two versions of the data: records added, removed and changed, field by field,
    and the dataset's own files (dataset.yaml, changelog.yaml)."""
    try:
        from toolkit.history.release_check import compared as compare_versions

        compared = revision_range(old, data)
        if compared and new:
            usage_error(f"'{old}' names both sides already; leave out '{new}'")
        old, new = compared or (old, new)
        diff = compare_versions(old, new or str(data), data, check_releases=check_releases)
    except SnapshotError as error:
        usage_error(str(error))
    typer.echo(DIFF_RENDERERS[output](diff), nl=False)
    if diff.release_problems:
        raise typer.Exit(1)


@app.command("release")
def release_command(
    level: Annotated[Level, typer.Argument(help="Which part of the version to bump.")],
    data: Annotated[Path, typer.Option(help="The data folder.")] = Path("data"),
    since: Annotated[
        str | None,
        typer.Option(
            help="The previous release: a git revision, data folder or dist folder "
            "(default: the last commit that changed data/changelog.yaml)."
        ),
    ] = None,
    date: Annotated[
        str | None, typer.Option(help="The release date, YYYY-MM-DD (default: today).")
    ] = None,
    summary: Annotated[
        str | None, typer.Option(help="A sentence on what the release is about.")
    ] = None,
) -> None:
    """Bump the dataset's version and record in changelog.yaml what changed since the last
    release."""
    day = date or dt.date.today().isoformat()
    if not is_day(day):
        usage_error(f"--date needs a date as YYYY-MM-DD, not '{day}'")
    from toolkit.publishing.deposit import REPOSITORY_ZENODO, released_zenodo
    from toolkit.publishing.exporters.citation import REPOSITORY_CITATION, released_citation

    citation = data.parent / REPOSITORY_CITATION
    zenodo = data.parent / REPOSITORY_ZENODO
    try:
        release = make_release(  # the three files are written together, or none is
            data,
            level,
            day,
            since=since,
            summary=summary,
            companions=lambda info, log: {
                citation: released_citation(info, log),
                zenodo: released_zenodo(info, log),
            },
        )
    except ReleaseError as error:
        usage_error(str(error))
    typer.echo(
        f"released {release.version} ({count(len(release.changes), 'record')} changed); "
        f"commit data/dataset.yaml, data/changelog.yaml, {citation.name} and {zenodo.name} "
        "together; a tag v" + release.version + " then publishes its archive"
    )


@app.command("archive")
def archive_command(
    dist: Annotated[Path, typer.Option(help="The built datasets of the release.")] = Path("dist"),
    out: Annotated[Path, typer.Option(help="Where to write the archive.")] = Path("release"),
) -> None:
    """Pack the built datasets of the current release into one reproducible zip, with its
    .sha256 file and the release notes (its entry of CHANGES.md)."""
    from toolkit.history.archives import ArchiveError, archive_release

    try:
        archive = archive_release(dist, out)
    except (ArchiveError, OSError) as error:
        usage_error(str(error))
    typer.echo(f"{archive.path}  {archive.size} bytes  sha256 {archive.sha256}")
