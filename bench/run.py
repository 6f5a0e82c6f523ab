"""Benchmark the toolkit at scale against the floor (parsing alone) and a peer (check-jsonschema).

For each size it generates a synthetic data folder (`toolkit synth`) and runs, each as its own
process so wall time and peak memory are measured the same way, and each twice with the faster
kept (machines are shared and noisy):
  * floor: PyYAML's C loader parsing every record file, on one core, nothing else;
  * toolkit validate, cold; then again on unchanged data; then after changing one file; then
    with a tenth of the references to sources misspelt, against a valid run without the cache;
  * peer: check-jsonschema on the same files with the exported schemas;
  * toolkit build of the datasets (no site);
  * the site build (datasets + both languages' sites), for the sizes in --site-sizes, with the
    search index's size (``bench/search_size.py`` measures what a first query downloads).
It prints records/second, peak memory and ratios to the floor and to the peer, and writes the
figures, the machine and the targets to bench/RESULTS.md (not in --quick mode).

    python bench/run.py [--sizes 1000 10000 100000] [--site-sizes 1000 10000]
    python bench/run.py --quick      # validation alone at 10,000 records, under a minute
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "RESULTS.md"
BIN = Path(sys.executable).parent
FLOOR = """
import sys, yaml
from pathlib import Path
for path in sorted(Path(sys.argv[1]).glob("*/*.yaml")):
    yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
"""
PEER_BATCH = 4000


@dataclass
class Run:
    """One measured command: wall seconds and peak resident memory of the process tree."""

    seconds: float
    peak_mib: float
    returncode: int


@dataclass
class Figure:
    """One row of the results table."""

    records: int
    label: str
    run: Run
    note: str


FIGURES: list[Figure] = []
"""Every line printed, in order, for bench/RESULTS.md."""


def measure(argv: list[str], cwd: Path) -> Run:
    """Run a command, timing it and reading its peak memory from the kernel (wait4)."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    children = max(usage.ru_maxrss, 0)  # KiB on Linux; the largest of the process and its waits
    return Run(seconds, children / 1024, os.waitstatus_to_exitcode(status))


def best_of_two(run: Callable[[], Run]) -> Run:
    """The faster of two runs (machines are shared and noisy), with the larger peak memory."""
    first, second = run(), run()
    faster = min(first, second, key=lambda r: r.seconds)
    return Run(faster.seconds, max(first.peak_mib, second.peak_mib), faster.returncode)


def cold_cache() -> None:
    """Empty the validation cache folder, so the next validation is a cold one."""
    shutil.rmtree(os.environ["TOOLKIT_CACHE_DIR"], ignore_errors=True)


def measure_batches(argvs: list[list[str]], cwd: Path) -> Run:
    """Several commands one after another, as one measurement (summed time, largest memory)."""
    runs = [measure(argv, cwd) for argv in argvs]
    return Run(
        sum(r.seconds for r in runs), max(r.peak_mib for r in runs), max(r.returncode for r in runs)
    )


def peer_commands(data: Path) -> list[list[str]]:
    """check-jsonschema per collection, in batches that fit on a command line."""
    commands = []
    for folder in sorted(p for p in data.iterdir() if p.is_dir()):
        files = sorted(str(p) for p in folder.glob("*.yaml"))
        schema = ROOT / "schema" / f"{folder.name}.schema.json"
        for start in range(0, len(files), PEER_BATCH):
            batch = files[start : start + PEER_BATCH]
            commands.append([str(BIN / "check-jsonschema"), "--schemafile", str(schema), *batch])
    return commands


def line(
    label: str,
    run: Run,
    records: int,
    floor: Run | None = None,
    peer: Run | None = None,
    note: str = "",
) -> str:
    """One measurement as printed, also kept for bench/RESULTS.md."""
    rate = records / run.seconds if run.seconds else float("inf")
    text = f"  {label:<34} {run.seconds:8.2f} s {rate:10,.0f} rec/s {run.peak_mib:8.0f} MiB"
    ratio = ""
    if floor:
        ratio = f"×{run.seconds / floor.seconds:.2f} floor"
        text += f"   x{run.seconds / floor.seconds:5.2f} floor"
    if peer:
        ratio = f"{peer.seconds / run.seconds:.1f}× faster than the peer"
        text += f"   {peer.seconds / run.seconds:5.1f}x faster than peer"
    if run.returncode:
        text += f"   EXIT {run.returncode}"
    FIGURES.append(Figure(records, label, run, "; ".join(part for part in (ratio, note) if part)))
    return text + (f"   {note}" if note else "")


def break_references(data: Path, target: Path, wanted: int) -> tuple[Path, int]:
    """A copy of the data with ``wanted`` references to sources misspelt, each a different id
    (``sourse-0001234``): the cost of did-you-mean suggestions at scale."""
    shutil.copytree(data, target)
    broken = 0
    for path in sorted((target / "events").glob("*.yaml")):
        if broken >= wanted:
            break
        text = path.read_text(encoding="utf-8")
        found = len(re.findall(r"\bsource-\d+", text))
        path.write_text(re.sub(r"\bsource-(\d+)", r"sourse-\1", text), encoding="utf-8")
        broken += found
    return target, broken


def bench_size(records: int, with_site: bool, work: Path, *, quick: bool = False) -> None:
    """Every measurement for one dataset size, each timed twice with the faster kept (the peer
    and the builds once: they take longest); ``quick`` stops after validation."""
    folder = work / f"n{records}"
    subprocess.run(
        [str(BIN / "toolkit"), "synth", "--records", str(records), "--out", str(folder)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    data = folder / "data"
    toolkit = str(BIN / "toolkit")
    print(f"{records:,} records")
    floor = best_of_two(lambda: measure([sys.executable, "-c", FLOOR, str(data)], folder))
    print(line("parse only, C loader (floor)", floor, records))
    validate = [toolkit, "validate", "--data", str(data)]

    def cold() -> Run:
        cold_cache()
        return measure(validate, folder)

    first = best_of_two(cold)
    print(line("toolkit validate", first, records, floor))
    again = best_of_two(lambda: measure(validate, folder))
    print(line("toolkit validate, unchanged", again, records, floor))
    topics = iter(sorted((data / "topics").glob("*.yaml")))

    def one_changed() -> Run:
        changed = next(topics)
        changed.write_text(changed.read_text().replace("name: Topic", "name: Changed topic"))
        return measure(validate, folder)

    after = best_of_two(one_changed)
    print(line("toolkit validate, one file changed", after, records, floor))
    valid = best_of_two(lambda: measure([*validate, "--no-cache"], folder))
    broken, count = break_references(data, folder / "broken", records // 10)
    wrong = best_of_two(
        lambda: measure([toolkit, "validate", "--no-cache", "--data", str(broken)], folder)
    )
    expected = dataclasses.replace(wrong, returncode=0 if wrong.returncode == 1 else -1)
    print(line("validate --no-cache (valid data)", valid, records, floor))
    print(
        line(
            f"validate, {count:,} broken references",
            expected,
            records,
            floor,
            note=f"{wrong.seconds - valid.seconds:+.2f} s on the valid run",
        )
    )
    if quick:
        return
    peer = best_of_two(lambda: measure_batches(peer_commands(data), folder))
    print(line("check-jsonschema (peer)", peer, records))
    print(line("toolkit validate vs peer", first, records, None, peer))
    dist = best_of_two(
        lambda: measure(
            [toolkit, "build", "--no-site", "--data", str(data), "--out", str(folder / "dist")],
            folder,
        )
    )
    print(line("toolkit build (datasets)", dist, records, floor))
    if with_site:
        shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
        shutil.copytree(ROOT / "docs", folder / "docs")
        site = best_of_two(
            lambda: measure([toolkit, "build", "--data", "data", "--out", "dist"], folder)
        )
        index = folder / "site" / "pagefind"
        size = sum(p.stat().st_size for p in index.rglob("*") if p.is_file()) / 2**20
        per_record = (site.seconds - dist.seconds) / records * 1000
        note = (
            f"site (both languages) {per_record:.2f} ms a record beyond the datasets; "
            f"search index (Pagefind, all files) {size:.1f} MiB"
        )
        print(line("toolkit build (datasets + site)", site, records, note=note))


def main() -> None:
    """Parse the sizes and run every benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--site-sizes", type=int, nargs="*", default=[1_000, 10_000])
    parser.add_argument(
        "--quick",
        action="store_true",
        help="validation alone at 10,000 records (under a minute), to check a change quickly",
    )
    args = parser.parse_args()
    if args.quick:
        args.sizes, args.site_sizes = [10_000], []
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as work:
        # The validation caches go with the data instead of into the user's cache folder.
        os.environ["TOOLKIT_CACHE_DIR"] = str(Path(work) / "cache")
        for size in args.sizes:
            bench_size(size, size in args.site_sizes, Path(work), quick=args.quick)
    if not args.quick:
        RESULTS.write_text(results_page(FIGURES), encoding="utf-8")
        print(f"written: {RESULTS.relative_to(ROOT)}")


def commit() -> str:
    """The commit measured, with ``+changes`` when the work tree differs from it."""

    def git(*arguments: str) -> str:
        result = subprocess.run(["git", *arguments], cwd=ROOT, capture_output=True, text=True)
        return result.stdout.strip() if result.returncode == 0 else ""

    head = git("rev-parse", "--short=12", "HEAD") or "unknown"
    return head + (" +changes" if git("status", "--porcelain", "--untracked-files=no") else "")


def machine() -> str:
    """The machine the figures come from: processor, cores, memory, system and Python."""
    processor = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for row in Path("/proc/cpuinfo").read_text().splitlines():
            if row.startswith("model name"):
                processor = row.split(":", 1)[1].strip()
                break
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{processor}, {os.cpu_count()} cores, {memory:.0f} GiB, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    )


def _find(figures: list[Figure], records: int, label: str) -> Run | None:
    for figure in figures:
        if figure.records == records and figure.label.startswith(label):
            return figure.run
    return None


def targets(figures: list[Figure]) -> list[tuple[str, str, bool | None]]:
    """Issue 24's targets at the largest size measured: what was asked, what was measured,
    whether it was met (None when this run did not measure it)."""
    largest = max(figure.records for figure in figures)
    floor = _find(figures, largest, "parse only")
    cold = _find(figures, largest, "toolkit validate")
    changed = _find(figures, largest, "toolkit validate, one file changed")
    valid = _find(figures, largest, "validate --no-cache")
    broken = _find(figures, largest, "validate, ")
    peer = _find(figures, largest, "check-jsonschema")
    build = _find(figures, largest, "toolkit build (datasets)")
    rows: list[tuple[str, str, bool | None]] = []
    if floor and cold:
        ratio = cold.seconds / floor.seconds
        rows.append(("cold validate ≤ 0.5× the parse floor", f"×{ratio:.2f}", ratio <= 0.5))
    if floor and changed:
        ratio = changed.seconds / floor.seconds
        rows.append(("one file changed ≤ 0.1× the parse floor", f"×{ratio:.2f}", ratio <= 0.1))
    if peer and cold:
        ratio = peer.seconds / cold.seconds
        rows.append(("check-jsonschema ≥ 20× slower", f"{ratio:.1f}×", ratio >= 20))
    if valid and broken:
        extra = broken.seconds - valid.seconds
        rows.append(("a tenth of references broken adds < 5 s", f"{extra:+.2f} s", extra < 5))
    for label, run in (("validate", cold), ("build", build)):
        if run:
            rows.append(
                (f"peak memory of {label} < 1 GiB", f"{run.peak_mib:.0f} MiB", run.peak_mib < 1024)
            )
    sizes = sorted({figure.records for figure in figures})
    if len(sizes) > 1:
        for label in ("toolkit validate", "toolkit build (datasets)"):
            small, large = _find(figures, sizes[-2], label), _find(figures, largest, label)
            if small and large:
                per_small = small.seconds / sizes[-2] * 1e6
                per_large = large.seconds / largest * 1e6
                rows.append(
                    (
                        f"`{label}`: cost per record flat from {sizes[-2]:,} to {largest:,}",
                        f"{per_small:.0f} → {per_large:.0f} µs a record",
                        per_large <= per_small * 1.25,
                    )
                )
    return rows


def results_page(figures: list[Figure]) -> str:
    """bench/RESULTS.md: when, where, every figure and the targets."""
    today = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# Benchmark results",
        "",
        "Written by `make bench` (`bench/run.py`); do not edit by hand. How the figures were",
        "reached, and what is planned, is in [NOTES.md](NOTES.md).",
        "",
        f"- Run: {today}, at commit {commit()}",
        f"- Machine: {machine()}",
        "- Data: `toolkit synth` folders (all seven collections, valid references, quotes, status",
        "  histories, discrepancies, long non-ASCII text).",
        "- Method: every command runs as its own process; wall time and peak memory of the",
        "  process tree come from the kernel (`wait4`). Each is run twice and the faster kept.",
        "  The floor is PyYAML's C loader parsing every record file on one core; the peer is",
        "  `check-jsonschema` with the exported schemas.",
        "",
        "## Figures",
        "",
        "| records | what | time | records/s | peak memory | compared |",
        "|---:|---|---:|---:|---:|---|",
    ]
    for figure in figures:
        run = figure.run
        rate = figure.records / run.seconds if run.seconds else float("inf")
        failed = f" (exit {run.returncode})" if run.returncode else ""
        lines.append(
            f"| {figure.records:,} | {figure.label}{failed} | {run.seconds:.2f} s | {rate:,.0f} "
            f"| {run.peak_mib:.0f} MiB | {figure.note} |"
        )
    lines += ["", "## Targets", "", "| target | measured | met |", "|---|---|---|"]
    for target, measured, met in targets(figures):
        lines.append(f"| {target} | {measured} | {'yes' if met else 'no'} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
