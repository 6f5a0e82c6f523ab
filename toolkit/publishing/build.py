"""Build the outputs: validate, export every dataset format, then the site; swap them in.

Everything is written to staging folders first: invalid data, a failing exporter or a failing
site build leaves the previous outputs untouched.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path

from toolkit.checking.validate import DATASET_FILE, CheckedData, check_data
from toolkit.foundation.staging import staged
from toolkit.models.dataset_info import DatasetInfo
from toolkit.publishing.dataset import Dataset
from toolkit.publishing.exporters import EXPORTERS
from toolkit.publishing.publication import Publication, read_release_assets
from toolkit.publishing.site.builder import SiteBuildError, SiteSettings, build_site, site_address

Progress = Callable[[str], None]

SITE_STEP = "site"


class BuildError(Exception):
    """The build could not finish; the previous outputs are unchanged."""


def build_steps(with_site: bool) -> list[str]:
    """The names of the build's steps, for progress reporting."""
    return [*EXPORTERS, *([SITE_STEP] if with_site else [])]


def build(
    data_dir: Path,
    out: Path,
    progress: Progress = lambda step: None,
    site: SiteSettings | None = None,
    publication: Publication | None = None,
) -> CheckedData:
    """Validate ``data_dir`` and, when it is valid, write every format to ``out`` (and the site,
    when ``site`` is given). Returns the validation result (without its records when the data
    is valid: they are let go before the exporters run); nothing is written when it is not ok.
    ``publication`` says where the releases' archives are published, for the release list.
    """
    return build_dataset(data_dir, out, progress, site, publication)[0]


def build_dataset(
    data_dir: Path,
    out: Path,
    progress: Progress = lambda step: None,
    site: SiteSettings | None = None,
    publication: Publication | None = None,
) -> tuple[CheckedData, Dataset | None]:
    """``build``, also returning the dataset it wrote (None when the data is invalid)."""
    checked = check_data(data_dir, keep_records=True)
    if not checked.report.ok:
        return checked, None
    if checked.info is None:
        raise BuildError(f"{data_dir / DATASET_FILE} is missing: it names and versions the dataset")
    dataset = Dataset.from_checked(checked)
    # What the dataset rules read of each record is no longer needed: let it go before the
    # exporters run, which at 100,000 records is several hundred megabytes.
    checked = replace(checked, records=[])
    dataset.publication = _publication(publication, dataset.info)
    try:
        if site is not None:
            dataset.site_url = site_address(site)
        _write_outputs(dataset, out, progress, site)
    except OSError as error:  # staging or swapping the folders failed; the old ones are back
        raise BuildError(f"could not write the outputs: {error}") from error
    except SiteBuildError as error:
        raise BuildError(str(error)) from error
    return checked, dataset


def _publication(given: Publication | None, info: DatasetInfo) -> Publication:
    """Where the releases are published: as the build was told, else as dataset.yaml says; the
    repository's report of the archives read now that the dataset's name is known."""
    repository = (given.repository if given else "") or (info.repository or "")
    assets = dict(given.assets) if given else {}
    if given is not None and given.assets_file is not None:  # ReleaseAssetsError: nothing written
        assets |= read_release_assets(given.assets_file, info.name)
    return Publication(repository=repository, assets=assets)


def _write_outputs(
    dataset: Dataset, out: Path, progress: Progress, site: SiteSettings | None
) -> None:
    """Every exporter into a staging folder, then the site; both are swapped in at the end."""
    with ExitStack() as stack:
        dist = stack.enter_context(staged(out))
        for name, output in EXPORTERS.items():
            progress(name)
            try:
                output.export(dataset, dist)
            except Exception as error:  # any failure must leave the old output in place
                raise BuildError(f"the {name} export failed: {error}") from error
        if site is not None:
            progress(SITE_STEP)
            site_dir = stack.enter_context(staged(site.out))
            try:
                build_site(dataset, dist, site, site_dir)
            except SiteBuildError as error:
                raise BuildError(str(error)) from error
