"""The closed list of country codes, taken from ISO 3166-1 as published by pycountry."""

from __future__ import annotations

import pycountry

COUNTRY_CODES: frozenset[str] = frozenset(country.alpha_2 for country in pycountry.countries)


def country_name(code: str) -> str:
    """The English short name of a country code, or the code itself when unknown."""
    country = pycountry.countries.get(alpha_2=code)
    return str(country.name) if country is not None else code
