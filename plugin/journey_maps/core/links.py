"""Which links a map may hold: an absolute web address with a real host name, or an e-mail.

Every link is published as an ``<a href>`` on a map page, so it must go where it reads as
going. The address is split by :mod:`urllib.parse`, and its host checked as a browser
would look it up: a host name of letters, digits and hyphens after IDNA encoding (so
``bücher.example`` is fine), or an IP address. Refused: no host (``https://:80/``), broken
brackets (``http://[::1``), a user name before ``@`` (``https://bank.example@evil.example``
reads like the bank), percent-encoded hosts, invisible characters in a host (U+200B,
U+00AD...) and bidi controls anywhere, which make a link look like another.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from urllib.parse import SplitResult, unquote, urlsplit

#: A first, coarse filter; also the ``pattern`` of links in the JSON Schema for editors.
LINK_PATTERN = r"^(?:https?://[^\s/?#]+[^\s]*|mailto:[^\s]+)$"
_COARSE = re.compile(LINK_PATTERN, re.IGNORECASE)
_WEB = re.compile(r"^https?://", re.IGNORECASE)
_LABEL = re.compile(r"^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$")
_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_HOST_MAX = 253


def link_problem(value: str) -> str | None:
    """Why ``value`` cannot be published as a link (a sentence for the author), or None."""
    shown = value[:80]
    if any(ord(c) < 32 or ord(c) == 127 for c in value) or not _COARSE.match(value):
        return (
            f"'{shown}' is not an allowed link: use an absolute http:// or https:// address, "
            "or mailto:"
        )
    bidi = next((c for c in value if c in _BIDI_CONTROLS), None)
    if bidi is not None:
        return (
            f"'{shown}' contains {_named(bidi)}, a bidi control character that makes a link "
            "read differently from where it goes; remove it"
        )
    if _WEB.match(value):
        return _web_problem(value, shown)
    return _mail_problem(value, shown)


def _named(char: str) -> str:
    return f"U+{ord(char):04X} ({unicodedata.name(char, 'unnamed')})"


def _web_problem(value: str, shown: str) -> str | None:
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return _unreadable(value, shown)
    netloc = parts.netloc
    if "@" in netloc:
        return (
            f"'{shown}' has a user name before '@', which hides where the link goes (the host "
            "is what follows the '@'); remove the user name"
        )
    host = netloc.rsplit(":", 1)[0] if not netloc.endswith("]") else netloc
    if not host:
        return f"'{shown}' has no host name; write the address as https://example.org/..."
    return _host_problem(host, parts, shown)


def _unreadable(value: str, shown: str) -> str:
    netloc = value.split("://", 1)[1].split("/", 1)[0]
    if netloc.startswith("[") and "]" not in netloc:
        return f"'{shown}' opens '[' for an IPv6 address but never closes it; add the ']'"
    if netloc.startswith("["):
        return f"the IPv6 address in '{shown}' is not valid; check what is inside '[...]'"
    port = netloc.rpartition(":")[2]
    if ":" in netloc and not netloc.endswith("]"):
        return f"the port '{port}' in '{shown}' is not a number from 0 to 65535; fix or remove it"
    return f"'{shown}' is not a valid web address; write it as https://example.org/page"


def _host_problem(host: str, parts: SplitResult, shown: str) -> str | None:
    """Why the host part (as written) is no place a link can go to, or None."""
    if "%" in host:
        return (
            f"the host in '{shown}' is percent-encoded ('{host}' reads as '{unquote(host)}'); "
            "write the host name as it is"
        )
    hidden = next((c for c in host if unicodedata.category(c) == "Cf"), None)
    if hidden is not None:
        return (
            f"the host in '{shown}' contains {_named(hidden)}, an invisible character that "
            "makes a link look like another; remove it"
        )
    if host.startswith("["):
        return None  # urlsplit checked the IPv6 address inside the brackets
    name = parts.hostname or ""
    if all(part.isdigit() for part in name.split(".")):
        try:
            ipaddress.IPv4Address(name)
        except ValueError:
            return f"'{name}' in '{shown}' is not a valid IP address; check its four numbers"
        return None
    why = _host_name_problem(name)
    return f"'{name}' in '{shown}' is not a valid host name: {why}" if why else None


def _host_name_problem(name: str) -> str | None:
    """What is wrong with a host name, as IDNA (the browser's lookup) sees it, or None."""
    try:
        ascii_name = name.encode("idna").decode("ascii")
    except UnicodeError:
        return "a part between dots is empty or longer than 63 characters"
    labels = ascii_name.removesuffix(".").split(".")
    if len(ascii_name) > _HOST_MAX:
        return f"it is longer than {_HOST_MAX} characters"
    for label in labels:
        if not label:
            return "a part between dots is empty"
        if not _LABEL.match(label):
            odd = next((c for c in label if not (c.isalnum() or c in "-_")), None)
            if odd is not None:
                return f"it holds '{odd}'; a host name has letters, digits and hyphens"
            return "a part starts or ends with a hyphen, or is longer than 63 characters"
    return None


def _mail_problem(value: str, shown: str) -> str | None:
    addresses = value.split(":", 1)[1].split("?", 1)[0]
    for address in addresses.split(","):
        local, at, domain = unquote(address).rpartition("@")
        if not (at and local and domain) or _host_name_problem(domain.lower()):
            return (
                f"'{shown}' is not an e-mail link; write mailto: and an address, such as "
                "mailto:help@example.org"
            )
    return None
