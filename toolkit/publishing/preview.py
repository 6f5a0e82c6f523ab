"""`toolkit serve`: preview the site with live reload while records are edited.

mkdocs serves the generated pages and reloads the browser when they change; a watcher here
regenerates them whenever a file under data/ or docs/ changes and the data is still valid.
"""

from __future__ import annotations

import os
import stat
import threading
import time
from collections.abc import Callable
from pathlib import Path

from toolkit.publishing.build import build_dataset
from toolkit.publishing.site.builder import SiteSettings
from toolkit.publishing.site.generate import write_sources

POLL_SECONDS = 1.0


def _fingerprint(folders: list[Path]) -> tuple[tuple[str, int, int], ...]:
    """What changes when any file under the folders is added, removed or edited. Links are
    noted as links (``lstat``) and never followed, so a link loop or a link out of the project
    costs nothing; validation reports them."""
    seen = []
    for folder in folders:
        for parent, folder_names, file_names in os.walk(folder, followlinks=False):
            for name in (*folder_names, *file_names):
                path = os.path.join(parent, name)  # noqa: PTH118 (os.walk gives strings)
                try:
                    status = os.lstat(path)
                except OSError:
                    continue  # gone since the folder was listed
                if not stat.S_ISDIR(status.st_mode):
                    seen.append((path, status.st_mtime_ns, status.st_size))
    return tuple(sorted(seen))


def regenerate(data: Path, dist: Path, settings: SiteSettings, say: Callable[[str], None]) -> bool:
    """Rebuild the datasets and the pages; report and keep the old pages when data is invalid."""
    checked, dataset = build_dataset(data, dist)
    if dataset is None:
        say(f"not regenerated: {checked.report.summary()} (run `toolkit validate`)")
        return False
    write_sources(dataset, settings.docs, dist, settings.work)
    return True


def serve(
    data: Path, dist: Path, settings: SiteSettings, address: str, say: Callable[[str], None]
) -> None:
    """Generate the pages, then serve them, regenerating on every change until interrupted."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.serve import serve as mkdocs_serve

    if not regenerate(data, dist, settings, say):
        return
    watched = [data, settings.docs]

    def watch() -> None:
        seen = _fingerprint(watched)
        while True:
            time.sleep(POLL_SECONDS)
            now = _fingerprint(watched)
            if now != seen:
                seen = now
                if regenerate(data, dist, settings, say):
                    say("pages regenerated")

    threading.Thread(target=watch, daemon=True).start()
    mkdocs_serve(
        config_file=str(settings.config),
        livereload=True,
        dev_addr=address,
        docs_dir=str(settings.work.absolute()),
    )
