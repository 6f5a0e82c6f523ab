"""The ``toolkit`` command: parses arguments, calls the library, prints, and sets the exit code.

Exit codes: 0 valid, 1 invalid data, 2 usage error. Each module registers its commands on the
one application; what only some commands need (the YAML round-tripper, the site and dataset
writers, the source checker) is imported inside them, so ``toolkit validate``, which
contributors run most, starts without it.
"""

from __future__ import annotations

from typing import Annotated

import typer

from toolkit.cli import data_commands, history_commands, sources_commands
from toolkit.cli.common import app
from toolkit.cli.data_commands import OutputFormat
from toolkit.cli.history_commands import DiffFormat

__all__ = ["DiffFormat", "OutputFormat", "app", "main"]
_COMMANDS = (data_commands, history_commands, sources_commands)
"""Imported for the commands they register."""

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


def main() -> None:
    """Entry point of the console script."""
    app()
