"""Fuzz the loader and the per-file checks with mutated record files.

Seeds are every YAML file in the data, the test fixtures and the hostile corpus. Each input is
a seed with a few random mutations (flipped bytes, YAML punctuation, deletions, duplicated or
spliced chunks), written as a record file and run through `check_file` (parse, JSON Schema,
model). Any exception is a crash: the input is saved to build/fuzz-crashes/ and the run fails.

    python bench/fuzz_loader.py [--seconds 60] [--inputs N] [--seed S]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

from toolkit.checking.file_pass import check_file
from toolkit.models import COLLECTIONS
from toolkit.reading.discovery import RecordFile

ROOT = Path(__file__).resolve().parent.parent
SEED_FOLDERS = [ROOT / "data", ROOT / "tests" / "fixtures", ROOT / "tests" / "hostile"]
CRASHES = ROOT / "build" / "fuzz-crashes"
TOKENS = [
    b"&a ",
    b"*a",
    b"!!python/object:os.system ",
    b"{",
    b"}",
    b"[",
    b"]",
    b": ",
    b"- ",
    b"#",
    b"'",
    b'"',
    b"\t",
    b"\n",
    b"\x00",
    b"\xff",
    b"\xef\xbb\xbf",
    b"---\n",
    b"? ",
    b"|\n",
    b">-\n",
    b"<script>",
    b"2023-02-30",
    b"NO",
    b"~",
    b"\\u0000",
    b"  ",
]


def seeds() -> list[bytes]:
    """Every YAML file the project has, as bytes."""
    found = [p.read_bytes() for folder in SEED_FOLDERS for p in sorted(folder.rglob("*.yaml"))]
    return [seed for seed in found if seed] or [b"id: x\n"]


def mutate(data: bytes, corpus: list[bytes], rng: random.Random) -> bytes:
    """Apply one to four random edits."""
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        position = rng.randint(0, len(buffer))
        choice = rng.randrange(5)
        if choice == 0 and buffer:
            buffer[min(position, len(buffer) - 1)] ^= 1 << rng.randrange(8)
        elif choice == 1:
            buffer[position:position] = rng.choice(TOKENS)
        elif choice == 2:
            del buffer[position : position + rng.randint(1, 32)]
        elif choice == 3:
            chunk = buffer[position : position + rng.randint(1, 64)]
            buffer[position:position] = chunk * rng.randint(1, 8)
        else:
            other = rng.choice(corpus)
            cut = rng.randint(0, len(other))
            buffer[position:] = other[cut:]
    return bytes(buffer)


def run(seconds: float, inputs: int | None, seed: int) -> tuple[int, int]:
    """Fuzz until time or the input budget runs out; returns (inputs tried, crashes)."""
    rng = random.Random(seed)
    corpus = seeds()
    collections = sorted(COLLECTIONS)
    tried = crashes = 0
    deadline = time.monotonic() + seconds
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "record.yaml"
        while time.monotonic() < deadline and (inputs is None or tried < inputs):
            data = mutate(rng.choice(corpus), corpus, rng)
            path.write_bytes(data)
            collection = rng.choice(collections)
            tried += 1
            try:
                check_file(RecordFile(str(path), collection, "record.yaml", "record"))
            except Exception:  # a crash is exactly what the fuzzer looks for
                crashes += 1
                CRASHES.mkdir(parents=True, exist_ok=True)
                (CRASHES / f"crash-{seed}-{tried}.yaml").write_bytes(data)
                traceback.print_exc()
    return tried, crashes


def main() -> None:
    """Parse arguments, fuzz, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--inputs", type=int, default=None)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    start = time.monotonic()
    tried, crashes = run(args.seconds, args.inputs, args.seed)
    elapsed = time.monotonic() - start
    print(
        f"inputs tried: {tried:,} in {elapsed:.1f} s ({tried / elapsed:,.0f}/s); crashes: {crashes}"
    )
    sys.exit(1 if crashes else 0)


if __name__ == "__main__":
    main()
