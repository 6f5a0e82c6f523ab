"""The site's interface in French: every string the page generators and the configuration
show has its French, with the same placeholders; dates, countries, labels and record text are
written as the page's language wants them."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir

from toolkit.models import COLLECTIONS
from toolkit.models.commitment_terms import CommitmentStatus
from toolkit.publishing.site.configuration import read_base
from toolkit.publishing.site.i18n import (
    LANGUAGES,
    SOURCE_LANGUAGE,
    _,
    catalogue,
    country,
    n_,
    partial_date,
    speaking,
)
from toolkit.publishing.site.markup import EnglishText, FrenchText, label, prose

ROOT = Path(__file__).parent.parent
SITE_CODE = ROOT / "toolkit" / "publishing" / "site"
PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


@cache
def code_strings() -> dict[str, str]:
    """Every string the site's code marks for translation, with where it is."""
    found: dict[str, str] = {}
    for filename, line, message, _comments, _context in extract_from_dir(
        str(SITE_CODE),
        method_map=[("**.py", "python")],
        keywords={"_": None, "N_": None, "n_": (1, 2)},
    ):
        msgid = message if isinstance(message, str) else message[0]  # a plural by its singular
        found.setdefault(msgid, f"{filename}:{line}")
    return found


def configuration_strings() -> set[str]:
    """The words mkdocs.yml and the models give the site: its name, menu, palette toggles."""
    base = read_base(ROOT / "mkdocs.yml")
    words = {base["site_name"], base["site_description"]}
    words |= {s["toggle"]["name"] for s in base["theme"]["palette"] if "toggle" in s}
    words |= {title for entry in base["nav"] for title in entry}
    words |= {model.title_plural for model in COLLECTIONS.values() if model.has_pages()}
    return words


def test_the_extraction_reaches_the_page_generators() -> None:
    strings = code_strings()
    assert "Each government’s account" in strings
    assert "{count} report" in strings  # an n_() call, by its singular


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != SOURCE_LANGUAGE])
def test_every_interface_string_has_its_translation(language: str) -> None:
    known = catalogue(language)
    missing = [
        f"{where}: {msgid!r}"
        for msgid, where in sorted(code_strings().items())
        if msgid not in known
    ]
    missing += [f"mkdocs.yml: {w!r}" for w in sorted(configuration_strings()) if w not in known]
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != SOURCE_LANGUAGE])
def test_translations_keep_the_placeholders_and_nothing_is_left_unused(language: str) -> None:
    used = set(code_strings()) | configuration_strings()
    for msgid, translated in catalogue(language).items():
        assert msgid in used, f"{msgid!r} is in the catalogue but nothing shows it"
        forms = translated if isinstance(translated, tuple) else (translated,)
        for form in forms:
            assert sorted(PLACEHOLDER.findall(form)) == sorted(PLACEHOLDER.findall(msgid)), (
                msgid,
                form,
            )


def test_strings_dates_and_countries_follow_the_language() -> None:
    assert _("Commitments") == "Commitments"
    assert partial_date("2026-02-07") == "2026-02-07"
    assert country("IN") == "India"
    with speaking("fr"):
        assert _("Commitments") == "Engagements"
        assert _("a string no catalogue has") == "a string no catalogue has"
        assert partial_date("2026-02-07") == "7 février 2026"
        assert partial_date("2026-02-01") == "1er février 2026"
        assert partial_date("2025-11") == "novembre 2025"
        assert partial_date("2025") == "2025"
        assert country("IN") == "Inde"
        assert country("US") == "États-Unis"
        assert n_("{count} report", "{count} reports", 1) == "{count} article"
        assert n_("{count} report", "{count} reports", 3) == "{count} articles"
    assert _("Commitments") == "Commitments"  # the language is set only within the block
    with pytest.raises(ValueError, match="not published"):
        speaking("de").__enter__()


def test_labels_and_record_text_are_marked_with_their_language() -> None:
    announced = CommitmentStatus.ANNOUNCED
    assert ">Announced<" in label(announced) and "title=" in label(announced)
    english, french = (
        EnglishText("The <b>talks</b>"),
        FrenchText("Les « pourparlers »", "translation"),
    )
    official = FrenchText("Bureau du Conseil privé", "official")
    assert prose(english) == "The &lt;b&gt;talks&lt;/b&gt;"  # an English page marks nothing
    with speaking("fr"):
        assert label(announced) == "<span>Annoncé</span>"
        assert prose(english) == '<span lang="en">The &lt;b&gt;talks&lt;/b&gt;</span>'
        assert prose(french).startswith("Les « pourparlers »")
        assert "traduction non officielle" in prose(french)
        assert prose(official) == "Bureau du Conseil privé"
        assert prose("Plain interface words") == "Plain interface words"
