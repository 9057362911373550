"""Names of generated types: singular PascalCase of a table name (``audit_logs`` -> ``AuditLog``).

Singulars come from ``inflection``, the port of Rails' inflector: the convention most
ORMs follow, and it imports in a millisecond (``inflect`` takes seconds, which every
`codegen` run would pay). A table whose singular it gets wrong sets ``model:``.
"""

from __future__ import annotations

import re
from functools import cache

import inflection


@cache
def singular(word: str) -> str:
    """``inflection.singularize``, with its rules compiled once instead of looked up in the
    regex cache on every test (a fifth of a millisecond per table name)."""
    uncountable, rules = _rules()
    if any(pattern.search(word) for pattern in uncountable):
        return word
    for pattern, replacement in rules:
        if pattern.search(word):
            return pattern.sub(replacement, word)
    return word


@cache
def _rules() -> tuple[list[re.Pattern[str]], list[tuple[re.Pattern[str], str]]]:
    uncountable = [re.compile(rf"(?i)\b({word})\Z") for word in sorted(inflection.UNCOUNTABLES)]
    return uncountable, [(re.compile(rule), replacement)
                         for rule, replacement in inflection.SINGULARS]


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
