"""TypeScript types as both emitters write them: the ``TsAtom``/``TsUnion``/``TsArray``
model, the generator's PostgreSQL-to-TypeScript mapping (``pgTypeToTsType``), nullability,
and the catalog facts it reads from a column (its ``pg_type`` name, whether it has a default).

The rules mirror Supabase's type generator (``@supabase/postgrest-typegen`` 0.2.5);
docs/supabase-typegen.md describes them and tests/oracle checks them against the real
generator.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from codegen.emit.ts_text import ts_string
from codegen.schema import ir
from codegen.schema.pgtypes import BUILTINS

JSON_TYPE = """\
export type Json =
  | string
  | number
  | boolean
  | null
  | { [key: string]: Json | undefined }
  | Json[]"""


@dataclass(frozen=True)
class TsAtom:
    """A TypeScript type written as it is (``string``, ``Json``)."""

    text: str


@dataclass(frozen=True)
class TsUnion:
    """``A | B | …``"""

    members: tuple[TsType, ...]


@dataclass(frozen=True)
class TsArray:
    """``T[]``"""

    element: TsType


TsType = TsAtom | TsUnion | TsArray

UNKNOWN = TsAtom("unknown")
NULL = TsAtom("null")
JSON_ATOM = TsAtom("Json")

_NUMBER_UDTS = frozenset({"int2", "int4", "int8", "float4", "float8", "numeric"})
_STRING_UDTS = frozenset({
    "bytea", "bpchar", "varchar", "date", "text", "citext", "time", "timetz", "timestamp",
    "timestamptz", "uuid", "vector", "interval",
})


def pg_type_to_ts(
    udt: str, type_schema: str | None, named: Callable[[str, str | None], TsType | None]
) -> TsType:
    """The generator's ``pgTypeToTsType``: built-in names first, then ``_x`` as an array of
    ``x``, then ``named`` (enums, then tables, looked up by name), else ``unknown``."""
    if udt == "bool":
        return TsAtom("boolean")
    if udt in _NUMBER_UDTS:
        return TsAtom("number")
    if udt in _STRING_UDTS:
        return TsAtom("string")
    if udt in ("json", "jsonb"):
        return JSON_ATOM
    if udt == "void":
        return TsAtom("undefined")
    if udt == "record":
        return TsAtom("Record<string, unknown>")
    if udt.startswith("_"):
        return TsArray(pg_type_to_ts(udt[1:], type_schema, named))
    return named(udt, type_schema) or UNKNOWN


def flat(ts_type: TsType) -> str:
    """The type on one line."""
    if isinstance(ts_type, TsAtom):
        return ts_type.text
    if isinstance(ts_type, TsUnion):
        return " | ".join(flat(member) for member in ts_type.members)
    inner = flat(ts_type.element)
    return f"({inner})[]" if isinstance(ts_type.element, TsUnion) else inner + "[]"


def literal_union(values: Sequence[str]) -> TsType:
    members = tuple(TsAtom(ts_string(value)) for value in values)
    return members[0] if len(members) == 1 else TsUnion(members)


def nullable(ts_type: TsType) -> TsType:
    """``T | null`` (the generator's ``generateNullableUnionTsType`` for a nullable column)."""
    if ts_type == UNKNOWN:
        return ts_type
    if isinstance(ts_type, TsUnion):
        return TsUnion((*ts_type.members, NULL))
    return TsUnion((ts_type, NULL))


def not_null(ts_type: TsType) -> TsType:
    """A NOT NULL column: ``Json`` (which includes null) becomes ``NonNullable<Json>``."""
    return TsAtom("NonNullable<Json>") if ts_type == JSON_ATOM else ts_type


# PostgreSQL stores no default for DEFAULT NULL (a bare NULL constant, cast or not).
_NULL_DEFAULT = re.compile(r"\s*\(?\s*null\s*\)?\s*(::.*)?", re.IGNORECASE | re.DOTALL)


def has_default(column: ir.Column) -> bool:
    """Whether the column has a default in the catalog (``atthasdef``)."""
    return column.default is not None and not _NULL_DEFAULT.fullmatch(column.default.sql)


def column_format(column_type: ir.ColumnType) -> tuple[str, str | None]:
    """(``pg_type.typname`` of the column's type, schema of an enum type), as introspected.

    An array type is named ``_<element>``, cut to PostgreSQL's 63 bytes."""
    if column_type.enum is not None:
        name, schema = column_type.enum.name, column_type.enum.schema
    else:
        name, schema = BUILTINS[column_type.base].udt, None
    if column_type.array_dims:
        name = ("_" + name).encode()[:63].decode(errors="ignore")
    return name, schema

