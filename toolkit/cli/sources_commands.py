"""`toolkit sources check`: are the cited pages still online and still saying the same?"""

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
from toolkit.checking.validate import UnknownPathError
from toolkit.cli.common import EXIT_INVALID, app, is_day, usage_error
from toolkit.foundation.problems import count

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
        usage_error(f"data folder not found: {data}")
    if as_of is not None and not is_day(as_of):
        usage_error(f"--as-of needs a date as YYYY-MM-DD, not '{as_of}'")
    if as_of is not None and not write:
        usage_error("--as-of is the date --write records: give --write too")
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
        usage_error(str(error))
    typer.echo(RENDERERS[output](run), nl=False)
    unwritten = [result.file for result in run.results if result.write_error]
    if unwritten:
        usage_error(f"cannot write {count(len(unwritten), 'source file')}: see the report")
    raise typer.Exit(0 if run.ok else EXIT_INVALID)
