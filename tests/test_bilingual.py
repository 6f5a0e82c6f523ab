"""Both languages in the published record: twin pages with their alternates and a language
link to the same page, a sitemap naming both, the data with the record's own words in both
languages, and a search index that is the same for the same pages."""

from __future__ import annotations

import copy
import csv
import json
import shutil
import sqlite3
import xml.etree.ElementTree as ElementTree
from contextlib import closing
from pathlib import Path

import jsonschema
import pytest
import yaml
from pydantic import ValidationError

from toolkit.models.dataset_info import DatasetInfo, FrenchDescription
from toolkit.models.translations import Translation, english_digest
from toolkit.publishing.bilingual import as_objects, with_french_columns
from toolkit.publishing.dataset import Dataset
from toolkit.publishing.exporters.datasette import metadata
from toolkit.publishing.site.search_index import SEARCH_FOLDER, build_search_index
from toolkit.reading.record_form import record_form

ADDRESS = "http://127.0.0.1:8000/"
NOT_PAGES = ("data/", "pagefind/", "assets/", "feeds/")
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def pages_of(root: Path, *, skip: tuple[str, ...] = ()) -> set[str]:
    """The site paths of a language's pages (``commitments/x/``), redirect pages left out."""
    found = set()
    for path in root.rglob("index.html"):
        relative = path.parent.relative_to(root).as_posix()
        relative = "" if relative == "." else relative + "/"
        text = path.read_text(encoding="utf-8")
        if relative.startswith((*NOT_PAGES, *skip)) or 'http-equiv="refresh"' in text:
            continue
        found.add(relative)
    return found


def test_every_page_has_its_twin_in_the_other_language(site: Path) -> None:
    english, french = pages_of(site, skip=("fr/",)), pages_of(site / "fr")
    assert "commitments/liaison-officers/" in english
    assert english == french


def test_each_page_names_both_languages_and_links_to_the_same_page(site: Path) -> None:
    for prefix, other in (("", "fr/"), ("fr/", "")):
        for path in sorted(pages_of(site / prefix, skip=("fr/",)))[:40]:
            html = (site / prefix / path / "index.html").read_text(encoding="utf-8")
            language = "fr" if prefix else "en"
            assert f'<html lang="{language}"' in html, path
            for code, where in (("en", ""), ("fr", "fr/"), ("x-default", "")):
                alternate = (
                    f'<link rel="alternate" hreflang="{code}" href="{ADDRESS}{where}{path}">'
                )
                assert alternate in html, (prefix, path, code)
            link = html.split('<nav class="language-link"', 1)[1].split("</nav>", 1)[0]
            href = link.split('href="', 1)[1].split('"', 1)[0]
            target = (site / prefix / path / href).resolve()
            assert target == (site / other / path).resolve(), (prefix, path, href)
            assert (target / "index.html").is_file()


def test_the_sitemap_lists_both_languages_with_their_alternates(site: Path) -> None:
    root = ElementTree.parse(site / "sitemap.xml").getroot()
    entries = {
        url.findtext(f"{SITEMAP}loc"): {
            link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")
        }
        for url in root.findall(f"{SITEMAP}url")
    }
    english = f"{ADDRESS}commitments/liaison-officers/"
    french = f"{ADDRESS}fr/commitments/liaison-officers/"
    expected = {"en": english, "fr": french, "x-default": english}
    assert entries[english] == entries[french] == expected
    assert len(entries) == 2 * len(pages_of(site, skip=("fr/",)))


def test_each_language_is_built_from_a_plain_generated_configuration(site: Path) -> None:
    french = yaml.safe_load((site.parent / "mkdocs.fr.yml").read_text(encoding="utf-8"))
    assert french["theme"]["language"] == "fr"
    assert french["site_url"] == f"{ADDRESS}fr/"
    assert french["plugins"] == []
    assert {"Accueil": "index.md"} in french["nav"]
    english = yaml.safe_load((site.parent / "mkdocs.en.yml").read_text(encoding="utf-8"))
    assert english["theme"]["language"] == "en" and english["site_url"] == ADDRESS


def test_french_pages_show_the_records_french_and_mark_what_is_still_english(site: Path) -> None:
    ministry = (site / "fr/organizations/example-ministry/index.html").read_text(encoding="utf-8")
    assert "<h1>Ministère des Affaires exemplaires" in ministry
    assert "traduction non officielle" in ministry
    topic = (site / "fr" / "topics" / "illicit-drugs" / "index.html").read_text(encoding="utf-8")
    assert '<h1><span lang="en">Illicit drugs</span></h1>' in topic
    assert "Le flux illégal de drogues." in topic
    commitment = (site / "fr/commitments/liaison-officers/index.html").read_text(encoding="utf-8")
    assert '<span lang="en">' in commitment  # its own words have no French yet
    english = (site / "topics" / "illicit-drugs" / "index.html").read_text(encoding="utf-8")
    assert "illégal" not in english and "traduction" not in english


def test_the_json_gives_the_records_own_words_in_both_languages(site: Path) -> None:
    dist = site.parent / "dist"
    [ministry] = json.loads((dist / "organizations.json").read_text(encoding="utf-8"))
    assert ministry["name"] == {
        "en": "Ministry of Example Affairs",
        "fr": "Ministère des Affaires exemplaires",
        "fr_status": "translation",
    }
    [topic] = json.loads((dist / "topics.json").read_text(encoding="utf-8"))
    assert topic["name"] == {"en": "Illicit drugs"}
    assert topic["statements"][0]["text"]["fr"] == "Le flux illégal de drogues."
    assert "translations" not in topic
    [person] = json.loads((dist / "people.json").read_text(encoding="utf-8"))
    assert person["name"] == "Asha Rao"  # a name is never translated
    assert person["positions"][0]["title"] == {"en": "National Security Adviser"}
    checked = 0
    for schema_file in sorted((dist / "schema").glob("*.schema.json")):
        collection = schema_file.name.removesuffix(".schema.json")
        folder = dist / "records" / collection
        if not folder.is_dir():
            continue
        validator = jsonschema.Draft202012Validator(json.loads(schema_file.read_text()))
        for record in json.loads((dist / f"{collection}.json").read_text(encoding="utf-8")):
            validator.validate(record)
            checked += 1
    assert checked == sum(1 for _ in (dist / "records").glob("*/*.json")) - len(
        list((dist / "records").glob("*/index.json"))
    )
    broken = {**topic, "name": {"en": "Illicit drugs", "fr": "Drogues"}}  # with no fr_status
    schema = json.loads((dist / "schema" / "topics.schema.json").read_text())
    assert not jsonschema.Draft202012Validator(schema).is_valid(broken)


def test_the_tables_give_the_french_beside_each_column(site: Path) -> None:
    dist = site.parent / "dist"
    with (dist / "csv" / "organizations.csv").open(encoding="utf-8") as handle:
        [row] = list(csv.DictReader(handle))
    assert (row["name"], row["name_fr"], row["name_fr_status"]) == (
        "Ministry of Example Affairs",
        "Ministère des Affaires exemplaires",
        "translation",
    )
    with (dist / "csv" / "topics_statements.csv").open(encoding="utf-8") as handle:
        [statement] = list(csv.DictReader(handle))
    assert statement["text_fr"] == "Le flux illégal de drogues."
    assert not (dist / "csv" / "topics_translations_fr.csv").exists()
    package = json.loads((dist / "datapackage.json").read_text(encoding="utf-8"))
    fields = {
        field["name"]
        for resource in package["resources"]
        if resource["name"] == "topics"
        for field in resource["schema"]["fields"]
    }
    assert {"name", "name_fr", "name_fr_status"} <= fields


def test_the_metadata_carries_both_languages_and_encodes_them(base_data: Path) -> None:
    read = yaml.safe_load((base_data / "dataset.yaml").read_text(encoding="utf-8"))
    info = json.loads(json.dumps(read, default=str))  # dates as the YAML loader reads them
    info["fr"] = {"title": "Dialogue <b>", "description": "Un <script>registre</script>."}
    dataset = Dataset(DatasetInfo.model_validate(info))
    assert isinstance(dataset.info.fr, FrenchDescription)
    described = metadata(dataset)
    assert described["title"].endswith(" / Dialogue <b>")
    assert (
        '<p lang="fr">Un &lt;script&gt;registre&lt;/script&gt;.</p>'
        in described["description_html"]
    )
    assert dataset.info.translated("title") == {"en": info["title"], "fr": "Dialogue <b>"}


def test_the_search_index_is_the_same_for_the_same_pages(site: Path, tmp_path: Path) -> None:
    copies = []
    for name in ("first", "second"):
        copy = tmp_path / name
        shutil.copytree(site, copy, ignore=shutil.ignore_patterns(SEARCH_FOLDER, "data"))
        build_search_index(copy)
        copies.append(copy / SEARCH_FOLDER)
    files = sorted(p.relative_to(copies[0]) for p in copies[0].rglob("*") if p.is_file())
    assert len(files) > 10
    for relative in files:
        assert (copies[0] / relative).read_bytes() == (copies[1] / relative).read_bytes(), relative


def test_sqlite_gives_the_french_beside_each_column_and_indexes_list_titles(site: Path) -> None:
    dist = site.parent / "dist"
    with closing(sqlite3.connect(dist / "dataset.sqlite")) as db:
        french = db.execute("SELECT name, name_fr, name_fr_status FROM organizations").fetchall()
        statement = db.execute("SELECT text_fr FROM topics_statements").fetchall()
    assert french == [
        ("Ministry of Example Affairs", "Ministère des Affaires exemplaires", "translation")
    ]
    assert statement == [("Le flux illégal de drogues.",)]
    listed = json.loads((dist / "records" / "organizations" / "index.json").read_text())
    titles = json.dumps(listed, ensure_ascii=False)
    assert '"Ministry of Example Affairs"' in titles  # a title read in English, not an object


def test_an_official_text_keeps_its_source_there_and_back() -> None:
    document = {
        "id": "example-office",
        "name": "Privy Council Office",
        "country": "CA",
        "kind": "office",
        "sources": ["pco-fr"],
        "translations": {
            "fr": [
                {
                    "field": "/name",
                    "text": "Bureau du Conseil privé",
                    "status": "official",
                    "translates": english_digest("Privy Council Office"),
                    "source": "pco-fr",
                }
            ]
        },
    }
    published = as_objects("organizations", copy.deepcopy(document))
    assert published["name"] == {
        "en": "Privy Council Office",
        "fr": "Bureau du Conseil privé",
        "fr_status": "official",
        "fr_source": "pco-fr",
    }
    assert record_form("organizations", published) == document
    columns = with_french_columns("organizations", copy.deepcopy(document))
    assert columns["name_fr_source"] == "pco-fr"


def test_a_field_is_named_one_way_only() -> None:
    version = {"text": "x", "status": "translation", "translates": "0123456789ab"}
    Translation.model_validate({**version, "field": "/statements/10/text"})
    with pytest.raises(ValidationError):
        Translation.model_validate({**version, "field": "/statements/01/text"})
