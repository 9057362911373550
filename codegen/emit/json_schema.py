"""A JSON Schema (draft 2020-12) of every table's rows, derived from the IR.

Each table gets three definitions, named like the generated pydantic models:
``<Model>`` is a row as read (every column; nullable ones may be null),
``<Model>Insert`` requires the NOT NULL columns without a default, and
``<Model>Update`` makes every column optional. Identity ``ALWAYS`` columns are
left out of Insert and Update: PostgreSQL rejects writes to them. Each enum is a
string enum. ``varchar(n)``, integer ranges, ``numeric(p, s)`` and CHECK
constraints that are simple bounds (``x >= 0``, ``char_length(c) = 3``,
``x BETWEEN 1 AND 9`` and conjunctions of these) become keywords such as
``minimum`` and ``maxLength``.

The pydantic emitter feeds this same schema to datamodel-code-generator, which reads
a few keywords beyond the standard: ``format`` values ``decimal``, ``binary``,
``date-time-local`` and ``time-local``, and ``x-python-import`` on the JSON value and
``inet`` definitions.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from pglast import parser

from codegen.schema import ir
from codegen.schema.pgtypes import BUILTINS, INTEGER_TYPES

DIALECT = "https://json-schema.org/draft/2020-12/schema"
COMMENT = "Generated from the spec by codegen; do not edit."

_INTEGER_RANGES = {
    "smallint": (-(2**15), 2**15 - 1),
    "integer": (-(2**31), 2**31 - 1),
    "bigint": (-(2**63), 2**63 - 1),
}
_LENGTH_TYPES = frozenset({"text", "varchar", "char", "citext"})
_NUMBER_TYPES = frozenset({*INTEGER_TYPES, "numeric", "real", "double precision"})

# Definitions of types that have no JSON Schema spelling of their own: (description, extra keywords).
_SPECIAL_DEFS: dict[str, tuple[str, dict[str, Any]]] = {
    "JsonValue": ("Any JSON value (PostgreSQL json/jsonb).",
                  {"x-python-import": {"module": "pydantic", "name": "JsonValue"}}),
    "Inet": ("An IPv4 or IPv6 host address, optionally with its subnet (PostgreSQL inet).",
             {"type": "string", "x-python-import": {"module": "pydantic", "name": "IPvAnyInterface"}}),
}
_FORMATS: dict[str, str] = {
    "uuid": "uuid",
    "date": "date",
    "time": "time-local",
    "timestamp": "date-time-local",
    "timestamptz": "date-time",
    "interval": "duration",
    "bytea": "binary",
    "numeric": "decimal",
}


def emit_json_schema(schema: ir.Schema, existing: str | None = None) -> str:
    """The JSON Schema file: deterministic, LF line ends, one trailing newline."""
    del existing  # always regenerated in full
    return dump_json(build_json_schema(schema))


_last_built: tuple[ir.Schema, dict[str, Any]] | None = None


def build_json_schema(schema: ir.Schema) -> dict[str, Any]:
    """The document (not to be modified: the pydantic emitter reads the same one, built once
    per schema)."""
    global _last_built
    if _last_built is None or _last_built[0] is not schema:
        _last_built = (schema, _Builder(schema).build())
    return _last_built[1]


def dump_json(document: dict[str, Any]) -> str:
    """One line per property and per non-object definition; the levels above them are
    indented. Keys are sorted, except at the top ($schema first) and where their order
    means something: properties follow the columns, definitions the spec."""
    items = [(key, _definitions(value) if key == "$defs" else _inline(value))
             for key, value in document.items()]
    return _block(items, 0) + "\n"


def _definitions(defs: dict[str, Any]) -> str:
    return _block([(name, _definition(d)) for name, d in defs.items()], 1)


def _definition(definition: dict[str, Any]) -> str:
    if "properties" not in definition:
        return _inline(definition)
    return _block([(key, _block([(name, _inline(p)) for name, p in value.items()], 3)
                    if key == "properties" else _inline(value))
                   for key, value in sorted(definition.items())], 2)


def _block(items: list[tuple[str, str]], level: int) -> str:
    if not items:
        return "{}"
    inner = "  " * (level + 1)
    lines = ",\n".join(f"{inner}{_string(key)}: {text}" for key, text in items)
    return "{\n" + lines + "\n" + "  " * level + "}"


_string = json.encoder.encode_basestring  # what the encoder below does with a str
# Without indent, the json module uses its fast C encoder; made once, not per value.
_inline = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(", ", ": ")).encode


# -- bounds ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Bound:
    """A lower or upper bound, inclusive or exclusive."""

    value: Decimal
    exclusive: bool


@dataclass
class _Limits:
    """What the column's type and checks allow: bounds and lengths."""

    lower: _Bound | None = None
    upper: _Bound | None = None
    min_length: int | None = None
    max_length: int | None = None

    def at_least(self, bound: _Bound) -> None:
        old = self.lower
        if old is None or bound.value > old.value or (
            bound.value == old.value and bound.exclusive
        ):
            self.lower = bound

    def at_most(self, bound: _Bound) -> None:
        old = self.upper
        if old is None or bound.value < old.value or (
            bound.value == old.value and bound.exclusive
        ):
            self.upper = bound

    def length_at_least(self, length: int) -> None:
        if length > 0 and (self.min_length is None or length > self.min_length):
            self.min_length = length

    def length_at_most(self, length: int) -> None:
        if self.max_length is None or length < self.max_length:
            self.max_length = max(length, 0)

    def keywords(self, integer: bool) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for bound, inclusive_key, exclusive_key, step in (
            (self.lower, "minimum", "exclusiveMinimum", 1),
            (self.upper, "maximum", "exclusiveMaximum", -1),
        ):
            if bound is None:
                continue
            if integer:  # whole numbers: every bound can be inclusive
                value = bound.value
                rounded = math.ceil(value) if step == 1 else math.floor(value)
                if bound.exclusive and rounded == value:
                    rounded += step
                result[inclusive_key] = int(rounded)
            else:
                result[exclusive_key if bound.exclusive else inclusive_key] = _number(bound.value)
        if self.min_length is not None:
            result["minLength"] = self.min_length
        if self.max_length is not None:
            result["maxLength"] = self.max_length
        return result


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _type_limits(column_type: ir.ColumnType) -> _Limits:
    limits = _Limits()
    base, args = column_type.base, column_type.args
    if column_type.enum is not None:
        return limits
    if base in _INTEGER_RANGES:
        low, high = _INTEGER_RANGES[base]
        limits.at_least(_Bound(Decimal(low), False))
        limits.at_most(_Bound(Decimal(high), False))
    elif base == "numeric" and args:
        precision, scale = args[0], args[1] if len(args) > 1 else 0
        if precision > scale:  # |x| < 10^(p - s) is what fits
            limit = Decimal(10) ** (precision - scale)
            limits.at_least(_Bound(-limit, True))
            limits.at_most(_Bound(limit, True))
    elif base == "varchar" and args:
        limits.length_at_most(args[0])
    elif base == "char":
        limits.length_at_most(args[0] if args else 1)
    return limits


# -- simple bounds in CHECK constraints ---------------------------------------------------------

Measure = Literal["value", "length"]
_FLIPPED = {">=": "<=", ">": "<", "<=": ">=", "<": ">", "=": "="}
_LENGTH_FUNCTIONS = frozenset({"char_length", "character_length", "length"})
_NUMERIC_CASTS = frozenset({"int2", "int4", "int8", "numeric", "float4", "float8"})


@dataclass(frozen=True)
class _Fact:
    """One comparison a CHECK constraint makes: ``measure(column) operator value``."""

    column: str
    measure: Measure
    operator: str  # one of _FLIPPED
    value: Decimal


def check_facts(table: ir.Table, expression: str) -> list[_Fact]:
    """The simple bounds a CHECK expression implies: every conjunct of the form
    ``<column or char_length(column)> <op> <number>`` (either side) or ``... BETWEEN a AND b``."""
    try:
        tree = json.loads(parser.parse_sql_json("SELECT " + expression))
        root = tree["stmts"][0]["stmt"]["SelectStmt"]["targetList"][0]["ResTarget"]["val"]
    except (parser.ParseError, KeyError, IndexError, TypeError):
        return []
    columns = {column.name for column in table.columns}
    return [fact for node in _conjuncts(root) for fact in _facts(node, table.name.name)
            if fact.column in columns]


def _conjuncts(node: Any) -> Iterator[Any]:
    boolean = node.get("BoolExpr") if isinstance(node, dict) else None
    if boolean is not None and boolean.get("boolop") == "AND_EXPR":
        for arg in boolean.get("args", []):
            yield from _conjuncts(arg)
    else:
        yield node


def _facts(node: Any, table: str) -> Iterator[_Fact]:
    expr = node.get("A_Expr") if isinstance(node, dict) else None
    if expr is None:
        return
    kind = expr.get("kind")
    names = [n.get("String", {}).get("sval") for n in expr.get("name", [])]
    if kind == "AEXPR_OP" and len(names) == 1 and names[0] in _FLIPPED:
        operator = names[0]
        subject, value = _subject(expr.get("lexpr"), table), _constant(expr.get("rexpr"))
        if subject is None:
            subject, value = _subject(expr.get("rexpr"), table), _constant(expr.get("lexpr"))
            operator = _FLIPPED[operator]
        if subject is not None and value is not None:
            yield _Fact(subject[1], subject[0], operator, value)
    elif kind == "AEXPR_BETWEEN":
        subject = _subject(expr.get("lexpr"), table)
        items = (expr.get("rexpr") or {}).get("List", {}).get("items", [])
        if subject is not None and len(items) == 2:
            low, high = _constant(items[0]), _constant(items[1])
            if low is not None and high is not None:
                yield _Fact(subject[1], subject[0], ">=", low)
                yield _Fact(subject[1], subject[0], "<=", high)


def _column_name(node: Any, table: str) -> str | None:
    ref = node.get("ColumnRef") if isinstance(node, dict) else None
    if ref is None:
        return None
    names = [f.get("String", {}).get("sval") for f in ref.get("fields", [])]
    if not names or None in names or len(names) > 2 or (len(names) == 2 and names[0] != table):
        return None
    return str(names[-1])


def _subject(node: Any, table: str) -> tuple[Measure, str] | None:
    column = _column_name(node, table)
    if column is not None:
        return "value", column
    call = node.get("FuncCall") if isinstance(node, dict) else None
    if call is None or set(call) - {"funcname", "args", "funcformat", "location"}:
        return None
    names = [n.get("String", {}).get("sval") for n in call.get("funcname", [])]
    args = call.get("args", [])
    if names[-1:] and names[-1] in _LENGTH_FUNCTIONS and names[:-1] in ([], ["pg_catalog"]) \
            and len(args) == 1:
        column = _column_name(args[0], table)
        if column is not None:
            return "length", column
    return None


def _constant(node: Any) -> Decimal | None:
    if not isinstance(node, dict):
        return None
    if "TypeCast" in node:
        cast = node["TypeCast"]
        names = [n.get("String", {}).get("sval") for n in cast.get("typeName", {}).get("names", [])]
        return _constant(cast.get("arg")) if names[-1:] and names[-1] in _NUMERIC_CASTS else None
    if "A_Expr" in node:  # unary minus
        expr = node["A_Expr"]
        names = [n.get("String", {}).get("sval") for n in expr.get("name", [])]
        if expr.get("kind") == "AEXPR_OP" and names == ["-"] and "lexpr" not in expr:
            value = _constant(expr.get("rexpr"))
            return None if value is None else -value
        return None
    const = node.get("A_Const")
    if const is None or const.get("isnull"):
        return None
    try:
        if "ival" in const:
            return Decimal(const["ival"].get("ival", 0))
        if "fval" in const:
            value = Decimal(const["fval"]["fval"])
            return value if value.is_finite() else None
    except (InvalidOperation, KeyError, TypeError, ValueError):
        return None
    return None


def _apply(limits: _Limits, fact: _Fact) -> None:
    value = fact.value
    if fact.measure == "value":
        if fact.operator in (">=", ">", "="):
            limits.at_least(_Bound(value, fact.operator == ">"))
        if fact.operator in ("<=", "<", "="):
            limits.at_most(_Bound(value, fact.operator == "<"))
        return
    # Lengths are whole numbers: turn every bound into an inclusive one.
    if fact.operator in (">=", "="):
        limits.length_at_least(math.ceil(value))
    elif fact.operator == ">":
        limits.length_at_least(math.floor(value) + 1)
    if fact.operator in ("<=", "="):
        limits.length_at_most(math.floor(value))
    elif fact.operator == "<":
        limits.length_at_most(math.ceil(value) - 1)


# -- the document -------------------------------------------------------------------------------


class _Builder:
    def __init__(self, schema: ir.Schema) -> None:
        self.schema = schema
        self.taken = {enum.model for enum in schema.enums}
        for table in schema.tables:
            self.taken.update({table.model, table.model + "Insert", table.model + "Update"})
        self.helpers: dict[str, str] = {}  # helper kind -> definition name
        self.helper_defs: dict[str, dict[str, Any]] = {}

    def build(self) -> dict[str, Any]:
        defs: dict[str, Any] = {}
        for enum in self.schema.enums:
            defs[enum.model] = self.enum(enum)
        for table in self.schema.tables:
            properties = self.properties(table)
            writable = [c for c in table.columns if c.identity != "always"]
            defs[table.model] = self.object(
                table.model, table.comment, properties, [c.name for c in table.columns])
            defs[table.model + "Insert"] = self.object(
                table.model + "Insert",
                f"A row to insert into {table.name}; omitted columns take their defaults.",
                {c.name: properties[c.name] for c in writable},
                [c.name for c in writable
                 if not c.nullable and c.default is None and c.identity is None])
            defs[table.model + "Update"] = self.object(
                table.model + "Update",
                f"New values for columns of {table.name}; omitted columns keep their values.",
                {c.name: properties[c.name] for c in writable}, [])
        # Helper definitions first: datamodel-code-generator then writes the models in exactly
        # the order of $defs, since every definition only refers to earlier ones.
        return {"$schema": DIALECT, "$comment": COMMENT, "$defs": {**self.helper_defs, **defs}}

    @staticmethod
    def enum(enum: ir.Enum) -> dict[str, Any]:
        result: dict[str, Any] = {"type": "string", "title": enum.model, "enum": list(enum.values)}
        if enum.comment:
            result["description"] = enum.comment
        return result

    @staticmethod
    def object(title: str, description: str | None, properties: dict[str, Any],
               required: list[str]) -> dict[str, Any]:
        result: dict[str, Any] = {"type": "object", "title": title}
        if description:
            result["description"] = description
        result["properties"] = properties
        if required:
            result["required"] = required
        result["additionalProperties"] = False
        return result

    def properties(self, table: ir.Table) -> dict[str, Any]:
        facts: dict[str, list[_Fact]] = {}
        for check in table.checks:
            for fact in check_facts(table, check.expression):
                facts.setdefault(fact.column, []).append(fact)
        return {column.name: self.column(column, facts.get(column.name, []))
                for column in table.columns}

    def column(self, column: ir.Column, facts: list[_Fact]) -> dict[str, Any]:
        column_type = column.type
        if column_type.array_dims:
            result = self.element(column_type.element)
            for _ in range(column_type.array_dims):
                result = {"type": "array", "items": result}
        else:
            result = self.value(column_type, facts)
        if column.nullable:
            if "$ref" in result:
                result = {"anyOf": [result, {"type": "null"}]}
            else:
                result["type"] = [result["type"], "null"]
        if column.comment:
            result["description"] = column.comment
        return result

    def value(self, column_type: ir.ColumnType, facts: list[_Fact]) -> dict[str, Any]:
        """The schema of one value of a (non-array) type, with the bounds ``facts`` imply."""
        if column_type.enum is not None:
            enum = self.schema.enum(column_type.enum)
            assert enum is not None, column_type.enum
            return {"$ref": f"#/$defs/{enum.model}"}
        base = column_type.base
        kind = BUILTINS[base].kind
        if kind == "json":
            return self.ref("JsonValue")
        if base == "inet":
            return self.ref("Inet")
        json_type = {"integer": "integer", "number": "number", "boolean": "boolean"}.get(kind)
        result: dict[str, Any] = {"type": json_type or "string"}
        if base in _FORMATS:
            result["format"] = _FORMATS[base]
        limits = _type_limits(column_type)
        for fact in facts:
            if (fact.measure == "value" and base in _NUMBER_TYPES) or (
                fact.measure == "length" and base in _LENGTH_TYPES
            ):
                _apply(limits, fact)
        result.update(limits.keywords(integer=base in INTEGER_TYPES))
        return result

    def element(self, column_type: ir.ColumnType) -> dict[str, Any]:
        """An array element: a constrained one refers to a named definition (datamodel-code-generator
        would otherwise make a root model of every such element)."""
        result = self.value(column_type, [])
        if set(result) <= {"type", "format", "$ref"}:
            return result
        key = " ".join([column_type.base, *map(str, column_type.args)])
        if key not in self.helpers:
            self.helpers[key] = name = self.unique_name(_element_name(column_type))
            self.helper_defs[name] = result
        return {"$ref": f"#/$defs/{self.helpers[key]}"}

    def ref(self, kind: str) -> dict[str, Any]:
        if kind not in self.helpers:
            description, extra = _SPECIAL_DEFS[kind]
            name = self.unique_name(kind)
            self.helpers[kind] = name
            self.helper_defs[name] = {"description": description, **extra}
        return {"$ref": f"#/$defs/{self.helpers[kind]}"}

    def unique_name(self, name: str) -> str:
        """``name``, or if a model already has it ``<name>Type``, ``<name>Type2``, ..."""
        candidate, number = name, 1
        while candidate in self.taken:
            candidate = f"{name}Type{number if number > 1 else ''}"
            number += 1
        self.taken.add(candidate)
        return candidate


def _element_name(column_type: ir.ColumnType) -> str:
    """``Varchar64``, ``Char3``, ``Integer``, ``Numeric10Scale2``: no underscores, which
    datamodel-code-generator would drop from class names."""
    name = "".join(word.capitalize() for word in column_type.base.split())
    args = column_type.args
    if args:
        name += str(args[0]) + "".join(f"Scale{arg}" for arg in args[1:])
    return name
