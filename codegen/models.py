"""Names of generated types: singular PascalCase of a table name (``audit_logs`` -> ``AuditLog``)."""

from __future__ import annotations

import re
from functools import lru_cache

import inflect

_engine = inflect.engine()


@lru_cache(maxsize=None)
def singular(word: str) -> str:
    result = _engine.singular_noun(word)  # type: ignore[arg-type]
    return word if result is False else str(result)


def pascal_case(name: str) -> str:
    parts = [p for p in re.split(r"[^0-9A-Za-z]+", name) if p]
    return "".join(p[:1].upper() + p[1:] for p in parts) or "Model"


def model_name(table: str, override: str | None) -> str:
    """``model_name("audit_logs", None) == "AuditLog"``; only the last word is singularised."""
    if override:
        return override
    parts = [p for p in re.split(r"[^0-9A-Za-z]+", table) if p]
    if parts:
        parts[-1] = singular(parts[-1])
    name = pascal_case("_".join(parts))
    return name if not name[:1].isdigit() else "T" + name
