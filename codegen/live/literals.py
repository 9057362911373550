"""A column default PostgreSQL stores, as the spec's literal ``default:`` when it is one.

``'pending'::public.status`` is ``default: pending``, ``'{}'::jsonb`` is ``default: {}``,
``true`` and ``0`` are themselves; anything else stays ``default_sql:``. Only forms whose
literal renders back to the same stored default are converted.
"""

from __future__ import annotations

import json
import re
from typing import Any

from codegen.schema import ir
from codegen.schema.pgtypes import BUILTINS

_QUOTED = re.compile(r"'((?:[^'\\]|'')*)'::[A-Za-z_][\w .\"()\[\],]*\Z")
_INTEGER = re.compile(r"-?[0-9]+\Z")
_DECIMAL = re.compile(r"[0-9]+(\.[0-9]+)?\Z")
_NOTHING = object()


def as_literal(sql: str, column_type: ir.ColumnType, enum_values: tuple[str, ...]) -> Any:
    """The literal value, or :data:`NOT_A_LITERAL`."""
    kind = None if column_type.enum else BUILTINS[column_type.base].kind
    quoted = _QUOTED.match(sql)
    inner = quoted.group(1).replace("''", "'") if quoted else None
    if column_type.array_dims:
        return [] if inner == "{}" else NOT_A_LITERAL
    if column_type.enum is not None:
        return inner if inner is not None and inner in enum_values else NOT_A_LITERAL
    if kind == "boolean" and sql in ("true", "false"):
        return sql == "true"
    if kind == "integer":
        text = inner if inner is not None else sql
        return int(text) if _INTEGER.match(text) else NOT_A_LITERAL
    if kind == "number" and column_type.base == "numeric" and _DECIMAL.match(sql):
        return int(sql) if "." not in sql else NOT_A_LITERAL
    if inner is None:
        return NOT_A_LITERAL
    if column_type.base == "jsonb":
        try:
            return json.loads(inner)
        except ValueError:
            return NOT_A_LITERAL
    if kind in ("string", "uuid") and "\\" not in inner:
        return inner
    return NOT_A_LITERAL


NOT_A_LITERAL: Any = _NOTHING
