"""PostgreSQL column types: parsing a spec's type text and facts about each type.

One table describes every supported built-in type; the SQL, TypeScript and
pydantic emitters all read it, so a type is added in exactly one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from codegen.schema.ir import ColumnType

Kind = Literal["string", "integer", "number", "boolean", "json", "datetime", "binary", "uuid",
               "other", "pseudo"]


@dataclass(frozen=True)
class BuiltinType:
    """A supported PostgreSQL type: its SQL spelling, catalog name, kind and argument count."""

    sql: str  # how we write it in migrations
    udt: str  # pg_type.typname, as Supabase's type generator sees it
    kind: Kind
    arity: tuple[int, int] = (0, 0)  # how many integer arguments it accepts (min, max)
    extension: str | None = None  # the extension that provides it (declare it in the spec)


BUILTINS: dict[str, BuiltinType] = {
    "uuid": BuiltinType("uuid", "uuid", "uuid"),
    "text": BuiltinType("text", "text", "string"),
    "varchar": BuiltinType("varchar", "varchar", "string", (0, 1)),
    "char": BuiltinType("char", "bpchar", "string", (0, 1)),
    "citext": BuiltinType("citext", "citext", "string"),
    "smallint": BuiltinType("smallint", "int2", "integer"),
    "integer": BuiltinType("integer", "int4", "integer"),
    "bigint": BuiltinType("bigint", "int8", "integer"),
    "numeric": BuiltinType("numeric", "numeric", "number", (0, 2)),
    "real": BuiltinType("real", "float4", "number"),
    "double precision": BuiltinType("double precision", "float8", "number"),
    "boolean": BuiltinType("boolean", "bool", "boolean"),
    "date": BuiltinType("date", "date", "datetime"),
    "time": BuiltinType("time", "time", "datetime"),
    "timestamp": BuiltinType("timestamp", "timestamp", "datetime"),
    "timestamptz": BuiltinType("timestamptz", "timestamptz", "datetime"),
    "interval": BuiltinType("interval", "interval", "datetime"),
    "jsonb": BuiltinType("jsonb", "jsonb", "json"),
    "json": BuiltinType("json", "json", "json"),
    "bytea": BuiltinType("bytea", "bytea", "binary"),
    "inet": BuiltinType("inet", "inet", "string"),
    # Types of extensions Supabase offers. The API returns them as text; Supabase's type
    # generator types them `unknown`, and so do we (Any in pydantic).
    "vector": BuiltinType("vector", "vector", "other", (0, 1), "vector"),
    "halfvec": BuiltinType("halfvec", "halfvec", "other", (0, 1), "vector"),
    "sparsevec": BuiltinType("sparsevec", "sparsevec", "other", (0, 1), "vector"),
    "ltree": BuiltinType("ltree", "ltree", "other", (0, 0), "ltree"),
    "lquery": BuiltinType("lquery", "lquery", "other", (0, 0), "ltree"),
    "hstore": BuiltinType("hstore", "hstore", "other", (0, 0), "hstore"),
    "cube": BuiltinType("cube", "cube", "other", (0, 0), "cube"),
    # Pseudo-types: what a function may return (or take), never a column's type.
    "trigger": BuiltinType("trigger", "trigger", "pseudo"),
    "void": BuiltinType("void", "void", "pseudo"),
    "record": BuiltinType("record", "record", "pseudo"),
}

# citext is an extension's type too, but specs used it before extensions could be declared:
# it stays usable without a declaration (Supabase projects enable it from the dashboard).
UNDECLARED_EXTENSION_TYPES = frozenset({"citext"})

ALIASES: dict[str, str] = {
    "character varying": "varchar",
    "character": "char",
    "bpchar": "char",
    "int": "integer",
    "int2": "smallint",
    "int4": "integer",
    "int8": "bigint",
    "decimal": "numeric",
    "float4": "real",
    "float8": "double precision",
    "bool": "boolean",
    "timestamp with time zone": "timestamptz",
    "timestamp without time zone": "timestamp",
    "time without time zone": "time",
}

INTEGER_TYPES = frozenset({"smallint", "integer", "bigint"})

_TYPE_RE = re.compile(
    r"""^\s*(?P<name>[A-Za-z_][A-Za-z0-9_$]*(?:\s*\.\s*[A-Za-z_][A-Za-z0-9_$]*|\s+[A-Za-z_]+)*)
        \s*(?:\(\s*(?P<args>[^)]*)\))?
        (?P<arrays>(?:\s*\[\s*\])*)\s*$""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class ParsedType:
    """A type as written, before enum names are resolved."""

    name: str  # canonical built-in name, or the enum name as written
    args: tuple[int, ...]
    array_dims: int
    builtin: bool


class TypeSyntaxError(ValueError):
    pass


# PostgreSQL's limits on type arguments (varchar.c, numeric.c; PostgreSQL 15+ for the scale).
_ARGUMENT_RANGES = {
    "varchar": ((1, 10_485_760, "length"),),
    "char": ((1, 10_485_760, "length"),),
    "numeric": ((1, 1000, "precision"), (-1000, 1000, "scale")),
}


def _check_range(canonical: str, args: tuple[int, ...], text: str) -> None:
    for value, (low, high, what) in zip(args, _ARGUMENT_RANGES.get(canonical, ())):
        if not low <= value <= high:
            raise TypeSyntaxError(f'the {what} of "{text}" must be between {low:,} and '
                                  f"{high:,} (PostgreSQL refuses {value})")


@cache  # a spec repeats a few type spellings many times
def parse_type(text: str) -> ParsedType:
    """Parse ``varchar(64)``, ``numeric(10, 2)``, ``text[]``, ``double precision`` or an enum name."""
    match = _TYPE_RE.match(text)
    if not match and text.rstrip().endswith("?"):
        raise TypeSyntaxError(f'"{text}": a trailing ? (nullable) contradicts `nullable: false`')
    if not match:
        raise TypeSyntaxError(f'cannot read type "{text}"')
    name = re.sub(r"\s+", " ", match["name"]).strip()
    name = re.sub(r"\s*\.\s*", ".", name)
    lowered = name.lower()
    canonical = ALIASES.get(lowered, lowered)
    args: tuple[int, ...] = ()
    if match["args"] is not None:
        try:
            args = tuple(int(part) for part in match["args"].split(","))
        except ValueError:
            raise TypeSyntaxError(
                f'type arguments of "{text}" must be whole numbers, e.g. varchar(64)'
            ) from None
    arrays = match["arrays"].count("[")
    if canonical in BUILTINS:
        low, high = BUILTINS[canonical].arity
        if not low <= len(args) <= high:
            allowed = "no arguments" if high == 0 else f"at most {high} argument(s)"
            raise TypeSyntaxError(f'type "{canonical}" takes {allowed}, got "{text}"')
        _check_range(canonical, args, text)
        return ParsedType(canonical, args, arrays, True)
    if args:
        raise TypeSyntaxError(f'unknown type "{name}" (only built-in types take arguments)')
    return ParsedType(name, (), arrays, False)


def builtin(column_type: ColumnType) -> BuiltinType | None:
    return None if column_type.enum else BUILTINS[column_type.base]


def type_sql(column_type: ColumnType, quote_name: object = None) -> str:
    """The SQL spelling of a type; enum names are qualified and quoted by the caller."""
    named = column_type.enum or column_type.composite
    if named is not None:
        assert callable(quote_name)
        base = quote_name(named)
    else:
        base = BUILTINS[column_type.base].sql
        if column_type.args:
            base += "(" + ", ".join(str(a) for a in column_type.args) + ")"
    return str(base) + "[]" * column_type.array_dims


def has_default_opclass(column_type: ColumnType, method: str) -> bool:
    """Whether PostgreSQL (without extensions) has a default operator class for this pair."""
    kind = None if column_type.enum else BUILTINS[column_type.base].kind
    if column_type.array_dims:
        return method in ("btree", "hash", "gin")
    if method in ("btree", "hash"):
        return column_type.base != "json" or column_type.enum is not None
    if method == "gin":
        return column_type.base == "jsonb" and column_type.enum is None
    if method == "spgist":
        return column_type.enum is None and column_type.base in ("text", "inet")
    if method == "brin":
        return kind not in ("json", "boolean")
    return False  # gist: none of the supported types has a default operator class
