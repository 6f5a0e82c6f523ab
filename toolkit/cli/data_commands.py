"""The commands on the data itself: validate, build, serve, new, fmt, synth, schema, codes."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from toolkit.checking.reporters import REPORTERS, render_text
from toolkit.checking.rules.commitments import STALE_AFTER_DAYS
from toolkit.checking.validate import UnknownPathError, validate
from toolkit.cli.common import EXIT_INVALID, app, is_day, usage_error
from toolkit.foundation.codes import CODES
from toolkit.foundation.problems import count
from toolkit.reading.discovery import display_name

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
        usage_error(f"data folder not found: {data}")
    if as_of is not None and not is_day(as_of):
        usage_error(f"--as-of needs a date as YYYY-MM-DD, not '{as_of}'")
    with _one_run_collector():
        try:
            report = validate(
                data, paths or (), use_cache=cache, as_of=as_of, stale_after=stale_after
            )
        except UnknownPathError as error:
            usage_error(str(error))
        typer.echo(REPORTERS[output](report), nl=False)
    raise typer.Exit(0 if report.ok else EXIT_INVALID)


@contextmanager
def _one_run_collector() -> Iterator[None]:
    """The cyclic collector paused for one command, and what was made meanwhile frozen before it
    resumes (``gc.freeze``): the first collection afterwards would otherwise walk every object
    validation made, seconds at 100,000 records, just before the process ends. Frozen objects
    are still freed when unused; only cycles among them wait for the process to end."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.freeze()
            gc.enable()


@app.command("build")
def build_command(
    data: Annotated[Path, typer.Option(help="The data folder.")] = Path("data"),
    out: Annotated[Path, typer.Option(help="Where to write the datasets.")] = Path("dist"),
    site: Annotated[
        bool, typer.Option("--site/--no-site", help="Also build the site (mkdocs.yml) into site/.")
    ] = True,
    repository: Annotated[
        str,
        typer.Option(
            envvar="REPOSITORY_URL",
            help="The repository the releases are attached to (default: dataset.yaml's).",
        ),
    ] = "",
    release_assets: Annotated[
        Path | None,
        typer.Option(
            help="The releases' archives as the repository reports them: a JSON list of "
            "`gh release view --json tagName,assets` answers.",
        ),
    ] = None,
) -> None:
    """Validate the data and, only when it is valid, write the datasets and the site."""
    from toolkit.foundation.progress import build_progress
    from toolkit.publishing.build import BuildError, build, build_steps
    from toolkit.publishing.site.builder import SiteSettings

    if not data.is_dir():
        usage_error(f"data folder not found: {data}")
    from toolkit.publishing.publication import Publication, ReleaseAssetsError

    settings = SiteSettings() if site else None
    if settings is not None and not settings.config.is_file():
        usage_error(f"{settings.config} not found: run from the project folder, or use --no-site")
    publication = None
    if repository or release_assets is not None:
        publication = Publication(repository=repository, assets_file=release_assets)
    try:
        with build_progress(len(build_steps(site))) as progress:
            checked = build(data, out, progress, settings, publication)
    except ReleaseAssetsError as error:
        usage_error(f"{error}; {out} is unchanged")
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
        usage_error(f"run from the project folder (needs {data}/ and {settings.config})")
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
        usage_error(str(error))
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
        usage_error(f"data folder not found: {data}")
    try:
        run = format_data(data, paths or (), check=check, diff=diff)
    except UnknownPathError as error:
        usage_error(str(error))
    lines, summary = run.lines(check=check)
    for line in lines:
        typer.echo(line)
    typer.echo(summary, err=True)
    if run.unwritable:
        usage_error(
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
        usage_error(f"{out / 'data'} already exists")
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
