"""The distribution of a snapshot's scores per party, as an inline SVG bar chart whose figures
are text: readable without script, at any width, in either palette, by a screen reader."""

from __future__ import annotations

from collections import Counter

from toolkit.publishing.scorecard import ScoreRow
from toolkit.publishing.site.i18n import N_, _, country
from toolkit.publishing.site.markup import text

CATEGORIES = [
    ("full", N_("+1 full")),
    ("partial", N_("0 partial")),
    ("none-reported", N_("−1 none (reported)")),
    ("none-silence", N_("−1 none (no report found)")),
    ("too-early", N_("too early")),
    ("not-scored", N_("not scored")),
]
"""The chart's segments in order, each with its words: a −1 resting on silence is its own
segment (hatched), never merged with a reported failure."""

_WIDTH, _BAR, _GAP, _LABEL = 400, 16, 10, 18


def category(row: ScoreRow) -> str:
    """Which segment a party score falls in."""
    if row.score is None:
        return "not-scored"
    if row.points == -1:
        return "none-silence" if row.rests_on_silence else "none-reported"
    return str(row.score)


def figures(rows: list[ScoreRow]) -> str:
    """The counts in words: "too early: 4, −1 none (no report found): 1"."""
    counts = Counter(category(row) for row in rows)
    return ", ".join(
        _("{label}: {count}").format(label=_(words), count=counts[key])
        for key, words in CATEGORIES
        if counts[key]
    )


def distribution_chart(rows: list[ScoreRow], chart_id: str, caption: str) -> str:
    """A figure: one bar per party, split by score and basis, with the figures as text in the
    drawing and in its caption."""
    parties = sorted({row.party for row in rows})
    if not parties:
        return "<p>" + _("No commitment is scored in this snapshot.") + "</p>"
    height = len(parties) * (_LABEL + _BAR + _GAP)
    hatch = f"silence-{chart_id}"
    shapes = [
        f'<defs><pattern id="{hatch}" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect class="seg-none-silence" width="6" height="6"/>'
        '<line class="hatch" x1="0" y1="0" x2="0" y2="6" stroke-width="3"/></pattern></defs>'
    ]
    described = []
    for number, party in enumerate(parties):
        mine = [row for row in rows if row.party == party]
        top = number * (_LABEL + _BAR + _GAP)
        said = f"{country(party)} — {figures(mine)}"
        described.append(said)
        shapes.append(f'<text class="chart-label" x="0" y="{top + 13}">{text(said)}</text>')
        counts = Counter(category(row) for row in mine)
        left = 0.0
        for key, words in CATEGORIES:
            if not counts[key]:
                continue
            width = _WIDTH * counts[key] / len(mine)
            fill = f' fill="url(#{hatch})"' if key == "none-silence" else ""
            tooltip = _("{country}: {label}: {count}").format(
                country=text(country(party)), label=text(_(words)), count=counts[key]
            )
            shapes.append(
                f'<rect class="seg seg-{key}"{fill} x="{left:.1f}" y="{top + _LABEL}" '
                f'width="{width:.1f}" height="{_BAR}"><title>{tooltip}</title></rect>'
            )
            left += width
    svg = (  # named by its caption alone: the caption below gives the figures to everyone
        f'<svg class="score-chart" viewBox="0 0 {_WIDTH} {height}" role="img" '
        f'aria-label="{text(caption)}" preserveAspectRatio="xMinYMin meet">'
        + "".join(shapes)
        + "</svg>"
    )
    key = "".join(
        f'<li><span class="swatch seg-{k}" aria-hidden="true"></span>{text(_(words))}</li>'
        for k, words in CATEGORIES
    )
    separator = _("; ")  # between the parties' figures in the caption
    return (
        f'<figure class="score-distribution">{svg}'
        f"<figcaption>{text(caption)}. {text(separator.join(described))}."
        f'<ul class="chart-key">{key}</ul></figcaption></figure>'
    )
