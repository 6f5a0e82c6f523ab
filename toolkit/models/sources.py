"""Sources: the documents every fact is cited to, with what a citation needs."""

from __future__ import annotations

from pydantic import ConfigDict, Field

from toolkit.models.base import Record, SpeakerRef, StrictModel
from toolkit.models.enums import DocumentedEnum
from toolkit.models.fields import LanguageCode, PartialDate, Prose, ShortText, Text, Url
from toolkit.models.translations import Translations


class SourceKind(DocumentedEnum):
    """What sort of document a source is."""

    OFFICIAL_READOUT = (
        "official-readout",
        "A government's own account of a meeting or call.",
        "Compte rendu officiel",
    )
    OFFICIAL_STATEMENT = (
        "official-statement",
        ("A statement, speech or briefing by a government or official."),
        "Déclaration officielle",
    )
    PRESS_RELEASE = (
        "press-release",
        ("A release issued by a government office, including through a newswire."),
        "Communiqué de presse",
    )
    NEWS_REPORT = "news-report", "An article by a news outlet or news agency.", "Article de presse"
    PARLIAMENTARY_RECORD = (
        "parliamentary-record",
        ("Debates or committee records of a legislature."),
        "Document parlementaire",
    )
    REFERENCE_WORK = (
        "reference-work",
        "An encyclopaedia or similar compiled reference.",
        "Ouvrage de référence",
    )
    SOCIAL_MEDIA_POST = (
        "social-media-post",
        "A post on a social network by an official account.",
        "Publication sur les réseaux sociaux",
    )


class Account(DocumentedEnum):
    """Whose account of events a source gives, so claims can be attributed to a side."""

    INDIAN_GOVERNMENT = (
        "indian-government",
        ("Published by the Government of India or one of its bodies."),
        "Gouvernement de l’Inde",
    )
    CANADIAN_GOVERNMENT = (
        "canadian-government",
        ("Published by the Government of Canada or one of its bodies."),
        "Gouvernement du Canada",
    )
    THIRD_PARTY = (
        "third-party",
        ("Published by anyone else: news outlets, agencies, reference works."),
        "Tiers",
    )


class Passage(StrictModel):
    """A verbatim excerpt of the document, so quotes from it can be checked and read in context."""

    text: Text
    """A few whole sentences copied exactly from the document as read at `url` on `accessed`
    (never from another outlet's copy): the sentences around a quote, never the quote alone."""
    speakers: list[SpeakerRef] = Field(default_factory=list)
    """People or organisations this passage itself credits with words in it (e.g. it says
    "the MEA said"); a quote `attributed_to` a speaker must come from such a passage."""


class Source(Record):
    """A document that supports facts in other records."""

    collection = "sources"
    title_plural = "Sources"

    kind: SourceKind
    """What sort of document this is."""
    account: Account
    """Whose account it gives: an Indian or Canadian government body, or a third party. A news
    report quoting a readout is a third party; the quote's `attributed_to` names the speaker."""
    publisher: ShortText
    """Who published it, as the outlet names itself (e.g. `The Indian Express`)."""
    agency: ShortText | None = None
    """The news agency whose copy the outlet carries (e.g. `ANI`, `IANS`), when stated."""
    title: ShortText | None = None
    """The headline or title exactly as published."""
    title_unseen: Text | None = None
    """Given instead of `title` when the page as read shows no headline, or no copy of it could
    be read: says what was seen, so no title is ever guessed (e.g. from the address)."""
    url: Url
    """Where the document can be read."""
    archive_url: Url | None = None
    """A copy in a web archive, in case the original moves or disappears."""
    published: PartialDate | None = None
    """The date the document carries; omitted when it carries none."""
    accessed: PartialDate | None = None
    """When the document was last read at `url`: the date its title and passages were copied.
    Omitted only for a source no copy of which could be read (see `title_unseen`)."""
    language: LanguageCode = "en"
    """The language of the document."""
    notes: Prose | None = None
    """Caveats on the source itself, such as an unconfirmed date or a likely translation error."""
    issued_by: SpeakerRef | None = None
    """The person or organisation whose own document this is (a readout, statement, release or
    post), so words in it are theirs; omitted for reports about what others said."""
    passages: list[Passage] = Field(default_factory=list)
    """Verbatim excerpts the records rely on: every quote citing this source must appear in one."""
    translations: Translations | None = None
    """The source's notes in French, with their status."""

    @property
    def origin(self) -> str:
        """Who wrote the words: the agency whose copy an outlet carries, else the publisher.
        Several outlets carrying one agency's copy are one origin, not several confirmations."""
        return self.agency or self.publisher

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "indian-express-2026-02-09",
                    "kind": "news-report",
                    "account": "third-party",
                    "publisher": "The Indian Express",
                    "url": "https://indianexpress.com/article/india/security-info-channel-opens-with-canada-post-ajit-doval-visit-10521507/",
                    "title": "Security info channel opens with Canada post Ajit Doval visit",
                    "published": "2026-02-09",
                    "accessed": "2026-11-25",
                    "language": "en",
                    "passages": [
                        {
                            "text": "The MEA said the two sides agreed to a shared work plan.",
                            "speakers": ["ministry-of-external-affairs"],
                        }
                    ],
                }
            ]
        }
    )
