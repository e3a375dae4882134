"""Turn a link target typed by a stranger into a safe, ASCII-only URL, or say why it is refused.

Only http, https, mailto and tel become live links. Everything else a PDF viewer would follow
(javascript:, file:, data:, pdf:, relative paths, in-document anchors) is refused, because a
handout is printed and shared and must never carry a link that runs code or opens local files.
"""

from __future__ import annotations

import functools
import ipaddress
import re
import unicodedata
from urllib.parse import quote, urlsplit, urlunsplit

from .errors import char_name

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


@functools.lru_cache(maxsize=4096)
def check_url(raw: str) -> str:
    """Return `raw` as a normalised ASCII URL, or raise UrlProblem.

    Remembered (a refusal is not: it is raised afresh each time): a curriculum names the same
    few dozen addresses hundreds of times, and the IDNA mapping of a host is slow."""
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
    best = max(groups, key=lambda g: sum(c.isdecimal() for c in g))
    digits = "".join(
        str(unicodedata.decimal(c)) if c.isdecimal() else c  # ٠٨٠٠ -> 0800
        for c in re.sub(r"[^\d+]", "", best)
    )
    if not 3 <= sum(c.isdigit() for c in digits) <= 15:
        return None
    return "tel:" + digits


def _web(scheme: str, rest: str, raw: str) -> str:
    if not rest.startswith("//"):
        raise UrlProblem(
            f"link '{_short(raw)}' has no address after '{scheme}:'",
            f"write it as {scheme}://example.org/...",
        )
    end = next((i for i, c in enumerate(rest[2:], 2) if c in "/?#"), len(rest))
    netloc, tail = rest[2:end], rest[end:]
    host, port = _host_and_port(netloc, raw)
    path, query, fragment = _split_tail(tail)
    return urlunsplit(
        (
            scheme,
            host + (f":{port}" if port else ""),
            quote(path, safe=_SAFE_CHARS),
            quote(query, safe=_SAFE_CHARS),
            quote(fragment, safe=_SAFE_CHARS),
        )
    )


def _split_tail(tail: str) -> tuple[str, str, str]:
    """(path, query, fragment) of what follows the host."""
    tail, _, fragment = tail.partition("#")
    path, _, query = tail.partition("?")
    return path, query, fragment


def _host_and_port(netloc: str, raw: str) -> tuple[str, int | None]:
    """The host as ASCII (IDNA 2008 via UTS 46, or a bracketed IPv6 address) and the port."""
    at = next((c for c in netloc if unicodedata.normalize("NFKC", c) == "@"), None)
    if at is not None:
        looks = "" if at == "@" else f" ({char_name(at)} looks like @)"
        raise UrlProblem(
            f"link '{_short(raw)}' must not contain user:password@{looks}",
            "remove the part before '@' in the address",
        )
    if netloc.startswith("["):
        close = netloc.find("]")
        if close < 0:
            raise UrlProblem(
                f"link '{_short(raw)}' has an unclosed '[' in its address",
                "an IPv6 address is written https://[2001:db8::1]/",
            )
        host, after = _ipv6(netloc[1:close], raw), netloc[close + 1 :]
        if after and not after.startswith(":"):
            raise UrlProblem(f"link '{_short(raw)}' has text after ']' in its address")
        return host, _port(after[1:], raw) if after else None
    name, colon, port_text = netloc.rpartition(":") if ":" in netloc else (netloc, "", "")
    if "[" in name or "]" in name:
        raise UrlProblem(
            f"link '{_short(raw)}' has an invalid host name", "'[' and ']' only go around an IPv6 address"
        )
    return _idna(name, raw), _port(port_text, raw) if colon else None


def _ipv6(text: str, raw: str) -> str:
    try:
        address = ipaddress.IPv6Address(text)
    except ValueError:
        raise UrlProblem(f"link '{_short(raw)}' has an invalid IPv6 address '[{_short(text, 40)}]'") from None
    if address.scope_id:
        raise UrlProblem(
            f"link '{_short(raw)}' names a network interface (%{address.scope_id})",
            "remove the part from '%' to ']'",
        )
    return f"[{address.compressed}]"


def _idna(name: str, raw: str) -> str:
    """A host name as IDNA 2008 A-labels (UTS 46 mapping), refusing what the `idna` package
    refuses: Python's own codec is IDNA 2003 and turns faß.de into fass.de, another domain."""
    import idna  # only when a lesson is checked: a no-op build never needs it

    if not name:
        raise UrlProblem(f"link '{_short(raw)}' has no host name")
    try:
        return idna.encode(name, uts46=True).decode("ascii")
    except idna.InvalidCodepoint as exc:
        found = re.search(r"U\+([0-9A-Fa-f]{4,6})", str(exc))
        what = char_name(chr(int(found.group(1), 16))) if found else "a character"
        reason = f"{what} cannot be part of a host name"
    except (idna.IDNAError, UnicodeError) as exc:
        text = str(exc).rstrip(".") or "not a valid host name"
        reason = text[0].lower() + text[1:]
    raise UrlProblem(
        f"link '{_short(raw)}' has an invalid host name ({_short(reason, 80)})",
        "check the address; copy it from the browser's address bar",
    )


def _port(text: str, raw: str) -> int | None:
    if not text:
        return None
    if not re.fullmatch("[0-9]{1,5}", text) or not 0 < int(text) < 65536:
        raise UrlProblem(
            f"link '{_short(raw)}' has an invalid port ':{_short(text, 20)}'",
            "a port is a number from 1 to 65535, or leave it out",
        )
    return int(text)


def _tel(rest: str, raw: str) -> str:
    number = re.sub(r"[\s().\-]", "", rest)
    if not re.fullmatch(r"\+?[0-9]{3,15}", number):
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
