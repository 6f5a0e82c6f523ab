"""The exported JSON Schemas: fresh, documented, and in agreement with independent tools."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import jsonschema_rs
import pytest

from case_runner import BASE, CASES
from toolkit.checking.schema_check import check_schema
from toolkit.models import COLLECTIONS
from toolkit.reading.loader import load_file
from toolkit.reading.schema_export import collection_schema, schema_file_name, stale_schemas

ROOT = Path(__file__).parent.parent
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"


def test_committed_schemas_match_the_models() -> None:
    assert stale_schemas(ROOT / "schema") == [], "run `toolkit schema` and commit schema/"


def test_drift_is_detected(tmp_path: Path) -> None:
    (tmp_path / schema_file_name("people")).write_text("{}\n")
    assert "people" in stale_schemas(tmp_path)


def _objects(node: Any) -> list[dict[str, Any]]:
    found = []
    if isinstance(node, dict):
        if "properties" in node:
            found.append(node)
        for child in node.values():
            found.extend(_objects(child))
    elif isinstance(node, list):
        for child in node:
            found.extend(_objects(child))
    return found


@pytest.mark.parametrize("collection", list(COLLECTIONS))
def test_schema_is_draft_2020_12_with_id_title_and_described_fields(collection: str) -> None:
    schema = collection_schema(collection)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith(collection)
    assert schema["title"] and schema["description"]
    undocumented = [
        f"{name}"
        for obj in _objects(schema)
        for name, prop in obj["properties"].items()
        if not prop.get("description")
    ]
    assert undocumented == []


@pytest.mark.parametrize("collection", list(COLLECTIONS))
def test_every_model_has_examples_valid_under_model_and_schema(collection: str) -> None:
    schema = collection_schema(collection)
    assert schema["examples"]
    validator = jsonschema.Draft202012Validator(schema)
    for example in schema["examples"]:
        COLLECTIONS[collection].model_validate(example)
        assert list(validator.iter_errors(example)) == []


def _fixture_files() -> list[tuple[str, Path]]:
    files = [(path.parent.name, path) for path in BASE.glob("*/*.yaml")]
    files += [
        (path.parent.name, path)
        for path in CASES.glob("*/files/*/*.yaml")
        if path.parent.name in COLLECTIONS
    ]
    return sorted((name, path) for name, path in files if not load_file(path).problems)


@pytest.mark.parametrize(
    ("collection", "path"), _fixture_files(), ids=lambda value: str(value)[-40:]
)
def test_fast_validator_agrees_with_the_reference_implementation(
    collection: str, path: Path
) -> None:
    loaded = load_file(path)
    schema = collection_schema(collection)
    reference = {
        (tuple(error.absolute_path), str(error.validator))
        for error in jsonschema.Draft202012Validator(schema).iter_errors(loaded.data)
    }
    fast = {
        (tuple(error.instance_path), error.kind.name)
        for error in jsonschema_rs.Draft202012Validator(schema).iter_errors(loaded.data)
    }
    assert fast == reference


def _check_jsonschema(schema: Path, files: list[Path]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--schemafile", str(schema), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("collection", list(COLLECTIONS))
def test_check_jsonschema_accepts_the_real_records(collection: str) -> None:
    files = sorted((ROOT / "data" / collection).glob("*.yaml"))
    assert files, f"data/{collection} holds no records"
    result = _check_jsonschema(ROOT / "schema" / schema_file_name(collection), files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_jsonschema_rejects_a_broken_record() -> None:
    broken = CASES / "bad-country" / "files" / "people" / "asha-rao.yaml"
    result = _check_jsonschema(ROOT / "schema" / schema_file_name("people"), [broken])
    assert result.returncode == 1
    assert "IND" in result.stdout


def _record_files() -> dict[str, list[Path]]:
    """Every record file of the landed data, the base fixture and the test cases, by the
    schema it follows."""
    found: dict[str, list[Path]] = {name: [] for name in COLLECTIONS}
    for folder in [ROOT / "data", BASE, *sorted(CASES.glob("*/files"))]:
        for name in COLLECTIONS:
            found[name] += sorted((folder / name).glob("*.yaml"))
    return found


def _toolkit_accepts(path: Path, collection: str) -> bool:
    loaded = load_file(path)
    return not loaded.problems and not check_schema(loaded, collection, str(path))


@pytest.mark.parametrize("collection", list(COLLECTIONS))
def test_a_record_the_toolkit_accepts_passes_check_jsonschema_too(collection: str) -> None:
    """The toolkit and the exported schema, read by a YAML 1.2 tool (check-jsonschema), agree:
    no record file the toolkit accepts is refused by the schema (``date: 2026`` and
    ``role: 012`` are numbers in YAML 1.2, so the toolkit refuses them too, E-YAML-NUMBER).
    The toolkit may refuse more (rules no JSON Schema can state), never less."""
    files = _record_files()[collection]
    result = _check_jsonschema(ROOT / "schema" / schema_file_name(collection), files)
    refused = {path for path in files if f"{path}::" in result.stdout or f"{path}" in result.stderr}
    accepted_by_toolkit = {path for path in files if _toolkit_accepts(path, collection)}
    assert accepted_by_toolkit & refused == set(), result.stdout[-3000:]
    numbers = CASES / "yaml-number" / "files" / collection
    for path in files:
        if path.is_relative_to(numbers):
            assert path in refused and path not in accepted_by_toolkit  # the same verdict
        if path.is_relative_to(ROOT / "data"):
            assert path in accepted_by_toolkit and path not in refused
