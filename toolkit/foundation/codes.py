"""Every problem code the toolkit reports, with what it means, an example and the fix.

This is the one place codes are documented; the CLI (`toolkit codes`) and the site read it, and
a test fails when the validator reports a code that is not listed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ProblemCode = Literal[
    "E-FILE-READ",
    "E-FILE-SIZE",
    "E-FILE-ENCODING",
    "E-FILE-EMPTY",
    "E-PATH",
    "E-YAML",
    "E-YAML-MULTIDOC",
    "E-YAML-DUPKEY",
    "E-YAML-ALIAS",
    "E-YAML-TAG",
    "E-YAML-NUMBER",
    "E-FILE-LINE-END",
    "E-YAML-KEY",
    "E-YAML-LIMIT",
    "E-TEXT-CHAR",
    "E-TEXT-LINE",
    "E-TOP",
    "E-KEY-UNKNOWN",
    "E-KEY-MISSING",
    "E-TYPE",
    "E-NULL",
    "E-ENUM",
    "E-ID",
    "E-DATE",
    "E-URL",
    "E-COUNTRY",
    "E-VALUE",
    "E-CITE",
    "E-ID-FILE",
    "E-ID-RESERVED",
    "E-ID-DUP",
    "E-REF",
    "E-REF-KIND",
    "E-QUOTE-SOURCE",
    "E-STATEMENT-SOURCE",
    "E-QUOTE-TEXT",
    "E-QUOTE-PASSAGE",
    "E-QUOTE-SPEAKER",
    "E-SOURCE-TITLE",
    "E-SOURCE-ACCESSED",
    "E-ACCOUNT-PARTY",
    "E-ORDER",
    "E-ANNOUNCED",
    "E-FIELD",
    "E-FMT",
    "E-PARTY",
    "E-SOURCE-ISSUER",
    "E-SCORE-BASIS",
    "E-SCORE-SOURCE",
    "E-GUIDELINE",
    "E-SCORE-WAIT",
    "E-RECALIBRATION",
    "E-RELEASE",
    "W-OVERDUE",
    "W-STALE",
    "W-UNCITED",
    "W-AGENCY",
    "W-DATE-PRECISION",
    "W-SPEAKER",
    "E-REDIRECT-REUSED",
    "E-REDIRECT-TARGET",
    "E-REDIRECT-CHAIN",
    "E-REDIRECT-DUP",
    "E-TRANSLATION-FIELD",
    "E-TRANSLATION-STALE",
    "E-TRANSLATION-QUOTE",
    "E-TRANSLATION-SOURCE",
    "E-TRANSLATION-DUP",
]
"""Every problem code, as a type: a misspelt code is a type error where it is reported, and a
test keeps this list and the documentation below the same."""


@dataclass(frozen=True)
class Code:
    """A stable problem code and its documentation."""

    code: ProblemCode
    summary: str
    example: str
    fix: str


_CODES = [
    Code(
        "E-FILE-READ",
        "The file cannot be read.",
        "a file without read permission",
        "Check the file exists and is readable.",
    ),
    Code(
        "E-FILE-SIZE",
        "The file is larger than the limit for one record (1,000,000 bytes).",
        "a 5 MB file in data/people/",
        "Keep one record per file; records are a few kilobytes.",
    ),
    Code(
        "E-FILE-ENCODING",
        "The file is not UTF-8, or starts with a byte-order mark.",
        "a file saved as Latin-1 or UTF-16",
        "Save the file as UTF-8 without a BOM.",
    ),
    Code(
        "E-FILE-LINE-END",
        "A line ends with a carriage return alone (old Mac line endings): YAML reads a line "
        "break there, git and GitHub do not, so what reviewers see differs from what is read.",
        "a file saved with CR line endings",
        "Save the file with LF (or CRLF) line endings.",
    ),
    Code(
        "E-FILE-EMPTY",
        "The file holds no record.",
        "an empty file",
        "Write the record, starting with `id:`, or delete the file.",
    ),
    Code(
        "E-PATH",
        "The file is not where a record belongs, or is not a plain file: links in the data "
        "folder are never followed.",
        "data/person/ajit-doval.yaml (folder not a collection), data/people/x.yml, a symbolic "
        "link (to a record, a collection folder or dataset.yaml), a named pipe",
        "Put each record, as a regular file, at data/<collection>/<id>.yaml; replace a link "
        "with a copy of what it points to.",
    ),
    Code(
        "E-YAML",
        "The YAML cannot be parsed.",
        "title: Doval: NSA",
        "Fix the syntax at the given line; quote text containing `: ` or starting with a "
        "special character; indent with spaces.",
    ),
    Code(
        "E-YAML-MULTIDOC",
        "The file holds more than one YAML document.",
        "a `---` line between two records",
        "Put each record in its own file.",
    ),
    Code(
        "E-YAML-DUPKEY",
        "A key appears twice in the same mapping.",
        "title: A\ntitle: B",
        "Keep one of the two entries.",
    ),
    Code(
        "E-YAML-ALIAS",
        "The file uses YAML anchors or aliases (`&name`, `*name`).",
        "sources: &s [a]\nother: *s",
        "Write each value out in full.",
    ),
    Code(
        "E-YAML-TAG",
        "The file uses a YAML tag such as `!!python/object`.",
        "date: !!timestamp 2026-02-07",
        "Remove the tag; quote the value if it must stay text.",
    ),
    Code(
        "E-YAML-NUMBER",
        "An unquoted value reads as a number in YAML 1.2 (what JSON Schema tools and editors "
        "read), where the field wants text: `2026`, `012` (read as 12), `1e3`, `0x1F`, `.inf`.",
        "date: 2026\nrole: 012",
        'Quote it: `date: "2026"`. `toolkit fmt` quotes such values for you.',
    ),
    Code("E-YAML-KEY", "A key is not plain text.", "? [a, b]\n: value", "Use a word as the key."),
    Code(
        "E-YAML-LIMIT",
        "The record nests too deeply or holds too many values.",
        "a list nested forty levels deep",
        "Records are shallow: check the indentation.",
    ),
    Code(
        "E-TEXT-CHAR",
        "Text holds a character no output can carry safely: a control character (often written "
        "as an escape such as \\x7f or \\u0085 in double quotes), a line or paragraph "
        "separator (U+2028, U+2029), a direction override or isolate, or a noncharacter.",
        'title: "Ottawa talks\\u2028--- "',
        "Delete the character: write a plain line break in multi-line text, a space elsewhere.",
    ),
    Code(
        "E-TEXT-LINE",
        "A one-line field (a name, title or label) holds a line break.",
        'title: "NSA talks\\nin Ottawa"',
        "Write the value on one line; longer text belongs in the record's description.",
    ),
    Code(
        "E-TOP",
        "The file's top level is not a mapping of keys to values.",
        "- id: ajit-doval",
        "Start the file with `id: <id>` and no leading `-`.",
    ),
    Code(
        "E-KEY-UNKNOWN",
        "A key is not a field of this record type.",
        "titel: Liaison officers",
        "Fix the spelling (the message suggests the closest field) or remove the key.",
    ),
    Code(
        "E-KEY-MISSING",
        "A required field is missing.",
        "a meeting without `date`",
        "Add the field; `toolkit schema` and the schema reference list what each type needs.",
    ),
    Code(
        "E-TYPE",
        "A value has the wrong type, e.g. a list where text is expected.",
        "parties: IN",
        "Give the value the expected type (here a list: `parties: [IN]`).",
    ),
    Code(
        "E-NULL",
        "A value is empty or `null`.",
        "end:",
        "Give a value, or remove the key: optional fields are simply left out.",
    ),
    Code(
        "E-ENUM",
        "A value is not one of a closed list.",
        "kind: treaty",
        "Use one of the values the message lists.",
    ),
    Code(
        "E-ID",
        "An id is not a lowercase kebab-case slug.",
        "id: Ajit_Doval",
        "Use lowercase letters a-z, digits and single hyphens: `ajit-doval`.",
    ),
    Code(
        "E-DATE",
        "A date is malformed, does not exist, or has a year outside 1800 to 2199.",
        "start: 2023-02-30",
        "Write YYYY, YYYY-MM or YYYY-MM-DD with a real calendar date from 1800 to 2199.",
    ),
    Code(
        "E-URL",
        "A URL is not an http or https address, or browsers would read it differently from how "
        "it is written (user information before the host, a backslash, a default port, an IP "
        "address for a host).",
        "url: https://www.mea.gov.in:443@evil.example/",
        "Give the full address starting with https:// or http://, written as the hint shows it.",
    ),
    Code(
        "E-COUNTRY",
        "A country is not an ISO 3166-1 alpha-2 code.",
        "country: IND",
        "Use the two-letter code: IN for India, CA for Canada.",
    ),
    Code(
        "E-VALUE",
        "A value breaks a rule of its field (too short, too long, empty list).",
        "participants: []",
        "Follow the rule the message states.",
    ),
    Code(
        "E-CITE",
        "A record cites no source.",
        "sources: []",
        "List the ids of the sources that support the record.",
    ),
    Code(
        "E-ID-FILE",
        "The record's id differs from its file name.",
        "data/people/doval.yaml with id: ajit-doval",
        "Rename the file or fix the id.",
    ),
    Code(
        "E-ID-RESERVED",
        "The id is a name the site or the datasets already use for something they generate "
        "(a section's index page, the combined calendar, the timeline's citation anchors), or a "
        "device name Windows reserves (con, nul, aux, com1, ...).",
        "data/commitments/commitments.yaml, data/events/cite-1.yaml, data/people/con.yaml",
        "Choose a more specific id; ids are permanent, so pick one that will not need to change.",
    ),
    Code(
        "E-ID-DUP",
        "Two records share an id.",
        "two files with id: ajit-doval",
        "Give each record its own id.",
    ),
    Code(
        "E-REF",
        "A reference names a record that does not exist.",
        "person: ajit-dovall",
        "Fix the id (the message suggests the closest) or add the missing record.",
    ),
    Code(
        "E-REF-KIND",
        "A reference names a record of the wrong kind.",
        "person: ministry-of-external-affairs",
        "Refer to a record of the kind the field expects.",
    ),
    Code(
        "E-QUOTE-SOURCE",
        "A quote's source is not among the record's sources.",
        "quotes: [{text: ..., source: wion-2026-02-08}] with sources: [dna-2026-02-09]",
        "Add the quote's source to the record's `sources`.",
    ),
    Code(
        "E-STATEMENT-SOURCE",
        "A statement cites a source that is not among the record's sources.",
        "statements: [{text: ..., sources: [wion-2026-02-08]}] with sources: [dna-2026-02-09]",
        "Add the source to the record's `sources`, or cite one that is there.",
    ),
    Code(
        "E-QUOTE-TEXT",
        "Quoted words do not occur in any stored passage of the sources they cite.",
        'text: "This important step will help" where the passage prints "This step, the MEA '
        'said, would help"',
        "Copy the words exactly as the passage prints them (only spacing, quote marks, dashes "
        "and a sentence's first capital may differ); mark left-out words with …; or store on "
        "the source the passage that holds them.",
    ),
    Code(
        "E-QUOTE-PASSAGE",
        "A quote cites sources that store no passages to check it against.",
        "quotes: [{text: ..., source: dna-2026-02-09}] where dna-2026-02-09 has no `passages`",
        "Copy the whole sentences around the quote, exactly as the page prints them, into the "
        "source's `passages`.",
    ),
    Code(
        "E-QUOTE-SPEAKER",
        "A quote's `attributed_to` is not supported: no passage holding it credits the "
        "speaker, and the source is not the speaker's own document.",
        "attributed_to: ministry-of-external-affairs for words the page gives as its own",
        "Add the speaker to the passage's `speakers` if the passage says they said it, cite "
        "the speaker's own document (`issued_by`), or remove `attributed_to`.",
    ),
    Code(
        "E-SOURCE-TITLE",
        "A source gives neither its title nor why it cannot, or gives both.",
        "a source without `title`",
        "Copy the headline exactly as published; if the page as read shows none, say so in "
        "`title_unseen`.",
    ),
    Code(
        "E-SOURCE-ACCESSED",
        "A source gives a title or passages but not the date they were read.",
        "title: ... and passages: [...] without accessed:",
        "Add `accessed:` with the date the page was read at its `url`.",
    ),
    Code(
        "E-ACCOUNT-PARTY",
        "A government's account is given for a country that is not a party to the record.",
        "accounts: [{government: US, ...}] on a meeting of Indian and Canadian delegations",
        "Give the account of one of the meeting's delegations or the event's countries.",
    ),
    Code(
        "E-ORDER",
        "Dates are out of order.",
        "assessments whose second entry is older than the first; an end before a start",
        "List dated entries oldest first; check start and end dates.",
    ),
    Code(
        "E-ANNOUNCED",
        "A position recorded as only announced has a start or an end date: an announced "
        "appointment is an intention, not an office taken up.",
        "positions: [{title: Ambassador, status: announced, start: 2026-02-02, ...}]",
        "Give the announcement's date as `announced:`; once a source reports the office taken "
        "up, set `status: held` with the `start` that source gives.",
    ),
    Code(
        "E-FIELD",
        "A discrepancy note names a field the record does not have.",
        "discrepancies: [{field: dat, ...}]",
        "Name one of the record's fields, or omit `field`.",
    ),
    Code(
        "E-FMT",
        "`toolkit fmt` cannot rewrite the file safely.",
        "a file with a duplicate key, or a value such as 012 that YAML tools read differently",
        "Fix the errors `toolkit validate` reports, quote look-alike numbers, then run fmt.",
    ),
    Code(
        "E-PARTY",
        "A compliance score is for a country that is not a party to the commitment, or scores "
        "the same party twice in one assessment.",
        "scores: [{party: US, ...}] on a commitment with parties: [IN, CA]",
        "Score only the commitment's parties, once per assessment.",
    ),
    Code(
        "E-SOURCE-ISSUER",
        "A source's issued_by (whose own document it is, which makes its words theirs) "
        "disagrees with what it is checked against: a news report, a reference work or a third "
        "party's account is nobody's own document, and a government's document is issued by "
        "someone of that government's country.",
        "issued_by: ministry-of-external-affairs on a news-report, or on a source with account "
        "canadian-government",
        "Remove issued_by and credit the speaker in a passage's speakers, or correct the kind "
        "or the account.",
    ),
    Code(
        "E-SCORE-BASIS",
        "A compliance score and its basis disagree: the basis cannot support that score, a "
        "score resting on a report cites none, a no-report score does not say what was searched "
        "or how far the material reaches, or the material reaches past the assessment's date.",
        "score: full with basis: no-report",
        "Give the basis the score rests on (evidence, contrary, reaffirmation, no-report, "
        "too-early) and what it needs: the report under the score's sources, or searched and "
        "searched_through.",
    ),
    Code(
        "E-SCORE-SOURCE",
        "A score cites a source its assessment does not.",
        "sources: [other-report] on a score whose assessment cites only gulf-news-2026-02-08",
        "Cite the report in the assessment too, or cite one of the assessment's sources.",
    ),
    Code(
        "E-GUIDELINE",
        "A party is scored +1, 0 or -1, but the commitment has no guideline saying what each "
        "score means for it.",
        "scores: [{score: none, ...}] on a commitment without guideline",
        "Add guideline: {full, partial, none, reaffirmation}, written from the commitment's own "
        "wording, before scoring.",
    ),
    Code(
        "E-SCORE-WAIT",
        "Under the method in force, a score disagrees with the waiting period counted from the "
        "meeting to the date its evidence reaches: silence or a restatement scored before the "
        "period ends, or a score left too early after it.",
        "score: none, basis: no-report, searched_through: 2026-05 for a meeting of 2026-02-07",
        "Score too-early while the evidence reaches less than the waiting period; once it "
        "reaches past it, score the party.",
    ),
    Code(
        "E-RECALIBRATION",
        "A score changes a snapshot that a release already published without saying why under "
        "recalibration, or gives a recalibration while changing no published snapshot.",
        "a new score for the interim period after the release that published it",
        "Say under recalibration what new material or reading changed the score; remove it "
        "where nothing published changes.",
    ),
    Code(
        "E-RELEASE",
        "changelog.yaml lists releases out of order, its newest release is not the version "
        "dataset.yaml declares, or its history does not replay (a record added twice, changed "
        "after its removal, or listed twice in one release).",
        "version: 0.2.0 in dataset.yaml with 0.1.0 as the newest release",
        "Bump versions with `toolkit release`, which records the release; list releases "
        "newest first.",
    ),
    Code(
        "W-OVERDUE",
        "With `--as-of DATE`: a commitment's deadline has passed and no assessment is dated on "
        "or after it (a warning).",
        "deadline: 2026-06-30 and the newest assessment dated 2026-02-12, checked as of 2026-11-25",
        "Add an assessment dated on or after the deadline, citing what the sources report.",
    ),
    Code(
        "W-STALE",
        "With `--as-of DATE`: a commitment's newest assessment is older than `--stale-after` "
        "days (90 by default; a warning).",
        "the newest assessment dated 2026-02-12, checked as of 2026-11-25",
        "Search for later reports and add an assessment; if nothing is found, add one saying "
        "what was searched and that no public report was found, scored as the methodology says "
        "for silence.",
    ),
    Code(
        "W-UNCITED",
        "A source is cited by no record (a warning).",
        "data/sources/old-report.yaml cited nowhere",
        "Cite it where it supports a fact, or remove it.",
    ),
    Code(
        "W-AGENCY",
        "A source's passage prints a news agency's dateline credit, such as (PTI) or (ANI), but "
        "the source records no `agency` (a warning): outlets carrying one agency's copy are one "
        "origin, not several confirmations.",
        "passages: [{text: 'New Delhi, Feb 24 (ANI): ...'}] with no agency:",
        "Add `agency:` with the agency's name; if the credit covers only a quote or a photo, say "
        "so in `notes`, naming the agency.",
    ),
    Code(
        "W-DATE-PRECISION",
        "A meeting's, event's or government account's date is given to the day, but none of the "
        "sources cited for it was published that day or has a passage naming the day (a "
        "warning): the date reads as settled while its sources give only the month, or another "
        "day.",
        "accounts: [{date: 2024-05-03, statements: [{sources: [undated-report]}]}]",
        "Store the passage that names the day (7 February, Feb. 7, le 7 février, or a weekday "
        "or yesterday on a dated page), cite a page published that day, or give only the month.",
    ),
    Code(
        "W-SPEAKER",
        "A passage's `speakers` names someone, but the passage has no quotation mark, no "
        "reporting verb (said, told, according to, a déclaré, selon, ...) and no first-person "
        "word (a warning): the words look like the reporter's own, not the speaker's.",
        "passages: [{text: 'The talks covered drugs and fraud.', speakers: [a-ministry]}]",
        "Store the sentence that says who spoke as part of the passage, or split the passage so "
        "that `speakers` tags only the part the speaker said.",
    ),
    Code(
        "E-REDIRECT-REUSED",
        "A record has an id that `data/redirects.yaml` retired: links, downloads and programs "
        "that used the old id are sent to the record it became, so the id is never used again.",
        "redirects: [{collection: people, old: asha-rao, new: asha-rao-singh}] and a person "
        "with id: asha-rao",
        "Choose another id for the record.",
    ),
    Code(
        "E-REDIRECT-TARGET",
        "A redirect in `data/redirects.yaml` leads to no record: its `new` id is not a record "
        "of its collection, or its collection does not exist.",
        "redirects: [{collection: people, old: a, new: nobody}]",
        "Name the id of an existing record of that collection.",
    ),
    Code(
        "E-REDIRECT-CHAIN",
        "A redirect leads to an id that is itself retired: every redirect leads to a record "
        "in one step, so no reader follows a chain (or a loop).",
        "redirects: [{old: a, new: b}, {old: b, new: c}]",
        "Point the redirect at the id the chain ends at, as the hint names it.",
    ),
    Code(
        "E-REDIRECT-DUP",
        "An id is retired twice in `data/redirects.yaml`: a retired id answers for one record.",
        "redirects: [{old: a, new: b}, {old: a, new: c}]",
        "Keep the first redirect; remove the other.",
    ),
    Code(
        "E-TRANSLATION-FIELD",
        "A translation's `field` names no translatable text in the record: the English it "
        "translated was removed or moved, or the field is one that is never translated (ids, "
        "dates, quotes, passages, people's names, a source's own title).",
        "translations: {fr: [{field: /statements/3/text, ...}]} on a record with two statements",
        "Point `field` at the English it translates (the message lists the translatable "
        "fields), or remove the translation.",
    ),
    Code(
        "E-TRANSLATION-STALE",
        "The English a translation was made from has changed: its `translates` digest is not "
        "the digest of the English the record holds now.",
        "translations: {fr: [{field: /name, translates: 0123456789ab, ...}]} after the name "
        "changed",
        "Bring the French in line with the new English, then set `translates` to the digest "
        "the message gives.",
    ),
    Code(
        "E-TRANSLATION-QUOTE",
        "The English quotes words (in double quotes) that the French does not keep unchanged: "
        "quotes are the source's own words and are never translated.",
        'text: the MEA said it was "agreed" / fr: le MEA a dit que c\'était « convenu »',
        "Copy the quoted words unchanged into the French, within quotation marks.",
    ),
    Code(
        "E-TRANSLATION-SOURCE",
        "A translation marked `official` (the government's own French text) cites no source, "
        "or cites one that is not among the record's sources.",
        "translations: {fr: [{field: /name, status: official, text: ...}]}",
        "Name the government's French page in `source` (a source with `language: fr` storing "
        "the text in a passage) and list it in the record's `sources`; or mark the text "
        "`translation`.",
    ),
    Code(
        "E-TRANSLATION-DUP",
        "One field has two French texts.",
        "translations: {fr: [{field: /name, ...}, {field: /name, ...}]}",
        "Keep one; remove the other.",
    ),
]

CODES: dict[str, Code] = {entry.code: entry for entry in _CODES}
"""Every documented problem code by its code."""
