"""Speaker tags: a passage credits someone with words only where it shows them speaking.

A passage's ``speakers`` lets a quote from it be attributed to them. A passage with no
quotation mark, no reporting verb and no first-person word is the reporter's own narrative; a
tag on it credits an official with the reporter's sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from toolkit.checking.rules.records import CheckedRecord
from toolkit.foundation.problems import Problem

REPORTED = re.compile(
    r"[\"“”«»„‘]"
    r"|\b(said|says|say|saying|told|tells|stated|added|adds|noted|notes|according to"
    r"|announced|announces|wrote|writes|posted|remarked|urged|asserted|affirmed|emphasi[sz]ed"
    r"|stressed|underlined|highlighted|described|called|declared|insisted|maintained|reiterated"
    r"|repeated|claimed|alleged|confirmed|denied|rejected|dismissed|slammed|warned|welcomed"
    r"|informed|mentioned|observed|commented|conveyed|assured|quoted|quoting|as per|per the"
    r"|pointed out|indicated|indicates|explained|argued|asked|replied|responded|acknowledged"
    r"|a déclaré|déclare|a dit|a affirmé|affirme|a indiqué|indique|a ajouté|a souligné"
    r"|souligne|a annoncé|annonce|a expliqué|explique|a estimé|estime|a précisé|précise"
    r"|selon|d'après)\b"
    r"|\b(?-i:I|[Ww]e|[Oo]ur|us|[Mm]y|[Jj]e|[Nn]ous|[Nn]otre|[Nn]os)\b|\b(?-i:[Jj])'",
    re.IGNORECASE,
)
"""What shows a passage reporting someone's words: a quotation mark, a reporting verb, or a
first-person word (a post or speech in the speaker's own voice), English and French. Any
one is enough: the guard looks for the plainly unattributed, never guesses. Nouns
("statement", "readout") are not signs: "echoing a statement she put out" is the reporter's.
First-person words count only in their own case, so "the US" and "United States" are not
"us" or "states"."""


def check_speaker_tags(record: CheckedRecord) -> Iterator[Problem]:
    """Warn on a passage tagging a speaker while showing nobody speaking (a source's own
    issuer needs no such sign: the whole document is theirs)."""
    fields = record.model.__dict__ if record.model is not None else {}
    if record.collection != "sources" or not fields:
        return
    for number, passage in enumerate(fields["passages"]):
        tagged = [speaker for speaker in passage.speakers if speaker != fields["issued_by"]]
        if tagged and REPORTED.search(passage.text.replace("’", "'")) is None:
            yield record.problem(
                "W-SPEAKER",
                f"passage {number + 1} credits {', '.join(tagged)} but shows nobody speaking: "
                "no quotation mark, reporting verb or first-person word",
                ("passages", number, "speakers"),
                hint="store the sentence saying who spoke with the passage, or split it so "
                "`speakers` tags only the words the speaker said",
            )
