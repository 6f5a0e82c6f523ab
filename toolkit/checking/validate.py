"""Validate a data folder: load each file, check it alone, then check the records together."""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from toolkit.checking.cache import ResultCache, content_digest
from toolkit.checking.dataset_pass import dataset_problems, fingerprint
from toolkit.checking.file_pass import checked_files
from toolkit.checking.model_check import ModelT, check_model
from toolkit.checking.report import Report
from toolkit.checking.rules import CheckedRecord
from toolkit.checking.rules.changelog import check_releases
from toolkit.checking.rules.commitments import STALE_AFTER_DAYS
from toolkit.checking.schema_check import check_schema
from toolkit.foundation.problems import Problem
from toolkit.models.changelog import Changelog
from toolkit.models.dataset_info import DatasetInfo
from toolkit.models.redirects import Redirects
from toolkit.reading.discovery import DataFiles, discover, select, top_level_document
from toolkit.reading.discovery import UnknownPathError as UnknownPathError
from toolkit.reading.loader import LoadedFile, load_file

DATASET_FILE = "dataset.yaml"
"""The dataset's description, at the top of the data folder."""
CHANGELOG_FILE = "changelog.yaml"
"""The dataset's releases, beside it."""
REDIRECTS_FILE = "redirects.yaml"
"""Ids retired by a rename or a merge, and the records they lead to."""


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: records only accumulate while validating, and
    collecting over ever more live objects makes model building several times slower."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass
class CheckedData:
    """Everything one validation run learnt: the report, the records, the dataset description."""

    report: Report
    records: list[CheckedRecord]
    info: DatasetInfo | None
    changelog: Changelog | None = None
    redirects: Redirects | None = None


def check_data(
    data_dir: Path,
    only: Sequence[Path] = (),
    *,
    keep_records: bool = False,
    use_cache: bool = False,
    as_of: str | None = None,
    stale_after: int = STALE_AFTER_DAYS,
    records_wanted: bool = True,
) -> CheckedData:
    """Check every record in ``data_dir``; with ``only``, report on those files and folders alone
    while still resolving their references against the whole folder. With ``as_of`` (a date),
    also warn about commitments overdue on that date, or whose newest assessment is older than
    ``stale_after`` days. ``keep_records`` keeps each valid record's values, as JSON, for a
    build (``Dataset`` reads them). ``records_wanted=False`` leaves out the records (only the
    report is wanted), so results from the cache are not made into records unless the rules
    need them."""
    with _collector_paused():
        found = discover(data_dir)
        files = found.records
        problems = list(found.problems)
        cache = ResultCache.open(data_dir) if use_cache and not keep_records else None
        results = checked_files(files, keep_records, cache)
        for result in results:
            problems.extend(result.problems)
        info, info_problems = check_info(data_dir, found)
        changelog, changelog_problems = check_changelog(data_dir, info, found)
        redirects, redirect_problems, redirects_file = _check_document(
            data_dir, REDIRECTS_FILE, Redirects, found
        )
        retired = (redirects, redirects_file) if redirects and redirects_file else None
        problems.extend(info_problems + changelog_problems + redirect_problems)
        records: list[CheckedRecord] = []
        if cache is None:
            records = [result.record() for result in results]
            problems.extend(dataset_problems(records, info, changelog, as_of, stale_after, retired))
        else:
            documents = [
                f"{name}:{content_digest(file.path)}"
                for name, file in sorted(found.documents.items())
            ]
            reads = fingerprint((r.digest for r in results), documents, as_of, stale_after)
            found_before = cache.dataset_problems(reads)
            if found_before is None:
                records = [result.record() for result in results]
                found_before = dataset_problems(
                    records, info, changelog, as_of, stale_after, retired
                )
                cache.store_dataset_problems(reads, found_before)
            problems.extend(found_before)
            cache.save(keep={file.name for file in files})
        if records_wanted and not records:
            records = [result.record() for result in results]
    checked = found.names()
    if only:
        checked = select(checked, only)
        problems = [problem for problem in problems if problem.file in checked]
    report = Report(problems, files_checked=len(checked))
    return CheckedData(report, records, info, changelog, redirects)


def validate(
    data_dir: Path,
    only: Sequence[Path] = (),
    *,
    use_cache: bool = False,
    as_of: str | None = None,
    stale_after: int = STALE_AFTER_DAYS,
) -> Report:
    """The validation report for ``data_dir`` (see ``check_data``)."""
    return check_data(
        data_dir,
        only,
        use_cache=use_cache,
        as_of=as_of,
        stale_after=stale_after,
        records_wanted=False,
    ).report


def check_info(
    data_dir: Path, found: DataFiles | None = None
) -> tuple[DatasetInfo | None, list[Problem]]:
    """The dataset description in ``dataset.yaml``, if the data folder has one (``found``:
    what discovery found there, when it has run)."""
    info, problems, _ = _check_document(data_dir, DATASET_FILE, DatasetInfo, found)
    return info, problems


def check_changelog(
    data_dir: Path, info: DatasetInfo | None, found: DataFiles | None = None
) -> tuple[Changelog | None, list[Problem]]:
    """The releases in ``changelog.yaml``, if present: newest first, the newest being the
    version ``dataset.yaml`` declares."""
    changelog, problems, loaded = _check_document(data_dir, CHANGELOG_FILE, Changelog, found)
    if changelog is None or loaded is None:
        return None, problems

    return changelog, problems + check_releases(changelog, info, loaded)


def _check_document(
    data_dir: Path, file_name: str, model: type[ModelT], found: DataFiles | None
) -> tuple[ModelT | None, list[Problem], LoadedFile | None]:
    """A top-level document of the data folder, found the way discovery finds files (a link
    is refused, never read; a problem discovery reported already is not repeated) and checked
    through the same passes as a record; also the loaded file, to locate later problems in
    it."""
    if found is None:
        file, problems = top_level_document(data_dir, file_name)
    else:
        file, problems = found.documents.get(file_name), []
    if file is None:
        return None, problems, None
    loaded = load_file(file.path, file.name)
    if loaded.problems:
        return None, loaded.problems, loaded
    problems = check_schema(loaded, file.collection, loaded.name)
    document, model_problems = check_model(loaded, model, loaded.name, problems)
    return document, problems + model_problems, loaded
