"""Pass 2: build the pydantic model of each record, for the rules a JSON Schema cannot state.

The schema pass already reports shapes and types; what remains here is calendar-checked dates,
URL hosts and model-level rules. Problems at a field the schema pass already reported are
dropped, so one mistake gives one message.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from toolkit.foundation.codes import ProblemCode
from toolkit.foundation.problems import FieldPath, Problem, overlaps
from toolkit.reading.loader import LoadedFile

ModelT = TypeVar("ModelT", bound=BaseModel)

_BEYOND_SCHEMA = {"date_invalid", "url_invalid", "dates_out_of_order", "value_error"}
"""Error types only the models can find; any other error the schema pass has reported already."""

_CODES: dict[str, ProblemCode] = {
    "missing": "E-KEY-MISSING",
    "extra_forbidden": "E-KEY-UNKNOWN",
    "null_forbidden": "E-NULL",
    "date_invalid": "E-DATE",
    "url_invalid": "E-URL",
    "country_invalid": "E-COUNTRY",
    "dates_out_of_order": "E-ORDER",
    "enum": "E-ENUM",
}


def check_model(
    loaded: LoadedFile, model: type[ModelT], name: str, reported: list[Problem]
) -> tuple[ModelT | None, list[Problem]]:
    """The record's model if it is valid, and the problems the schema pass did not report."""
    try:
        return model.model_validate(loaded.data), []
    except ValidationError as error:
        covered = {problem.path for problem in reported}
        problems = [
            _translate(detail, loaded, name)
            for detail in error.errors(include_url=False)
            if not reported
            or (detail["type"] in _BEYOND_SCHEMA and not overlaps(tuple(detail["loc"]), covered))
        ]
        return None, problems


def _translate(detail: Any, loaded: LoadedFile, name: str) -> Problem:
    path: FieldPath = tuple(detail["loc"])
    line, column = loaded.position(path) or (None, None)
    message = str(detail["msg"])
    kind = str(detail["type"])
    code = _CODES.get(kind, "E-TYPE" if kind.endswith("_type") else "E-VALUE")
    value = detail.get("input")
    if code == "E-DATE":
        message = f"{value!r} is not a real date: {message}"
    elif code == "E-URL":
        message = f"{value!r} {message}"
    hint = (detail.get("ctx") or {}).get("hint")  # a fix the validator could name
    return Problem.at(name, code, message, line=line, column=column, path=path, hint=hint)
