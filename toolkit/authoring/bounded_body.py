"""A response body decoded under a size limit, as it streams.

A server chooses its content encodings: a few kilobytes of gzip can unpack to gigabytes, and
layered encodings (``gzip, gzip``) multiply that, each layer decoded whole before anyone counts.
So the checker asks only for ``gzip`` and ``deflate``, refuses any other encoding or more than
one layer, reads the raw bytes, and unpacks them in steps that never produce more than the limit
allows: the limit applies to decoded bytes, before they are held.
"""

from __future__ import annotations

import itertools
import zlib
from collections.abc import Iterable, Iterator

ACCEPTED = "gzip, deflate"
"""What the checker offers servers in Accept-Encoding."""
STEP = 65_536
"""Most decoded bytes produced by one step of decompression."""


class BodyError(Exception):
    """The body cannot be read within the rules: too large, or an encoding refused."""


def encodings(header: str | None) -> list[str]:
    """The content codings a Content-Encoding header lists, in the order they were applied."""
    if not header:
        return []
    return [part.strip().lower() for part in header.split(",") if part.strip()]


def decoder(header: str | None, opening: bytes = b"") -> zlib._Decompress | None:
    """A decompressor for the response's one content coding (None for none), or BodyError.
    ``opening``, the body's first bytes, tells the two kinds of ``deflate`` apart."""
    applied = [coding for coding in encodings(header) if coding != "identity"]
    if len(applied) > 1:
        raise BodyError(f"refused: {len(applied)} layered content encodings")
    if not applied:
        return None
    if applied[0] in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if applied[0] == "deflate":  # zlib-wrapped, as RFC 9110 defines it, or raw, as some send
        return zlib.decompressobj(zlib.MAX_WBITS if _zlib_header(opening) else -zlib.MAX_WBITS)
    raise BodyError(f"refused: content encoding '{applied[0][:40]}' was not offered")


def _zlib_header(opening: bytes) -> bool:
    """Whether the bytes open a zlib stream (RFC 1950: method 8, a window of at most 32 KiB, a
    header divisible by 31), as browsers tell a zlib-wrapped ``deflate`` body from a raw one."""
    return (
        len(opening) >= 2
        and opening[0] & 0x0F == 8
        and opening[0] >> 4 <= 7
        and int.from_bytes(opening[:2], "big") % 31 == 0
    )


def _opening(chunks: Iterator[bytes]) -> bytes:
    """The body's first bytes, taken from ``chunks``: at least two when the body has them."""
    opening = b""
    for chunk in chunks:
        opening += chunk
        if len(opening) >= 2:
            break
    return opening


def decoded(raw: Iterable[bytes], header: str | None, limit: int) -> Iterator[bytes]:
    """The decoded body, chunk by chunk, raising BodyError as soon as it would pass ``limit``
    bytes; never more than ``STEP`` decoded bytes are produced at once."""
    chunks = iter(raw)
    first = _opening(chunks)
    unpack = decoder(header, first)
    raw = itertools.chain([first] if first else [], chunks)
    total = 0

    def counted(chunk: bytes) -> bytes:
        nonlocal total
        total += len(chunk)
        if total > limit:
            raise BodyError(f"too large: more than {limit:,} bytes")
        return chunk

    for chunk in raw:
        if unpack is None:
            yield counted(chunk)
            continue
        if unpack.eof and chunk:
            raise BodyError("refused: bytes after the end of the compressed body")
        pending = chunk
        while pending:
            try:
                out = unpack.decompress(pending, STEP)
            except zlib.error as error:
                raise BodyError(f"the body is not valid {header}: {error}") from None
            pending = unpack.unconsumed_tail
            yield counted(out)
            if unpack.eof:
                if unpack.unused_data:
                    raise BodyError("refused: bytes after the end of the compressed body")
                break
    if unpack is not None:
        yield counted(unpack.flush(STEP))
