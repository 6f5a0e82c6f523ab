"""The package as an index would carry it: a source distribution that builds the wheel, with
complete metadata, and whose own tests run from the unpacked archive."""

from __future__ import annotations

import email.parser
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).parent.parent


def _working_tree(target: Path) -> None:
    """The repository's files as a contributor has them (tracked and new, not ignored)."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, (item.decode() for item in listed)):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


def test_the_sdist_builds_a_wheel_with_full_metadata_and_runs_its_own_tests(
    tmp_path: Path,
) -> None:
    tree, out, unpacked = tmp_path / "tree", tmp_path / "dist", tmp_path / "unpacked"
    _working_tree(tree)
    built = subprocess.run(
        [
            *(sys.executable, "-m", "build", "--sdist", "--wheel", "--no-isolation"),
            *("--outdir", str(out), str(tree)),
        ],  # the backend the project requires is a dev dependency: no environment to build
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-2000:]
    [wheel] = out.glob("*.whl")
    [sdist] = out.glob("*.tar.gz")

    with zipfile.ZipFile(wheel) as archive:
        [metadata_name] = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        metadata = email.parser.Parser().parsestr(archive.read(metadata_name).decode())
        assert any(n.endswith("toolkit/py.typed") for n in archive.namelist())
    assert metadata["License-Expression"] == "MIT"
    assert metadata.get_all("License-File") == ["LICENSE", "LICENSE-DATA.md"]
    assert metadata["Author"] == "India–Canada Security Dialogue contributors"
    classifiers = metadata.get_all("Classifier") or []
    assert "Programming Language :: Python :: 3 :: Only" in classifiers
    assert "Typing :: Typed" in classifiers
    assert metadata["Requires-Python"] == ">=3.11"

    with tarfile.open(sdist) as archive:
        archive.extractall(unpacked, filter="data")
    [project] = unpacked.iterdir()
    env = {**os.environ, "PYTHONPATH": str(project)}

    def python(*args: str) -> subprocess.CompletedProcess[str]:
        """Python in the unpacked archive, importing its own code first."""
        return subprocess.run(
            [sys.executable, *args],
            cwd=project,
            capture_output=True,
            text=True,
            env=env,
            timeout=600,
        )

    where = python("-c", "import toolkit; print(toolkit.__file__)")
    assert Path(where.stdout.strip()).is_relative_to(project)  # the archive's own code
    collected = python("-m", "pytest", "-q", "-p", "no:cacheprovider", "--collect-only")
    assert collected.returncode == 0, collected.stdout[-3000:]
    ran = python("-m", "pytest", "-q", "-p", "no:cacheprovider", "-x", "tests/test_cases.py")
    assert ran.returncode == 0, ran.stdout[-3000:]
