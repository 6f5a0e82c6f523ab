"""The dataset a build publishes: records kept as JSON, given back as the models and values
the files validate to, from worker processes as from one, and written out a collection at a
time."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from case_runner import BASE
from toolkit.authoring.synth import synthesize
from toolkit.checking import file_pass
from toolkit.checking.validate import check_data
from toolkit.models import COLLECTIONS
from toolkit.publishing.dataset import Dataset
from toolkit.publishing.files import _json_chunks, write_json
from toolkit.reading.discovery import discover
from toolkit.reading.loader import load_file

DATA = Path(__file__).parent.parent / "data"


def _validated_from_files(data: Path) -> dict[str, list[Any]]:
    """Each collection's models validated straight from the YAML, sorted by id."""
    models: dict[str, list[Any]] = {name: [] for name in COLLECTIONS}
    for file in discover(data).records:
        data_read = load_file(file.path, file.name).data
        models[file.collection].append(COLLECTIONS[file.collection].model_validate(data_read))
    return {name: sorted(found, key=lambda model: model.id) for name, found in models.items()}


@pytest.mark.parametrize("data", [DATA, BASE], ids=["the record", "the test base"])
def test_the_dataset_gives_back_the_records_as_the_files_validate(data: Path) -> None:
    dataset = Dataset.from_checked(check_data(data, keep_records=True))
    expected = _validated_from_files(data)
    assert dataset.counts == {name: len(models) for name, models in expected.items()}
    assert all(dataset.counts.values())
    for name in COLLECTIONS:  # passed through once, before and after they are kept
        assert list(dataset.records.one_by_one(name)) == expected[name]
    assert dict(dataset.records) == expected
    assert list(dataset.records.one_by_one("commitments")) == expected["commitments"]
    for name in reversed(COLLECTIONS):  # collections read in turn, and read again
        dumped = [m.model_dump(mode="json", exclude_none=True) for m in expected[name]]
        assert dataset.documents[name] == dumped
        assert dataset.documents[name] == dumped
    assert [name for name, _ in dataset.documents.items()] == list(COLLECTIONS)


def test_worker_processes_keep_the_same_records_as_one_process(tmp_path: Path) -> None:
    files = discover(synthesize(tmp_path, 300)).records
    serial = file_pass.checked_files(files, True, None)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(file_pass, "PARALLEL_FROM", 0)
        patch.setattr(file_pass, "CHUNK", 20)
        patch.setattr(os, "cpu_count", lambda: 2)
        parallel = file_pass.checked_files(files, True, None)
    assert all(result.row is not None for result in parallel)  # they came from the workers
    assert all(result.checked is not None for result in serial)  # these did not
    documents = [result.record().document for result in parallel]
    assert documents == [result.record().document for result in serial]
    assert all(documents)


class _OneAtATime(Mapping[str, list[int]]):
    """A mapping that refuses to be read whole: asking for its items one by one is allowed."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def __getitem__(self, key: str) -> list[int]:
        self.asked.append(key)
        return [len(key), len(self.asked)]

    def __iter__(self) -> Iterator[str]:
        return iter(["one", "three"])

    def __len__(self) -> int:
        return 2


@pytest.mark.parametrize(
    "value",
    [
        {},
        [],
        "text",
        None,
        {"a": {}, "b": [], "c": [{}], "é": '\u2028 line\nbreak "quoted"'},
        {"nested": {"deeper": {"list": [1, 2.5, True, None, {"x": [[]]}]}}},
        {1: "int key", False: "bool key", None: "none key", 2.5: "float key"},
        [{"a": [1, {"b": {"c": "d"}}]}],
    ],
)
def test_json_is_written_as_json_dump_writes_it(tmp_path: Path, value: Any) -> None:
    write_json(tmp_path / "out.json", value)
    expected = json.dumps(value, indent=2, ensure_ascii=False) + "\n"
    assert (tmp_path / "out.json").read_text(encoding="utf-8") == expected


def test_a_mapping_that_is_not_a_dict_is_written_an_entry_at_a_time(tmp_path: Path) -> None:
    lazy = _OneAtATime()
    asked_when_written: dict[str, list[str]] = {}
    for chunk in _json_chunks({"head": 1, "collections": lazy}, 0):
        for key in ("one", "three"):
            if f'"{key}": ' in chunk:
                asked_when_written[key] = list(lazy.asked)
    # each entry is asked for only once its key is written, after the one before it is done
    assert asked_when_written == {"one": [], "three": ["one"]}
    assert lazy.asked == ["one", "three"]
    write_json(tmp_path / "out.json", {"head": 1, "collections": _OneAtATime()})
    as_dict = {"head": 1, "collections": {"one": [3, 1], "three": [5, 2]}}
    expected = json.dumps(as_dict, indent=2, ensure_ascii=False) + "\n"
    assert (tmp_path / "out.json").read_text(encoding="utf-8") == expected


def test_an_iterator_is_written_as_a_list_without_being_held(tmp_path: Path) -> None:
    made: list[int] = []

    def rows(count: int) -> Iterator[dict[str, int]]:
        for number in range(count):
            made.append(number)
            yield {"row": number}

    made_when_written = []
    for chunk in _json_chunks({"none": rows(0), "rows": rows(3)}, 0):
        if chunk.startswith('"row"') or '"row": ' in chunk:
            made_when_written.append(len(made))
    assert made_when_written == [1, 2, 3]  # each row made only when it is written
    write_json(tmp_path / "out.json", {"none": rows(0), "rows": rows(3)})
    as_lists = {"none": [], "rows": [{"row": n} for n in range(3)]}
    expected = json.dumps(as_lists, indent=2, ensure_ascii=False) + "\n"
    assert (tmp_path / "out.json").read_text(encoding="utf-8") == expected


def test_keys_json_cannot_write_are_refused_as_json_refuses_them(tmp_path: Path) -> None:
    with pytest.raises(TypeError):
        json.dumps({("a", 1): 0})
    with pytest.raises(TypeError, match="keys must be"):
        write_json(tmp_path / "out.json", {("a", 1): 0})


def test_an_empty_mapping_that_is_not_a_dict_is_an_empty_object(tmp_path: Path) -> None:
    class Empty(_OneAtATime):
        def __iter__(self) -> Iterator[str]:
            return iter(())

    write_json(tmp_path / "out.json", {"collections": Empty()})
    assert json.loads((tmp_path / "out.json").read_text()) == {"collections": {}}
