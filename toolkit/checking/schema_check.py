"""Pass 1: check each record against its collection's exported JSON Schema.

jsonschema-rs does the checking (it is far faster than parsing); this module turns its errors
into problems a contributor can act on: one message per mistake, at the key or value concerned,
with the closest valid key or value suggested.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import jsonschema_rs
import pycountry

from toolkit.foundation.codes import ProblemCode
from toolkit.foundation.countries import COUNTRY_CODES
from toolkit.foundation.dates import YearRangeError, parse_partial_date
from toolkit.foundation.problems import FieldPath, Problem
from toolkit.foundation.suggestions import suggest
from toolkit.foundation.urls import url_refusal
from toolkit.models import COLLECTIONS
from toolkit.models.fields import DATE_PATTERN, ONE_LINE_PATTERN, SLUG_PATTERN, URL_PATTERN
from toolkit.reading.loader import LoadedFile
from toolkit.reading.schema_export import collection_schema

_PATTERN_CODES: dict[str, ProblemCode] = {
    SLUG_PATTERN: "E-ID",
    DATE_PATTERN: "E-DATE",
    URL_PATTERN: "E-URL",
    ONE_LINE_PATTERN: "E-TEXT-LINE",
}
_PATTERN_MESSAGES = {
    "E-ID": "is not a valid id (lowercase letters a-z, digits and single hyphens)",
    "E-DATE": "is not a valid date (expected YYYY, YYYY-MM or YYYY-MM-DD)",
    "E-URL": "is not an http:// or https:// URL",
    "E-TEXT-LINE": "holds a line break, but this field is one line",
}
_TYPE_NAMES = {
    "string": "text",
    "array": "a list",
    "object": "a mapping of keys to values",
    "boolean": "true or false",
    "null": "null",
    "integer": "a whole number",
    "number": "a number",
}


@cache
def _validator(collection: str) -> Any:
    return jsonschema_rs.Draft202012Validator(collection_schema(collection))


@cache
def _schema(collection: str) -> dict[str, Any]:
    return collection_schema(collection)


@cache
def _fields(collection: str) -> tuple[frozenset[str], frozenset[str]]:
    """A collection's keys, and those of them a record must have."""
    fields = COLLECTIONS[collection].model_fields
    required = frozenset(name for name, info in fields.items() if info.is_required())
    return frozenset(fields), required


def check_schema(loaded: LoadedFile, collection: str, name: str) -> list[Problem]:
    """Every schema violation in one loaded record, as problems."""
    if looks_misplaced := _misplaced(loaded.data, collection):
        return [
            Problem.at(
                name,
                "E-PATH",
                f"this looks like a record of '{looks_misplaced}', not of '{collection}'",
                line=1,
                column=1,
                hint=f"move the file to data/{looks_misplaced}/",
            )
        ]
    errors = _one_per_empty_value(list(_validator(collection).iter_errors(loaded.data)))
    unknown = {
        (tuple(error.instance_path), key): error
        for error in errors
        if error.kind.name == "additionalProperties"
        for key in error.kind.unexpected
    }
    missing = {
        (tuple(error.instance_path), error.kind.property)
        for error in errors
        if error.kind.name == "required"
    }
    problems: list[Problem] = []
    fixed_by_rename: set[tuple[FieldPath, str]] = set()
    for (path, key), error in unknown.items():
        allowed = _properties_at(collection, list(error.schema_path)[:-1])
        guess = suggest(key, [k for k in allowed if (path, k) in missing]) or suggest(key, allowed)
        if guess is not None and (path, guess) in missing:
            fixed_by_rename.add((path, guess))
        line, column = loaded.position((*path, key), key=True) or (None, None)
        problems.append(
            Problem.at(
                name,
                "E-KEY-UNKNOWN",
                f"unknown key '{key}'" + (f", did you mean '{guess}'?" if guess else ""),
                line=line,
                column=column,
                path=(*path, key),
                hint=None if guess else f"allowed keys here: {', '.join(allowed)}",
            )
        )
    for error in errors:
        if error.kind.name == "additionalProperties":
            continue
        if (
            error.kind.name == "required"
            and (tuple(error.instance_path), error.kind.property) in fixed_by_rename
        ):
            continue
        problems.append(_translate(error, loaded, name, collection))
    return problems


def _one_per_empty_value(errors: list[Any]) -> list[Any]:
    """An empty value breaks its type and its enum or pattern at once; keep only the type error."""
    empty = {
        tuple(error.instance_path)
        for error in errors
        if error.kind.name == "type" and error.instance is None
    }
    return [
        error
        for error in errors
        if tuple(error.instance_path) not in empty or error.kind.name == "type"
    ]


def _misplaced(data: Any, collection: str) -> str | None:
    """The collection a record seems to belong to, when it plainly is not of its folder's."""
    if collection not in COLLECTIONS or not isinstance(data, dict):
        return None
    keys = data.keys()
    if keys <= _fields(collection)[0]:
        return None
    for other in COLLECTIONS:
        fields, required = _fields(other)
        if other != collection and required <= keys <= fields:
            return other
    return None


def _subschema(collection: str, schema_path: list[str | int]) -> dict[str, Any]:
    node: Any = _schema(collection)
    for part in schema_path:
        node = node[part]
    return dict(node)


def _properties_at(collection: str, schema_path: list[str | int]) -> list[str]:
    return list(_subschema(collection, schema_path).get("properties", {}))


def _translate(error: Any, loaded: LoadedFile, name: str, collection: str) -> Problem:
    path: FieldPath = tuple(error.instance_path)
    kind = error.kind.name
    line, column = loaded.position(path) or (None, None)
    code, message, hint = _describe(error, kind, path, collection)
    if kind == "required":
        path = (*path, error.kind.property)
    return Problem.at(name, code, message, line=line, column=column, path=path, hint=hint)


def _describe(
    error: Any, kind: str, path: FieldPath, collection: str
) -> tuple[ProblemCode, str, str | None]:
    value = error.instance
    if kind == "required":
        field = error.kind.property
        properties = _subschema(collection, list(error.schema_path)[:-1]).get("properties", {})
        meaning = properties.get(field, {}).get("description", "")
        return "E-KEY-MISSING", f"missing required key '{field}'", f"add `{field}:` ({meaning})"
    if kind == "type":
        return _describe_type(value, error.kind.types, path)
    if kind == "enum":
        return _describe_enum(value, [str(option) for option in error.kind.options])
    if kind == "pattern":
        code = _PATTERN_CODES.get(error.kind.pattern, "E-VALUE")
        if code == "E-URL" and (refusal := url_refusal(str(value))) is not None:
            return code, f"{value!r} {refusal.reason}", refusal.hint
        detail = _PATTERN_MESSAGES.get(code, f"does not match the pattern {error.kind.pattern}")
        if code == "E-DATE":
            detail = _date_detail(str(value), detail)
        return code, f"{value!r} {detail}", _pattern_hint(code, str(value))
    if kind == "minItems":
        if path and path[-1] == "sources":
            return "E-CITE", "no source is cited", "list the ids of the sources that support it"
        return "E-VALUE", f"needs at least {error.kind.limit} item(s)", None
    if kind == "minLength":
        return "E-VALUE", "must not be empty", "write the value or remove the key"
    if kind == "maxLength":
        return "E-VALUE", f"is longer than {error.kind.limit} characters", None
    return "E-VALUE", str(error.message), None


def _date_detail(value: str, shape: str) -> str:
    """Name the year range when the date has the right shape but a year out of range."""
    try:
        parse_partial_date(value)
    except YearRangeError as error:
        return f"is not a valid date: {error}"
    except ValueError:
        pass
    return shape


def _describe_type(
    value: Any, types: list[str], path: FieldPath
) -> tuple[ProblemCode, str, str | None]:
    if value is None:
        return "E-NULL", "value is empty (null)", "give a value, or remove the key"
    expected = " or ".join(_TYPE_NAMES.get(t, t) for t in types)
    if not path:
        return (
            "E-TOP",
            f"the file must hold a mapping of keys to values, not {_kind_of(value)}",
            ("start the file with `id: <id>`"),
        )
    hint = None
    if isinstance(value, bool) and "string" in types:
        hint = f"write it in quotes: '{str(value).lower()}'"
    elif isinstance(value, str) and "array" in types:
        hint = f"write a list: [{value}]"
    return "E-TYPE", f"expected {expected}, got {_kind_of(value)}", hint


def _kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _describe_enum(value: Any, options: list[str]) -> tuple[ProblemCode, str, str | None]:
    if set(options) == COUNTRY_CODES:
        guess = _country_guess(str(value))
        hint = f"did you mean '{guess}'?" if guess else "use the two-letter code: IN, CA, ..."
        return "E-COUNTRY", f"{value!r} is not an ISO 3166-1 alpha-2 country code", hint
    guess = suggest(str(value), options) if isinstance(value, str) else None
    listing = ", ".join(options)
    message = f"{value!r} is not one of: {listing}"
    return "E-ENUM", message, f"did you mean '{guess}'?" if guess else None


def _country_guess(text: str) -> str | None:
    countries = pycountry.countries
    for country in (
        countries.get(alpha_2=text.upper()),
        countries.get(alpha_3=text.upper()),
        countries.get(name=text),
    ):
        if country is not None:
            return str(country.alpha_2)
    return None


def _pattern_hint(code: str, value: str) -> str | None:
    if code == "E-ID":
        slug = "-".join(
            "".join(c if c.isalnum() and c.isascii() else " " for c in value.lower()).split()
        )
        return f"did you mean '{slug}'?" if slug and slug != value else None
    if code == "E-DATE":
        return (
            "write the date as 2026-02-07, or 2026-02 / 2026 when only the month or year is known"
        )
    if code == "E-URL":
        return "give the full address starting with https://"
    if code == "E-TEXT-LINE":
        return "write it on one line; longer text belongs in the description"
    return None
