"""The site's own words in each language it is published in.

Page generators write their interface strings in English inside ``_()`` (or ``n_()`` where a
count decides the form); the French comes from the gettext catalogues in ``locale/fr/*.po``,
one per page family, which translators edit with any PO editor. The language being generated
is set once per site build with ``speaking()``, so helpers deep in a page need no argument for
it. A test extracts every ``_()`` string from the code and requires its French.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

from babel.dates import format_date, format_skeleton
from babel.messages.pofile import read_po

from toolkit.foundation.countries import country_name
from toolkit.foundation.dates import parse_partial_date

LANGUAGES = ("en", "fr")
"""The languages of the site: English first, as the default (``x-default``) version."""
SOURCE_LANGUAGE = "en"
"""The language the strings are written in, in the code."""
LOCALES = {"en": "en_CA", "fr": "fr_CA"}
"""The regional form of each language used for dates: Canada's."""
LANGUAGE_NAMES = {"en": "English", "fr": "Français"}
"""Each language by its own name, as a language link shows it."""
CATALOGUES = Path(__file__).parent / "locale"

_language: ContextVar[str] = ContextVar("site_language", default=SOURCE_LANGUAGE)


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Generate pages in ``language`` within the block."""
    if language not in LANGUAGES:
        raise ValueError(f"the site is not published in {language!r}")
    token = _language.set(language)
    try:
        yield
    finally:
        _language.reset(token)


def current_language() -> str:
    """The language pages are being generated in."""
    return _language.get()


@cache
def catalogue(language: str) -> dict[str, str | tuple[str, ...]]:
    """Every translated string of ``language``, by its English (a plural by its singular)."""
    messages: dict[str, str | tuple[str, ...]] = {}
    for path in sorted((CATALOGUES / language).glob("*.po")):
        with path.open("rb") as file:
            for message in read_po(file, locale=LOCALES[language]):
                if not message.id or not message.string:
                    continue
                key = str(message.id if isinstance(message.id, str) else message.id[0])
                string = message.string
                messages[key] = tuple(string) if isinstance(string, (list, tuple)) else string
    return messages


def _(message: str) -> str:
    """``message`` in the current language (its English where no translation exists, which a
    test forbids for the languages published)."""
    language = current_language()
    if language == SOURCE_LANGUAGE:
        return message
    found = catalogue(language).get(message)
    return found if isinstance(found, str) else message


def N_(message: str) -> str:  # noqa: N802 (gettext's name for it)
    """Marks an English string kept in a constant for translation where it is shown (``_``
    then): the string itself, so the extraction test finds it."""
    return message


def n_(singular: str, plural: str, count: int) -> str:
    """The form of a counted phrase for ``count``: one for 0 and 1 in French, for 1 only in
    English."""
    language = current_language()
    if language == SOURCE_LANGUAGE:
        return singular if count == 1 else plural
    found = catalogue(language).get(singular)
    if isinstance(found, tuple) and len(found) == 2:
        return found[0] if count in (0, 1) else found[1]
    return singular if count == 1 else plural


def country(code: str) -> str:
    """A country's short name in the current language (ISO 3166's, as pycountry translates
    it), the code itself when unknown."""
    return standard_name("iso3166-1", country_name(code), code)


def standard_name(standard: str, english: str, code: str) -> str:
    """A name an ISO standard gives in English (``iso3166-1`` countries, ``iso639-3``
    languages) in the current language, as pycountry's translations give it; ``english`` as it
    is where it is only the ``code`` (unknown) or the page is in English."""
    import gettext

    import pycountry

    language = current_language()
    if language == SOURCE_LANGUAGE or english == code:
        return english
    names = gettext.translation(
        standard, pycountry.LOCALES_DIR, languages=[language], fallback=True
    )
    return names.gettext(english)


def partial_date(value: str) -> str:
    """A date known to the year, month or day as the current language writes it: ISO in
    English (as the data gives it), ``7 février 2026`` / ``février 2026`` in French."""
    language = current_language()
    if language == SOURCE_LANGUAGE:
        return value
    try:
        year, month, day = parse_partial_date(value)
    except ValueError:
        return value
    locale = LOCALES[language]
    if month is None:
        return str(year)
    if day is None:
        return format_skeleton("yMMMM", dt.date(year, month, 1), locale=locale)
    written = format_date(dt.date(year, month, day), format="long", locale=locale)
    if language == "fr" and day == 1:
        written = "1er" + written[1:]  # le premier du mois: « 1er février »
    return written
