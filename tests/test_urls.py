"""Link targets: only http, https, mailto and tel, always ASCII."""

from __future__ import annotations

import pytest

from lessonpress.urls import UrlProblem, check_url, phone_link


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("https://example.org/a?b=c#d", "https://example.org/a?b=c#d"),
        ("HTTP://Example.org", "http://example.org"),
        ("https://bücher.example/ä?q=ü", "https://xn--bcher-kva.example/%C3%A4?q=%C3%BC"),
        ("mailto:help@example.org", "mailto:help@example.org"),
        ("tel:+44-800-1111", "tel:+448001111"),
        ("https://example.org:8443/x", "https://example.org:8443/x"),
    ],
)
def test_allowed_links_are_normalised(raw: str, expected: str) -> None:
    assert check_url(raw) == expected


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("javascript:alert(1)", "scheme 'javascript:'"),
        ("file:///etc/passwd", "scheme 'file:'"),
        ("file://server/share", "scheme 'file:'"),
        ("data:text/html,x", "scheme 'data:'"),
        ("pdf:other.pdf", "scheme 'pdf:'"),
        ("payload.exe", "relative link"),
        ("#top", "inside the document"),
        ("www.example.org", "has no scheme"),
        ("https://user:pw@host/", "user:password@"),
        ("https:example.org", "no address"),
        ("java\tscript:x", "U+0009"),
        ("https://exa mple.org", "a space"),
        ("mailto:nobody", "not an e-mail address"),
        ("tel:call-me", "not a phone number"),
        ("https://" + "a" * 2100, "longer than"),
    ],
)
def test_refused_links_say_why(raw: str, fragment: str) -> None:
    with pytest.raises(UrlProblem) as info:
        check_url(raw)
    assert fragment in info.value.message


@pytest.mark.parametrize(
    ("printed", "link"),
    [
        ("0800 1111", "tel:08001111"),
        ("1-800-CALL-FBI (1-800-225-5324)", "tel:18002255324"),
        ("+61 1800 55 1800", "tel:+611800551800"),
        ("ask at reception", None),
    ],
)
def test_phone_links_come_from_the_printed_number(printed: str, link: str | None) -> None:
    assert phone_link(printed) == link
