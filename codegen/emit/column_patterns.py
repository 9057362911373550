"""Regular expressions a column's CHECK constraints require (``code ~ '^[A-Z]{3}$'``), in the
form JavaScript's ``RegExp`` reads the same way.

PostgreSQL's regular expressions (POSIX ARE) and JavaScript's agree on the common core:
anchors, ``.``, bracket expressions, groups, alternation, quantifiers and the ``\\d \\w \\s``
classes. A pattern using anything else (``[[:alpha:]]``, ``\\m``, ``\\y``, embedded options,
back references) is left out: zod then checks less, never refuses what PostgreSQL accepts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from codegen.emit.column_limits import check_conjuncts
from codegen.schema import ir

_OPERATORS = {"~": False, "~*": True}
# Backslash escapes both read alike; any other is not translated.
_SAFE_ESCAPES = frozenset("dDwWsS.\\-+*?()[]{}|^$/")


@dataclass(frozen=True)
class Pattern:
    """``column ~ regex`` (``~*``: case-insensitive) stated by a CHECK constraint."""

    column: str
    regex: str
    case_insensitive: bool


def check_patterns(table: ir.Table, expression: str) -> list[Pattern]:
    """The patterns every conjunct of a CHECK expression of the form ``column ~ 'regex'``
    requires, when JavaScript reads the regex as PostgreSQL does."""
    columns = {column.name for column in table.columns}
    return [p for node in check_conjuncts(expression) for p in _pattern(node, table.name.name)
            if p.column in columns and _portable(p.regex)]


def _pattern(node: Any, table: str) -> Iterator[Pattern]:
    expr = node.get("A_Expr") if isinstance(node, dict) else None
    if expr is None or expr.get("kind") != "AEXPR_OP":
        return
    names = [n.get("String", {}).get("sval") for n in expr.get("name", [])]
    if len(names) != 1 or names[0] not in _OPERATORS:
        return
    ref = (expr.get("lexpr") or {}).get("ColumnRef")
    const = (expr.get("rexpr") or {}).get("A_Const")
    if ref is None or const is None or "sval" not in const:
        return
    fields = [f.get("String", {}).get("sval") for f in ref.get("fields", [])]
    if not fields or None in fields or len(fields) > 2 or (len(fields) == 2 and fields[0] != table):
        return
    yield Pattern(str(fields[-1]), str(const["sval"].get("sval", "")), _OPERATORS[names[0]])


def _portable(regex: str) -> bool:
    if regex.startswith("***") or "(?" in regex or "[:" in regex or "[=" in regex \
            or "[." in regex:
        return False
    escaped = re.findall(r"\\(.)", regex)
    return all(char in _SAFE_ESCAPES for char in escaped)
