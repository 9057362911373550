"""PostgreSQL's own rules for identifiers and the names it gives constraints and indexes.

Names follow ``ChooseConstraintName``/``makeObjectName`` in PostgreSQL's
``indexcmds.c``: ``<table>_<columns>_<label>``, where the longer of the two
name parts is shortened, byte by byte, until the whole fits in 63 bytes.
"""

from __future__ import annotations

MAX_IDENTIFIER_BYTES = 63


def dollar_quote(body: str) -> str:
    """A dollar-quote tag (``$function$``, ``$function1$``, ...) that does not occur in
    ``body``: the one a function's body is written in, and checked in."""
    tag, n = "$function$", 0
    while tag in body:
        n += 1
        tag = f"$function{n}$"
    return tag


def identifier_too_long(name: str) -> bool:
    return len(name.encode()) > MAX_IDENTIFIER_BYTES


def _clip(text: str, max_bytes: int) -> str:
    encoded = text.encode()[:max_bytes]
    return encoded.decode(errors="ignore")  # never cut a multibyte character in half


def default_name(table: str, columns: tuple[str, ...] | list[str], label: str) -> str:
    """E.g. ``default_name("audit_logs", ["user_id"], "fkey") == "audit_logs_user_id_fkey"``."""
    name1 = table
    name2 = _clip("_".join(columns), MAX_IDENTIFIER_BYTES)
    overhead = len(label.encode()) + 1 + (1 if name2 else 0)
    available = MAX_IDENTIFIER_BYTES - overhead
    len1, len2 = len(name1.encode()), len(name2.encode())
    while len1 + len2 > available:
        if len1 > len2:
            len1 -= 1
        else:
            len2 -= 1
    name1, name2 = _clip(name1, len1), _clip(name2, len2)
    return f"{name1}_{name2}_{label}" if name2 else f"{name1}_{label}"
