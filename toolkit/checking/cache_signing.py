"""Where the validation caches live and how they are signed: one file per data folder in the
user's cache folder (never the project, whose files anyone can propose), every block signed
with HMAC-SHA256 under a key made on first use and readable by its owner only, each signature
covering the one before it, the code's digest and the file's name."""

from __future__ import annotations

import hashlib
import hmac
import marshal
import os
import secrets
import struct
from collections.abc import Iterator
from pathlib import Path
from stat import S_ISREG
from typing import Any

CACHE_DIR_VARIABLE = "TOOLKIT_CACHE_DIR"
"""Overrides the folder holding the caches and their key (tests point it at a temporary one)."""
PROJECT_FOLDER = "india-canada-security-dialogue"
"""The subfolder of ``$XDG_CACHE_HOME`` (or ``~/.cache``) used by default."""
KEY_NAME = "key"
KEY_BYTES = 32
MAC_BYTES = hashlib.sha256().digest_size
MAC_CONTEXT = b"toolkit-validate-cache-1"
FRAME = struct.Struct("<Q")
"""Each block of the file is its length, its MAC, then that many bytes of ``marshal`` output."""


def cache_folder() -> Path:
    """Where the caches and their key live: ``$TOOLKIT_CACHE_DIR``, else the user's cache folder
    (``$XDG_CACHE_HOME`` or ``~/.cache``), never the project, whose files anyone can propose."""
    override = os.environ.get(CACHE_DIR_VARIABLE)
    if override:
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME", "")
    root = Path(base) if Path(base).is_absolute() else Path.home() / ".cache"  # as XDG says
    return root / PROJECT_FOLDER


def cache_path(data_dir: Path) -> Path:
    """The cache file for ``data_dir``: one per data folder, named by its resolved path."""
    digest = hashlib.sha256(os.fsencode(data_dir.resolve())).hexdigest()[:32]
    return cache_folder() / f"validate-{digest}.marshal"


def machine_key(folder: Path) -> bytes | None:
    """The key that signs the caches in ``folder``, made on first use; ``None`` if the folder or
    the key cannot be made or read, or the key is not this user's alone."""
    path = folder / KEY_NAME
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        try:
            return _read_key(path)
        except FileNotFoundError:
            return _create_key(path)
    except OSError:
        return None


def _read_key(path: Path) -> bytes | None:
    """The key in ``path`` if it is a regular file of the right size that only its owner, this
    user, can read or write."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(descriptor)
        if not S_ISREG(info.st_mode) or info.st_uid != os.geteuid() or info.st_mode & 0o077:
            return None
        key = handle.read(KEY_BYTES + 1)
    return key if len(key) == KEY_BYTES else None


def _create_key(path: Path) -> bytes | None:
    """A new key, written whole to a private file and then linked into place, so no reader ever
    sees part of one; when another process links its key first, that key is the one used."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(8)}")
    key = secrets.token_bytes(KEY_BYTES)
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(key)
        os.link(temporary, path)  # fails if the key exists: two first runs agree on one key
    except FileExistsError:
        return _read_key(path)
    finally:
        temporary.unlink(missing_ok=True)
    return key


def first_link(key: bytes, code: str, path: Path) -> bytes:
    """What the first block's MAC covers besides the block: this format, the toolkit's code and
    the cache file's name, so a file signed for other code or another data folder fails."""
    return hmac.digest(key, b"\0".join((MAC_CONTEXT, code.encode(), path.name.encode())), "sha256")


def mac(key: bytes, previous: bytes, block: bytes | memoryview) -> bytes:
    """A block's MAC, covering the MAC before it so blocks keep their order and their file."""
    signer = hmac.new(key, previous, "sha256")
    signer.update(block)
    return signer.digest()


def framed(key: bytes, previous: bytes, value: Any) -> bytes:
    """``value`` marshalled, after its length and its MAC, so blocks can be read back one by
    one and checked before they are unmarshalled."""
    block = marshal.dumps(value)
    return FRAME.pack(len(block)) + mac(key, previous, block) + block


def blocks(content: memoryview) -> Iterator[tuple[memoryview, memoryview]]:
    """The (MAC, block) pairs in ``content``; a block cut short raises ``ValueError``."""
    offset = 0
    while offset < len(content):
        if offset + FRAME.size + MAC_BYTES > len(content):
            raise ValueError("the cache file ends inside a block header")
        (length,) = FRAME.unpack_from(content, offset)
        offset += FRAME.size
        mac = content[offset : offset + MAC_BYTES]
        offset += MAC_BYTES
        if offset + length > len(content):
            raise ValueError("the cache file ends inside a block")
        yield mac, content[offset : offset + length]
        offset += length
