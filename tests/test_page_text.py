"""The text a page shows, as the source checker reads it: inline elements join the words around
them, blocks break lines, hidden content is left out, and the page's bytes are decoded as a
browser would, among the web's encodings only."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.authoring.page_text import WEB_CODECS, decode, extract, visible_text
from toolkit.foundation.quoting import normalise, occurs

PAGE = (
    b"<html><head><title>Headline in the tab</title><style>p{color:red}</style>"
    b'<script>var s = "<p>not text</p>";</script></head><body><nav>Menu</nav><article>'
    b"<p>It was agreed that <b>each</b> country would establish law&#8209;<i>enforcement</i>"
    b"<!-- a comment --> liaison<br>officers.</p><p>Second paragraph</p>"
    b"<table><tr><td>cell one</td><td>cell two</td></tr></table>"
    b"<noscript>enable scripts</noscript><template>a template</template></article></body></html>"
)


def test_inline_elements_join_words_and_blocks_separate_them() -> None:
    lines = [line for line in visible_text(PAGE).split("\n") if line]
    assert lines == [
        "Menu",
        "It was agreed that each country would establish law\u2011enforcement liaison",
        "officers.",
        "Second paragraph",
        "cell one",
        "cell two",
    ]
    assert occurs("each country would establish law-enforcement", normalise(lines[1]))


@pytest.mark.parametrize(
    "hidden", ["Headline in the tab", "color", "not text", "a comment", "enable", "template"]
)
def test_what_a_reader_never_sees_is_left_out(hidden: str) -> None:
    assert hidden not in visible_text(PAGE)


@pytest.mark.parametrize(
    ("body", "charset", "expected"),
    [
        ("<p>Привет</p>".encode("cp1251"), "windows-1251", "Привет"),  # the server's charset
        (b"<meta charset='windows-1251'>" + "<p>Привет</p>".encode("cp1251"), None, "Привет"),
        (
            b'<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'
            + "<p>Привет</p>".encode("koi8-r"),
            None,
            "Привет",
        ),
        ("<p>café</p>".encode(), None, "café"),  # UTF-8 when nothing is declared
        ("<p>café</p>".encode("latin-1"), None, "café"),  # not UTF-8: Windows-1252
        ("<p>café</p>".encode(), "no-such-charset", "café"),  # a bad label is passed over
        ("\ufeff<p>café</p>".encode("utf-16-le"), None, "café"),  # a byte-order mark first
        ("\ufeff<p>café</p>".encode(), "windows-1252", "café"),  # …even over the server
        ("<p>日本語</p>".encode("shift_jis") + b"\xff<p>tail</p>", "shift_jis", "日本語"),
    ],
)
def test_pages_are_decoded_as_browsers_decode_them(
    body: bytes, charset: str | None, expected: str
) -> None:
    assert expected in visible_text(body, charset)


@pytest.mark.parametrize("label", ["punycode", "idna", "rot13", "base64", "zlib", "unicode_escape"])
def test_a_page_cannot_pick_a_codec_outside_the_web_encodings(label: str) -> None:
    """``punycode`` decodes in quadratic time and the others are not web encodings: a page
    declaring one is read as UTF-8."""
    body = f"<meta charset={label}><p>abc-d\\u00e9f</p>".encode()
    assert decode(body, label) == body.decode("utf-8")
    assert all(name not in WEB_CODECS for name in ("punycode", "idna", "raw_unicode_escape"))


def test_the_child_process_returns_the_text_and_is_killed_at_the_deadline() -> None:
    assert "Second paragraph" in (extract(PAGE, None, 10).text or "")
    flood = b"<p " + b" ".join(b"a%d=1" % n for n in range(80_000)) + b">x</p>"
    stopped = extract(flood, None, 0.5)
    assert (stopped.text, stopped.detail) == (None, "its text could not be read within 0.5 s")


@pytest.mark.parametrize("body", [b"", b"   ", b"\x00\xff\xfe", b"<", b"<!--", b"</p>" * 10])
def test_empty_and_broken_pages_give_text_not_errors(body: bytes) -> None:
    assert isinstance(visible_text(body), str)


def test_old_pages_nested_deep_are_read_and_deeper_ones_refused_not_cut() -> None:
    """A thousand unclosed tags (old pages leave them) are read to the end; past libxml2's
    2,048 levels the page is refused whole rather than read up to where the parser stopped."""
    read = extract(b"<p>" + b"<font>x " * 1000 + b"deep</p><p>after the tags</p>", None, 10)
    assert "after the tags" in (read.text or "")
    refused = extract(b"<div>" * 3000 + b"<p>after</p>", None, 10)
    assert (refused.text, refused.detail) == (
        None,
        "its text could not be read whole (the HTML parser stopped)",
    )


def test_the_child_imports_nothing_from_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder named ``lxml`` (or ``toolkit``) where the command runs is not imported."""
    (tmp_path / "lxml").mkdir()
    (tmp_path / "lxml" / "__init__.py").write_text("raise SystemExit(3)\n")
    monkeypatch.chdir(tmp_path)
    assert "Second paragraph" in (extract(PAGE, None, 10).text or "")
