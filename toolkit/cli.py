"""The ``toolkit`` command: parses arguments, calls the library, prints, and sets the exit code.

Exit codes: 0 valid, 1 invalid data, 2 usage error.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from toolkit.authoring.source_outcomes import (
    DEFAULT_MAX_BYTES,
    DEFAULT_TIMEOUT,
    WAYBACK_ENDPOINT,
    MissingExtraError,
    Settings,
)
from toolkit.authoring.source_report import RENDERERS
from toolkit.checking.reporters import REPORTERS, render_text
from toolkit.checking.rules.commitments import STALE_AFTER_DAYS
from toolkit.checking.validate import UnknownPathError, validate
from toolkit.foundation.codes import CODES
from toolkit.foundation.dates import is_day_precise
from toolkit.foundation.problems import count
from toolkit.history.diff_report import DIFF_RENDERERS
from toolkit.history.releases import Level, ReleaseError, make_release
from toolkit.reading.discovery import display_name
from toolkit.reading.snapshots import SnapshotError, revision_range

# What only some commands need (the YAML round-tripper, the site and dataset writers, the
# source checker) is imported inside those commands: `toolkit validate`, which contributors run
# most, starts without them.

app = typer.Typer(
    help="Check and publish the India–Canada security dialogue records.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

EXIT_INVALID = 1
EXIT_USAGE = 2
DISTRIBUTION = "india-canada-security-dialogue"
"""The package's name on the index, whose installed version ``--version`` prints."""


def _print_version(wanted: bool) -> None:
    if wanted:
        from importlib.metadata import version as package_version

        typer.echo(f"toolkit {package_version(DISTRIBUTION)}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Check and publish the India–Canada security dialogue records."""


OutputFormat = StrEnum("OutputFormat", {name.upper(): name for name in REPORTERS})  # type: ignore[misc]
"""How ``validate`` prints its report: one choice per reporter."""
TEXT_REPORT = OutputFormat("text")


@app.command("validate")
def validate_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Record files or folders to report on (default: all of --data)."),
    ] = None,
    data: Annotated[Path, typer.Option(help="The data folder.")] = Path("data"),
    output: Annotated[OutputFormat, typer.Option("--format", help="Report format.")] = TEXT_REPORT,
    cache: Annotated[
        bool, typer.Option("--cache/--no-cache", help="Reuse results for unchanged files.")
    ] = True,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DATE",
            help="Also warn about commitments past their deadline with no assessment since, "
            "and about assessments older than --stale-after days (YYYY-MM-DD).",
        ),
    ] = None,
    stale_after: Annotated[
        int,
        typer.Option(
            "--stale-after",
            metavar="DAYS",
            min=1,
            help="With --as-of: how old a commitment's newest assessment may be.",
        ),
    ] = STALE_AFTER_DAYS,
) -> None:
    """Check records against the schema, the models and the cross-record rules."""
    if not data.is_dir():
        _usage_error(f"data folder not found: {data}")
    if as_of is not None and not _is_day(as_of):
        _usage_error(f"--as-of needs a date as YYYY-MM-DD, not '{as_of}'")
    try:
        report = validate(data, paths or (), use_cache=cache, as_of=as_of, stale_after=stale_after)
    except UnknownPathError as error:
        _usage_error(str(error))
    typer.echo(REPORTERS[output](report), nl=False)
    raise typer.Exit(0 if report.ok else EXIT_INVALID)


def _is_day(text: str) -> bool:
    try:
        return is_day_precise(text)
    except ValueError:
        return False


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
            _usage_error(f"'{old}' names both sides already; leave out '{new}'")
        old, new = compared or (old, new)
        diff = compare_versions(old, new or str(data), data, check_releases=check_releases)
    except SnapshotError as error:
        _usage_error(str(error))
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
            "(default: the last commit that changed the version in dataset.yaml)."
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
    if not _is_day(day):
        _usage_error(f"--date needs a date as YYYY-MM-DD, not '{day}'")
    from toolkit.publishing.exporters.citation import REPOSITORY_CITATION, released_citation

    citation = data.parent / REPOSITORY_CITATION
    try:
        release = make_release(  # the three files are written together, or none is
            data,
            level,
            day,
            since=since,
            summary=summary,
            companions=lambda info, log: {citation: released_citation(info, log)},
        )
    except ReleaseError as error:
        _usage_error(str(error))
    typer.echo(
        f"released {release.version} ({count(len(release.changes), 'record')} changed); "
        f"commit data/dataset.yaml, data/changelog.yaml and {citation.name} together"
    )


@app.command("build")
def build_command(
    data: Annotated[Path, typer.Option(help="The data folder.")] = Path("data"),
    out: Annotated[Path, typer.Option(help="Where to write the datasets.")] = Path("dist"),
    site: Annotated[
        bool, typer.Option("--site/--no-site", help="Also build the site (mkdocs.yml) into site/.")
    ] = True,
) -> None:
    """Validate the data and, only when it is valid, write the datasets and the site."""
    from toolkit.foundation.progress import build_progress
    from toolkit.publishing.build import BuildError, build, build_steps
    from toolkit.publishing.site.builder import SiteSettings

    if not data.is_dir():
        _usage_error(f"data folder not found: {data}")
    settings = SiteSettings() if site else None
    if settings is not None and not settings.config.is_file():
        _usage_error(f"{settings.config} not found: run from the project folder, or use --no-site")
    try:
        with build_progress(len(build_steps(site))) as progress:
            checked = build(data, out, progress, settings)
    except BuildError as error:
        typer.echo(f"error: {error}; {out} is unchanged", err=True)
        raise typer.Exit(EXIT_INVALID) from None
    if not checked.report.ok:
        typer.echo(render_text(checked.report), nl=False)
        typer.echo(f"error: the data is invalid; {out} is unchanged", err=True)
        raise typer.Exit(EXIT_INVALID)
    typer.echo(f"{checked.report.summary()}; wrote {out}/")


@app.command("serve")
def serve_command(
    data: Annotated[Path, typer.Option(help="The data folder.")] = Path("data"),
    out: Annotated[Path, typer.Option(help="Where to write the datasets.")] = Path("dist"),
    address: Annotated[str, typer.Option("--dev-addr", help="Address to serve on.")] = (
        "127.0.0.1:8000"
    ),
) -> None:
    """Preview the site with live reload; pages regenerate when data/ or docs/ change."""
    from toolkit.publishing.preview import serve
    from toolkit.publishing.site.builder import SiteSettings

    settings = SiteSettings()
    if not data.is_dir() or not settings.config.is_file():
        _usage_error(f"run from the project folder (needs {data}/ and {settings.config})")
    serve(data, out, settings, address, lambda message: typer.echo(message, err=True))


@app.command("new")
def new_command(
    collection: Annotated[str, typer.Argument(help="The collection, e.g. people or commitments.")],
    record_id: Annotated[str, typer.Argument(metavar="ID", help="The new record's id.")],
    data: Annotated[Path, typer.Option(help="The data folder.")] = Path("data"),
) -> None:
    """Create data/<collection>/<id>.yaml with every field, explained, ready to fill in."""
    from toolkit.authoring.scaffold import ScaffoldError, new_record

    try:
        path = new_record(data, collection, record_id)
    except ScaffoldError as error:
        _usage_error(str(error))
    typer.echo(
        f"wrote {display_name(path)}: fill it in, then run `toolkit fmt` and `toolkit validate`"
    )


@app.command("fmt")
def fmt_command(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Record files or folders (default: --data).")
    ] = None,
    data: Annotated[Path, typer.Option(help="The data folder.")] = Path("data"),
    check: Annotated[
        bool, typer.Option("--check", help="Change nothing; list the files that would change.")
    ] = False,
    diff: Annotated[
        bool, typer.Option("--diff", help="Also show each change as a unified diff.")
    ] = False,
) -> None:
    """Rewrite records into the canonical layout (key order, quoting, indentation)."""
    from toolkit.authoring.formatting import format_data

    if not data.is_dir():
        _usage_error(f"data folder not found: {data}")
    try:
        run = format_data(data, paths or (), check=check, diff=diff)
    except UnknownPathError as error:
        _usage_error(str(error))
    lines, summary = run.lines(check=check)
    for line in lines:
        typer.echo(line)
    typer.echo(summary, err=True)
    if run.unwritable:
        _usage_error(
            f"cannot write {count(len(run.unwritable), 'file')} (listed above); they are unchanged"
        )
    raise typer.Exit(EXIT_INVALID if run.failed or (check and run.changed) else 0)


@app.command("synth")
def synth_command(
    records: Annotated[int, typer.Option(min=7, help="How many records to generate.")],
    out: Annotated[Path, typer.Option(help="Folder to create; the data goes in OUT/data.")],
    seed: Annotated[int, typer.Option(help="Seed, for a different but repeatable dataset.")] = 0,
) -> None:
    """Generate a realistic synthetic data folder, for benchmarks and scale tests."""
    from toolkit.authoring.synth import synthesize

    if (out / "data").exists():
        _usage_error(f"{out / 'data'} already exists")
    data = synthesize(out, records, seed)
    typer.echo(f"wrote {records:,} records to {data}/")


@app.command("schema")
def schema_command(
    out: Annotated[Path, typer.Option(help="Folder to write the schemas into.")] = Path("schema"),
    check: Annotated[
        bool, typer.Option("--check", help="Only report schemas that differ from the models.")
    ] = False,
) -> None:
    """Write one JSON Schema per collection, exported from the models."""
    from toolkit.reading.schema_export import stale_schemas, write_schemas

    if check:
        stale = stale_schemas(out)
        for collection in stale:
            typer.echo(f"{out}/{collection}.schema.json is out of date; run `toolkit schema`")
        raise typer.Exit(EXIT_INVALID if stale else 0)
    for path in write_schemas(out):
        typer.echo(f"wrote {path}")


@app.command("codes")
def codes_command() -> None:
    """List every problem code with what it means and how to fix it."""
    for entry in CODES.values():
        typer.echo(
            f"{entry.code}: {entry.summary}\n    example: {entry.example!r}\n    fix: {entry.fix}"
        )


sources_app = typer.Typer(
    help="Check that the cited sources are still online (needs network access and the "
    "'sources' extra).",
    no_args_is_help=True,
)
app.add_typer(sources_app, name="sources")


class CheckFormat(StrEnum):
    """How ``toolkit sources check`` prints its report."""

    TEXT = "text"
    JSON = "json"


@sources_app.command("check")
def sources_check_command(
    targets: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="PATHS",
            help="Source ids, or source files or folders (default: every source in --data).",
        ),
    ] = None,
    data: Annotated[Path, typer.Option(help="The data folder.")] = Path("data"),
    archive: Annotated[
        bool,
        typer.Option(
            "--archive", help="Look up a Wayback Machine copy for sources without archive_url."
        ),
    ] = False,
    write: Annotated[
        bool,
        typer.Option(
            "--write",
            help="Set accessed on sources whose every passage was found, and archive_url where "
            "--archive found one (otherwise nothing is changed).",
        ),
    ] = False,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", metavar="DATE", help="The date --write records (default: today)."),
    ] = None,
    output: Annotated[
        CheckFormat, typer.Option("--format", help="Report format.")
    ] = CheckFormat.TEXT,
    timeout: Annotated[
        float, typer.Option(min=0.1, help="Seconds allowed for each whole fetch.")
    ] = DEFAULT_TIMEOUT,
    max_bytes: Annotated[
        int, typer.Option(min=1, help="Refuse a document larger than this many bytes.")
    ] = DEFAULT_MAX_BYTES,
    archive_endpoint: Annotated[
        str, typer.Option(help="The Wayback Machine availability API.")
    ] = WAYBACK_ENDPOINT,
) -> None:
    """Fetch each source's url and report whether it is reachable, moved, gone or failing,
    and whether each stored passage is still on the page. Exit codes: 0 all reachable with
    every passage found, 1 otherwise, 2 usage error."""
    from toolkit.authoring.source_check import check_sources, user_agent

    if not data.is_dir():
        _usage_error(f"data folder not found: {data}")
    if as_of is not None and not _is_day(as_of):
        _usage_error(f"--as-of needs a date as YYYY-MM-DD, not '{as_of}'")
    if as_of is not None and not write:
        _usage_error("--as-of is the date --write records: give --write too")
    day = dt.date.fromisoformat(as_of) if as_of is not None else None
    settings = Settings(
        timeout=timeout,
        max_bytes=max_bytes,
        archive_endpoint=archive_endpoint,
        user_agent=user_agent(data),
    )
    try:
        run = check_sources(data, targets or (), settings, archive=archive, write=write, as_of=day)
    except (UnknownPathError, MissingExtraError) as error:
        _usage_error(str(error))
    typer.echo(RENDERERS[output](run), nl=False)
    unwritten = [result.file for result in run.results if result.write_error]
    if unwritten:
        _usage_error(f"cannot write {count(len(unwritten), 'source file')}: see the report")
    raise typer.Exit(0 if run.ok else EXIT_INVALID)


def _usage_error(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(EXIT_USAGE)


def main() -> None:
    """Entry point of the console script."""
    app()
