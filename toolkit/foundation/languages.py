"""Language codes (ISO 639) as readers read them, taken from the list pycountry publishes."""

from __future__ import annotations

import pycountry


def language_name(code: str) -> str:
    """The English name of a two- or three-letter language code, or the code when unknown."""
    key = "alpha_2" if len(code) == 2 else "alpha_3"
    language = pycountry.languages.get(**{key: code})
    return str(language.name) if language is not None else code
