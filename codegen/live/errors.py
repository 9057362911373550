"""What can go wrong talking to a database, as one clear line (never a password)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

_KEYWORD_PASSWORD = re.compile(r"(password\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)", re.IGNORECASE)


class LiveError(Exception):
    """A database could not be used (unreachable, refused, too old, missing privileges).

    The message is one line meant for the user, with every password masked.
    """


def mask_url(url: str) -> str:
    """The connection string with its password replaced by ``***`` (URL or key=value form)."""
    if "://" in url:
        parts = urlsplit(url)
        if parts.password is None:
            return url
        host = parts.hostname or ""
        if ":" in host:
            host = f"[{host}]"
        netloc = f"{parts.username or ''}:***@{host}" + (f":{parts.port}" if parts.port else "")
        return urlunsplit(parts._replace(netloc=netloc))
    return _KEYWORD_PASSWORD.sub(r"\1***", url)


def scrub(message: str, url: str) -> str:
    """``message`` with the URL's password (if any) masked wherever it appears, on one line."""
    password = urlsplit(url).password if "://" in url else None
    match = _KEYWORD_PASSWORD.search(url) if password is None else None
    if match is not None:
        password = match.group(2).strip("'")
    text = " ".join(message.split())
    if password:
        text = text.replace(password, "***")
    return text.replace(url, mask_url(url))
