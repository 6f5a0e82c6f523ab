"""Closed lists whose every value carries its meaning, so schemas and docs can explain them."""

from __future__ import annotations

from enum import StrEnum

from pydantic import GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema


class DocumentedEnum(StrEnum):
    """A string enum whose members are declared as ``NAME = "value", "what it means", "libellé"``:
    the value, its meaning, and its label in French, kept beside the English one (which is
    the value in words)."""

    meaning: str
    french: str

    def __new__(cls, value: str, meaning: str, french: str) -> DocumentedEnum:
        member = str.__new__(cls, value)
        member._value_ = value
        member.meaning = meaning
        member.french = french
        return member

    def __str__(self) -> str:
        return str(self.value)

    @property
    def label(self) -> str:
        """The value as readers read it: ``security-dialogue`` is "Security dialogue"."""
        words = str(self.value).replace("-", " ")
        return words[:1].upper() + words[1:]

    @property
    def labels(self) -> dict[str, str]:
        """The label in each language the site is published in."""
        return {"en": self.label, "fr": self.french}

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        reference = handler(core_schema)
        json_schema = handler.resolve_ref_schema(reference)
        listing = "; ".join(f"`{member.value}`: {member.meaning.rstrip('.')}" for member in cls)
        json_schema["description"] = f"{(cls.__doc__ or '').strip()} One of: {listing}"
        json_schema["x-enum-descriptions"] = {str(m.value): m.meaning for m in cls}
        json_schema["x-enum-labels"] = {str(m.value): m.labels for m in cls}
        return reference
