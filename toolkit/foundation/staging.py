"""Write outputs atomically: a folder into a staging folder beside it, swapped in on success;
a single file into a hidden file beside it, renamed over it (``replace_file``).

The swap is one step: the kernel exchanges the staging folder and the output
(``renameat2(RENAME_EXCHANGE)`` on Linux), so a build killed at any instant leaves either the
previous output or the new one, never none. Where the system or file system cannot exchange, two
renames are used, and a build killed between them is repaired by the next one.

A build killed half-way leaves its hidden staging folders (``.<out>-new-*``, ``.<out>-old``)
behind. The next build clears them, but only while it holds an exclusive lock on
``.<out>.lock`` (removed again when it lets go) for the whole staged block, so it never removes
the folders of a build still running: two builds of the same output take turns.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

MKDTEMP_SUFFIX = "[a-z0-9_]+"
"""The random end ``tempfile.mkdtemp`` gives a staging folder's name (it has no ``-``), so the
staging folders of an output named, say, ``dist-new-x`` are not taken for those of ``dist``."""


@contextmanager
def staged(out: Path) -> Iterator[Path]:
    """Yield an empty staging folder; when the block succeeds it replaces ``out`` by renames,
    when it fails it is removed and ``out`` stays as it was."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with _locked(out.with_name(f".{out.name}.lock")):
        _remove_leftovers(out)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-new-", dir=out.parent))
        staging.chmod(0o755)  # mkdtemp makes it private; the published folder is for everyone
        try:
            yield staging
            _swap_in(staging, out)
        finally:
            shutil.rmtree(staging, ignore_errors=True)


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path``, removing the file before letting go so no lock file
    stays beside the output. A process that waited on a file already removed locks again."""
    while True:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
            if _is_still(path, descriptor):
                try:
                    yield
                finally:
                    path.unlink(missing_ok=True)
                return
        finally:
            os.close(descriptor)  # also releases the lock


def _is_still(path: Path, descriptor: int) -> bool:
    """Whether ``path`` still names the file open as ``descriptor`` (its holder may have removed
    it while this process waited)."""
    try:
        named = path.stat()
    except FileNotFoundError:
        return False
    held = os.fstat(descriptor)
    return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)


def _remove_leftovers(out: Path) -> None:
    """Clear what builds of ``out`` that were killed left; with the lock held, none is running.
    A build killed between its two renames left the previous output only in ``.<out>-old``: it
    is put back rather than removed."""
    staging = re.compile(re.escape(f".{out.name}-new-") + MKDTEMP_SUFFIX)
    for leftover in out.parent.iterdir():
        if staging.fullmatch(leftover.name) and leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)
    retired = _retired(out)
    if retired.is_dir() and not out.exists():
        retired.rename(out)
    shutil.rmtree(retired, ignore_errors=True)


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_UNSUPPORTED = frozenset({errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.EXDEV, errno.EPERM})
"""Errors that mean the exchange is not available here (EPERM: a sandbox that blocks the call)."""


def exchange(first: Path, second: Path) -> bool:
    """Swap two existing paths in one atomic step; False where this system or file system
    cannot (then nothing moved)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    done = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if done == 0:
        return True
    failure = ctypes.get_errno()
    if failure in _UNSUPPORTED:
        return False
    raise OSError(failure, os.strerror(failure), os.fspath(first))


def _swap_in(staging: Path, out: Path) -> None:
    """Replace ``out`` with ``staging``; ``out`` is never half-written, and never missing where
    the two can be exchanged (the previous output is then left in ``staging``, removed by the
    caller)."""
    if out.is_dir() and not out.is_symlink() and exchange(staging, out):
        return
    retired = _retired(out)
    shutil.rmtree(retired, ignore_errors=True)
    had_output = out.exists()
    if had_output:
        out.rename(retired)
    try:
        staging.rename(out)
    except OSError:
        if had_output:
            retired.rename(out)  # put the previous output back before failing
        raise
    shutil.rmtree(retired, ignore_errors=True)


def _retired(out: Path) -> Path:
    """Where the previous output waits while the new one is renamed into place."""
    return out.with_name(f".{out.name}-old")


def replace_file(path: Path, text: str, mode: int) -> None:
    """Write ``text`` to a hidden file beside ``path`` and rename it over ``path``: a reader
    never sees half a file, and a link put in the file's place is replaced, not written
    through."""
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with open(descriptor, "w", encoding="utf-8", newline="") as handle:  # noqa: PTH123
            handle.write(text)
        os.chmod(temporary, mode)  # noqa: PTH101 (a plain string from mkstemp)
        os.replace(temporary, path)  # noqa: PTH105
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
