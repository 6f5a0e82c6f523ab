"""What every command shares: the application the commands register on, the exit codes, and
how a usage error is reported."""

from __future__ import annotations

import typer

from toolkit.foundation.dates import is_day_precise

app = typer.Typer(
    help="Check and publish the India–Canada security dialogue records.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

EXIT_INVALID = 1
EXIT_USAGE = 2


def is_day(text: str) -> bool:
    """Whether an option's value is one calendar day, YYYY-MM-DD."""
    try:
        return is_day_precise(text)
    except ValueError:
        return False


def usage_error(message: str) -> None:
    """Say what is wrong with how the command was called, and exit 2."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(EXIT_USAGE)
