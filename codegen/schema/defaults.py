"""Turning a literal ``default:`` value into the SQL text of a column default.

A literal must fit the column's type; the returned text is what the migration
writes after ``DEFAULT`` (strings escaped, JSON serialised compactly).
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
import uuid
from decimal import Decimal, InvalidOperation
from typing import Any

from codegen.schema.ir import ColumnType
from codegen.schema.pgtypes import BUILTINS

_INTEGER_RANGES = {
    "smallint": (-(2**15), 2**15 - 1),
    "integer": (-(2**31), 2**31 - 1),
    "bigint": (-(2**63), 2**63 - 1),
}


class DefaultError(ValueError):
    pass


_ESCAPES = {"\\": "\\\\", "'": "\\'", "\r": "\\r", "\b": "\\b", "\f": "\\f"}


def _escape(ch: str) -> str:
    return f"\\x{ord(ch):02x}" if ord(ch) < 0x80 else f"\\u{ord(ch):04x}"


def quote_literal(text: str) -> str:
    """An SQL string literal. Control characters other than newline and tab are written as
    escapes in an E'' string, so a generated file never holds a stray carriage return."""
    if not any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in text):
        return "'" + text.replace("'", "''") + "'"
    body = "".join(_ESCAPES.get(ch) or (_escape(ch) if unicodedata.category(ch) == "Cc"
                                        and ch not in "\n\t" else ch) for ch in text)
    return "E'" + body + "'"


def literal_default(value: Any, column_type: ColumnType, enum_values: tuple[str, ...] = ()) -> str:
    """SQL for ``value`` as a default of ``column_type``; raises DefaultError when it does not fit."""
    if column_type.array_dims:
        if not isinstance(value, list):
            raise DefaultError("expected a list for an array column")
        items = [_array_item(literal_default(v, column_type.element, enum_values)) for v in value]
        return quote_literal("{" + ",".join(items) + "}")
    if column_type.enum is not None:
        if value not in enum_values:
            raise DefaultError(f"expected one of the enum's values: {', '.join(enum_values)}")
        return quote_literal(str(value))
    kind = BUILTINS[column_type.base].kind
    base = column_type.base
    if kind == "json":
        return quote_literal(json.dumps(value, separators=(",", ":"), ensure_ascii=False))
    if value is None:
        raise DefaultError("null is not a default; leave the default out instead")
    if kind == "boolean":
        if not isinstance(value, bool):
            raise DefaultError("expected true or false")
        return "true" if value else "false"
    if kind == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            raise DefaultError("expected a whole number")
        low, high = _INTEGER_RANGES[base]
        if not low <= value <= high:
            raise DefaultError(f"{value} is out of range for {base}")
        return str(value)
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise DefaultError("expected a number")
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            raise DefaultError("expected a number") from None
        if not number.is_finite():
            raise DefaultError("expected a finite number")
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        value = value.isoformat()
    if not isinstance(value, str):
        raise DefaultError("expected a string")
    if kind == "uuid":
        try:
            uuid.UUID(value)
        except ValueError:
            raise DefaultError(f'"{value}" is not a UUID') from None
    if base in ("varchar", "char") and column_type.args and len(value) > column_type.args[0]:
        raise DefaultError(f"longer than {base}({column_type.args[0]})")
    return quote_literal(value)


def _array_item(sql: str) -> str:
    """An element inside a PostgreSQL array literal, from its SQL literal form."""
    if sql.startswith("'"):
        text = sql[1:-1].replace("''", "'")
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return sql
