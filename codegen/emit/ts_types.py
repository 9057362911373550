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


@dataclass(frozen=True)
class TsMember:
    """One member of an object type: ``key?: type`` (``key`` already spelled as a key)."""

    key: str
    type: TsType
    optional: bool = False


@dataclass(frozen=True)
class TsObject:
    """``{ a: A; b?: B }``; ``expanded``: the generator's text had a line break after ``{``,
    so the formatter keeps it on several lines whatever its width."""

    members: tuple[TsMember, ...]
    expanded: bool = False


@dataclass(frozen=True)
class TsIntersection:
    """``A & B``"""

    members: tuple[TsType, ...]


@dataclass(frozen=True)
class TsGeneric:
    """``Name<A, B>`` (``Record<string, unknown>``): breaks between its arguments."""

    name: str
    arguments: tuple[TsType, ...]


TsType = TsAtom | TsUnion | TsArray | TsObject | TsIntersection | TsGeneric

UNKNOWN = TsAtom("unknown")
NULL = TsAtom("null")
JSON_ATOM = TsAtom("Json")
RECORD = TsGeneric("Record", (TsAtom("string"), UNKNOWN))

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
        return RECORD
    if udt.startswith("_"):
        return TsArray(pg_type_to_ts(udt[1:], type_schema, named))
    return named(udt, type_schema) or UNKNOWN


def flat(ts_type: TsType) -> str:
    """The type on one line."""
    if isinstance(ts_type, TsAtom):
        return ts_type.text
    if isinstance(ts_type, TsUnion):
        return " | ".join(flat(member) for member in ts_type.members)
    if isinstance(ts_type, TsObject):
        if not ts_type.members:
            return "{}"
        return "{ " + "; ".join(
            f"{m.key}{'?' if m.optional else ''}: {flat(m.type)}" for m in ts_type.members) + " }"
    if isinstance(ts_type, TsIntersection):
        return " & ".join(flat(member) for member in ts_type.members)
    if isinstance(ts_type, TsGeneric):
        return f"{ts_type.name}<{', '.join(flat(a) for a in ts_type.arguments)}>"
    inner = flat(ts_type.element)
    wrap = isinstance(ts_type.element, (TsUnion, TsIntersection))
    return f"({inner})[]" if wrap else inner + "[]"


def expanded(ts_type: TsType) -> bool:
    """Whether the type holds an object the formatter keeps on several lines."""
    if isinstance(ts_type, TsObject):
        return ts_type.expanded or any(expanded(m.type) for m in ts_type.members)
    if isinstance(ts_type, (TsUnion, TsIntersection)):
        return any(expanded(member) for member in ts_type.members)
    if isinstance(ts_type, TsArray):
        return expanded(ts_type.element)
    return False


def text_array(ts_type: TsType) -> TsType:
    """The generator's ``${type}[]``: appended to the text, so a union's last member (an
    intersection's last part) becomes the array, not the whole union."""
    if isinstance(ts_type, TsUnion):
        return TsUnion((*ts_type.members[:-1], text_array(ts_type.members[-1])))
    if isinstance(ts_type, TsIntersection):
        return TsIntersection((*ts_type.members[:-1], text_array(ts_type.members[-1])))
    return TsArray(ts_type)


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
    """(``pg_type.typname`` of the type, schema of an enum or row type), as introspected.

    An array type is named ``_<element>``, cut to PostgreSQL's 63 bytes."""
    named = column_type.enum or column_type.composite
    if named is not None:
        name, schema = named.name, named.schema
    else:
        name, schema = BUILTINS[column_type.base].udt, None
    if column_type.array_dims:
        name = ("_" + name).encode()[:63].decode(errors="ignore")
    return name, schema

