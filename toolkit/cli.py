"""The ``toolkit`` command: parses arguments, calls the library, prints, and sets the exit code.

Exit codes: 0 valid, 1 invalid data, 2 usage error.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from toolkit.build import BuildError, build, build_steps
from toolkit.codes import CODES
from toolkit.progress import build_progress
from toolkit.reporters import REPORTERS, render_text
from toolkit.schema_export import stale_schemas, write_schemas
from toolkit.site.builder import SiteSettings
from toolkit.site.preview import serve
from toolkit.validate import UnknownPathError, validate

app = typer.Typer(
    help="Check and publish the India–Canada security dialogue records.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_INVALID = 1
EXIT_USAGE = 2


class OutputFormat(StrEnum):
    """How ``validate`` prints its report."""

    TEXT = "text"
    JSON = "json"


@app.command("validate")
def validate_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Record files or folders to report on (default: all of --data)."),
    ] = None,
    data: Annotated[Path, typer.Option(help="The data folder.")] = Path("data"),
    output: Annotated[
        OutputFormat, typer.Option("--format", help="Report format.")
    ] = OutputFormat.TEXT,
) -> None:
    """Check records against the schema, the models and the cross-record rules."""
    if not data.is_dir():
        _usage_error(f"data folder not found: {data}")
    try:
        report = validate(data, paths or ())
    except UnknownPathError as error:
        _usage_error(str(error))
    typer.echo(REPORTERS[output](report), nl=False)
    raise typer.Exit(0 if report.ok else EXIT_INVALID)


@app.command("build")
def build_command(
    data: Annotated[Path, typer.Option(help="The data folder.")] = Path("data"),
    out: Annotated[Path, typer.Option(help="Where to write the datasets.")] = Path("dist"),
    site: Annotated[
        bool, typer.Option("--site/--no-site", help="Also build the site (mkdocs.yml) into site/.")
    ] = True,
) -> None:
    """Validate the data and, only when it is valid, write the datasets and the site."""
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
    settings = SiteSettings()
    if not data.is_dir() or not settings.config.is_file():
        _usage_error(f"run from the project folder (needs {data}/ and {settings.config})")
    serve(data, out, settings, address, lambda message: typer.echo(message, err=True))


@app.command("schema")
def schema_command(
    out: Annotated[Path, typer.Option(help="Folder to write the schemas into.")] = Path("schema"),
    check: Annotated[
        bool, typer.Option("--check", help="Only report schemas that differ from the models.")
    ] = False,
) -> None:
    """Write one JSON Schema per collection, exported from the models."""
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


def _usage_error(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(EXIT_USAGE)


def main() -> None:
    """Entry point of the console script."""
    app()
