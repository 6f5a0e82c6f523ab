"""Progress for long builds: a rich bar on a terminal, plain lines in logs and CI."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn


@contextmanager
def build_progress(steps: int) -> Iterator[Callable[[str], None]]:
    """A callback to announce each step: drawn as a bar when stderr is a terminal."""
    console = Console(stderr=True)
    if not console.is_terminal:
        yield lambda step: print(f"building {step}", file=sys.stderr, flush=True)
        return
    columns = (
        TextColumn("building {task.description:<12}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("", total=steps)
        started = False

        def advance(step: str) -> None:
            nonlocal started
            bar.update(task, description=step, advance=1 if started else 0)
            started = True

        yield advance
        bar.update(task, completed=steps)
