"""Web addresses are read as browsers read them (WHATWG URL Standard) and kept only when the text
a reader sees is exactly where the link goes; the JSON Schema pattern never refuses one the rule
accepts."""

from __future__ import annotations

import re
from pathlib import Path

import jsonschema_rs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from toolkit.checking.validate import validate
from toolkit.foundation.urls import URL_PATTERN, is_web_url, url_refusal
from toolkit.models import Source

USER_INFO = "user information before the host can disguise the real host"
SCHEMA_PATTERN = jsonschema_rs.Draft202012Validator({"type": "string", "pattern": URL_PATTERN})

GOOD = [
    "https://example.org/",
    "http://example.org/",
    "https://www.mea.gov.in/bilateral-documents.htm?dtl/40123/Joint_Statement",
    "https://example.org/search?q=a%20b&lang=en#results",
    "https://example.org/%7Euser/caf%C3%A9?x=%E2%82%AC#s%C3%A9ction",
    "https://example.org:8080/page",
    "https://xn--bcher-kva.example/",
    "https://example.org/a?b/../c#d/../e",
    "https://sub_domain.example.org/path;param=1",
]

REFUSED_AS_NORMALISED = [
    ("https://www.mea.gov.in:443/readout", "https://www.mea.gov.in/readout"),
    ("http://example.org:80/x", "http://example.org/x"),
    ("https://evil.example\\@www.mea.gov.in/", "https://evil.example/@www.mea.gov.in/"),
    ("https:\\\\evil.example\\readout", "https://evil.example/readout"),
    ("https:/\\evil.example/", "https://evil.example/"),
    ("https://exa\tmple.org/", "https://example.org/"),
    ("https://example.org/a\nb", "https://example.org/ab"),
    ("HTTPS://Example.ORG/", "https://example.org/"),
    ("https://example.org/a b", "https://example.org/a%20b"),
    ("https://example.org/café", "https://example.org/caf%C3%A9"),
    ("https://bücher.example/", "https://xn--bcher-kva.example/"),
    ("https://example.org/a/../b", "https://example.org/b"),
    ("https://example.org/a/%2e%2E/b", "https://example.org/b"),
    ("https://example.org", "https://example.org/"),
    ("https:example.org/", "https://example.org/"),
    (" https://example.org/", "https://example.org/"),
]


@pytest.mark.parametrize("url", GOOD)
def test_plain_web_addresses_pass_and_match_the_schema_pattern(url: str) -> None:
    assert url_refusal(url) is None
    assert is_web_url(url)
    assert re.fullmatch(URL_PATTERN, url) and SCHEMA_PATTERN.is_valid(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.mea.gov.in:443@evil.example/",
        "https://www.mea.gov.in@evil.example/readout",
        "https://user:secret@example.org/",
        "http://:secret@example.org/",
    ],
)
def test_user_information_is_refused_and_the_real_host_named(url: str) -> None:
    refusal = url_refusal(url)
    assert refusal is not None and USER_INFO in refusal.reason
    host = url.rsplit("@", 1)[1].split("/", 1)[0]
    assert f"leads to {host};" in refusal.hint


@pytest.mark.parametrize(("url", "canonical"), REFUSED_AS_NORMALISED)
def test_what_a_browser_would_rewrite_is_refused_with_the_address_to_write(
    url: str, canonical: str
) -> None:
    refusal = url_refusal(url)
    assert refusal is not None
    assert refusal.reason.startswith("is not written the way browsers read it")
    assert refusal.hint == f"write it as {canonical}"
    assert url_refusal(canonical) is None  # the hint's address is itself accepted


def test_a_backslash_is_named_even_where_browsers_keep_it() -> None:
    rewritten = url_refusal("https://evil.example\\@www.mea.gov.in/")
    assert rewritten is not None and "(a backslash reads as /)" in rewritten.reason
    kept = url_refusal("https://example.org/?path=a\\b")  # the query keeps it as written
    assert kept is not None and "backslash" in kept.reason and kept.hint == "write it as %5C"


@pytest.mark.parametrize(
    "url",
    ["https://192.0.2.1/", "http://127.0.0.1:8000/", "https://0x7f.1/", "https://[2001:db8::1]/"],
)
def test_ip_address_literals_are_refused(url: str) -> None:
    refusal = url_refusal(url)
    assert refusal is not None and "IP address" in refusal.reason


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "ftp://example.org/",
        "file:///etc/passwd",
        "mailto:someone@example.org",
    ],
)
def test_other_schemes_are_refused(url: str) -> None:
    refusal = url_refusal(url)
    assert refusal is not None and refusal.reason == "must be an http:// or https:// URL"


@pytest.mark.parametrize(
    "url", ["", "//example.org/", "https://", "https://example.org:99999/", "https://a\ud800/"]
)
def test_what_no_browser_can_open_is_refused(url: str) -> None:
    refusal = url_refusal(url)
    assert refusal is not None and refusal.reason == "is not a web address a browser can open"


@pytest.mark.parametrize("url", ['https://a"b.example/', "https://a..b.example/", "https://a{b}/"])
def test_hosts_that_are_not_plain_domain_names_are_refused(url: str) -> None:
    refusal = url_refusal(url)
    assert refusal is not None and "not a plain domain name" in refusal.reason


PIECES = [*'aZ0-._~%2e:/\\@?#[] \t"<>{}é', "xn--", ":443", "%41", "/..", "%2e%2e", *"aa//"]
URLISH = st.tuples(
    st.sampled_from(["", "/", ":8080/", ":443/", "@x/"]),
    st.lists(st.sampled_from(PIECES), max_size=12).map("".join),
).map("".join)


@settings(max_examples=2000, deadline=None)
@given(
    scheme=st.sampled_from(["https://", "http://", "HTTP://", "https:", "https:\\\\", "ftp://"]),
    host=st.sampled_from(["example.org", "EXAMPLE.org", "a_b.example", "192.0.2.1", "", "a..b"]),
    rest=URLISH,
)
def test_the_schema_pattern_never_refuses_what_the_rule_accepts(
    scheme: str, host: str, rest: str
) -> None:
    url = scheme + host + rest
    in_python = re.fullmatch(URL_PATTERN, url) is not None
    assert SCHEMA_PATTERN.is_valid(url) == in_python  # editors read the pattern as Python does
    if url_refusal(url) is None:
        assert in_python, url


def test_the_model_reports_a_normalised_address_with_the_one_to_write() -> None:
    with pytest.raises(ValidationError) as raised:
        Source.model_validate(
            {
                "id": "s",
                "kind": "news-report",
                "account": "third-party",
                "publisher": "P",
                "url": "https://www.mea.gov.in:443/readout",
            }
        )
    [error] = raised.value.errors()
    assert error["type"] == "url_invalid"
    assert error["ctx"] == {"hint": "write it as https://www.mea.gov.in/readout"}


def _validate_source_url(data: Path, url: str) -> tuple[str, str, str | None]:
    source = data / "sources" / "daily-news-2026-02-08.yaml"
    old = "url: https://news.example.org/2026/02/08/liaison-officers"
    source.write_text(source.read_text().replace(old, f"url: {url}"))
    [problem] = validate(data).problems
    return problem.code, problem.message, problem.hint


def test_validate_names_user_information_and_the_real_host(base_data: Path) -> None:
    code, message, hint = _validate_source_url(base_data, "https://www.mea.gov.in@evil.example/")
    assert code == "E-URL" and message.endswith(f"is refused: {USER_INFO}")
    assert hint is not None and hint.startswith("this address leads to evil.example;")


def test_validate_gives_the_canonical_address_for_a_default_port(base_data: Path) -> None:
    code, message, hint = _validate_source_url(base_data, "https://www.mea.gov.in:443/readout")
    assert code == "E-URL" and "is not written the way browsers read it" in message
    assert hint == "write it as https://www.mea.gov.in/readout"
