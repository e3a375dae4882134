"""Turn a link target typed by a stranger into a safe, ASCII-only URL, or say why it is refused.

Only http, https, mailto and tel become live links. Everything else a PDF viewer would follow
(javascript:, file:, data:, pdf:, relative paths, in-document anchors) is refused, because a
handout is printed and shared and must never carry a link that runs code or opens local files.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit, urlunsplit

ALLOWED_SCHEMES = ("http", "https", "mailto", "tel")
MAX_URL_LENGTH = 2000
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_UNSAFE = re.compile(r"[\s\x00-\x1f\x7f-\x9f<>\"\\^`{|}]")
_SAFE_CHARS = "/:@!$&'()*+,;=%-._~?#[]"
_PHONE = re.compile(r"\+?\d[\d\s().\-]*\d")


class UrlProblem(Exception):
    """Why a link target was refused, with a hint for the teacher."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def check_url(raw: str) -> str:
    """Return `raw` as a normalised ASCII URL, or raise UrlProblem."""
    if len(raw) > MAX_URL_LENGTH:
        raise UrlProblem(f"link is longer than {MAX_URL_LENGTH} characters")
    bad = _UNSAFE.search(raw)
    if bad:
        what = "a space" if bad.group() == " " else f"the character U+{ord(bad.group()):04X}"
        raise UrlProblem(f"link '{_short(raw)}' contains {what}", "remove it, or write it as %20")
    match = _SCHEME.match(raw)
    if not match:
        raise _relative(raw)
    scheme = match.group(1).lower()
    if scheme not in ALLOWED_SCHEMES:
        raise UrlProblem(
            f"link scheme '{match.group(1)}:' is not allowed",
            "links may only start with http://, https://, mailto: or tel:",
        )
    rest = raw[match.end() :]
    if scheme in ("http", "https"):
        return _web(scheme, rest, raw)
    if scheme == "mailto":
        if "@" not in rest:
            raise UrlProblem(f"'{_short(raw)}' is not an e-mail address", "write mailto:name@example.org")
        return "mailto:" + quote(rest, safe="@.+-_~!$&'*=?,;%")
    return "tel:" + _tel(rest, raw)


def display_url(url: str) -> str:
    """How a web address is printed: without `https://` and a trailing slash."""
    for prefix in ("https://", "http://"):
        if url.startswith(prefix):
            url = url[len(prefix) :]
    return url.rstrip("/") if url.count("/") <= 1 else url


def url_host(url: str) -> str:
    """The site a web address is on, as people say it: `https://www.fbi.gov/news/…` -> `fbi.gov`."""
    host = urlsplit(url).hostname or display_url(url)
    return host.removeprefix("www.")


def phone_link(phone: str) -> str | None:
    """`tel:` link for a printed phone number, or None when it is not plainly a number."""
    groups = _PHONE.findall(phone)
    if not groups:
        return None
    best = max(groups, key=lambda g: sum(c.isdigit() for c in g))
    digits = re.sub(r"[^\d+]", "", best)
    if not 3 <= sum(c.isdigit() for c in digits) <= 15:
        return None
    return "tel:" + digits


def _web(scheme: str, rest: str, raw: str) -> str:
    if not rest.startswith("//"):
        raise UrlProblem(
            f"link '{_short(raw)}' has no address after '{scheme}:'",
            f"write it as {scheme}://example.org/...",
        )
    parts = urlsplit(scheme + ":" + rest)
    if "@" in parts.netloc:
        raise UrlProblem(
            f"link '{_short(raw)}' must not contain user:password@",
            "remove the part before '@' in the address",
        )
    host = parts.hostname or ""
    if not host:
        raise UrlProblem(f"link '{_short(raw)}' has no host name")
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        raise UrlProblem(f"link '{_short(raw)}' has an invalid host name") from None
    try:
        port = parts.port
    except ValueError:
        raise UrlProblem(f"link '{_short(raw)}' has an invalid port") from None
    netloc = ascii_host + (f":{port}" if port else "")
    return urlunsplit(
        (
            scheme,
            netloc,
            quote(parts.path, safe=_SAFE_CHARS),
            quote(parts.query, safe=_SAFE_CHARS),
            quote(parts.fragment, safe=_SAFE_CHARS),
        )
    )


def _tel(rest: str, raw: str) -> str:
    number = re.sub(r"[\s().\-]", "", rest)
    if not re.fullmatch(r"\+?\d{3,15}", number):
        raise UrlProblem(f"'{_short(raw)}' is not a phone number", "write tel:+44800111 with digits only")
    return number


def _relative(raw: str) -> UrlProblem:
    if raw.startswith("#"):
        return UrlProblem(
            f"link to '{_short(raw)}' inside the document is not supported",
            "link to a full web address instead",
        )
    if raw.lower().startswith("www."):
        return UrlProblem(f"link '{_short(raw)}' has no scheme", f"write it as https://{_short(raw)}")
    return UrlProblem(
        f"relative link '{_short(raw)}' is not allowed", "use a full address starting with https://"
    )


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
