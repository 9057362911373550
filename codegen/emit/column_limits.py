"""What a column's values must keep to, as JSON Schema keywords (``minimum``,
``exclusiveMaximum``, ``minLength``, ``maxLength``): the range of its integer type, the
precision of ``numeric(p, s)``, the length of ``varchar(n)``/``char(n)``, and the simple
bounds its CHECK constraints state (``x >= 0``, ``char_length(c) = 3``, ``x BETWEEN 1 AND
9`` and conjunctions of these), and a regular expression match (``code ~ '^[A-Z]{3}$'``)
as ``pattern`` when the expression means the same in JSON Schema, Python and Rust (pydantic),
read from pglast's parse tree.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any, Literal

from pglast import parser

from codegen.schema import ir
from codegen.schema.pgtypes import INTEGER_TYPES

_INTEGER_RANGES = {
    "smallint": (-(2**15), 2**15 - 1),
    "integer": (-(2**31), 2**31 - 1),
    "bigint": (-(2**63), 2**63 - 1),
}
_LENGTH_TYPES = frozenset({"text", "varchar", "char", "citext"})
_NUMBER_TYPES = frozenset({*INTEGER_TYPES, "numeric", "real", "double precision"})


def limit_keywords(column_type: ir.ColumnType, facts: list[Fact]) -> dict[str, Any]:
    """The keywords of a (non-array) type's bounds, narrowed by the ``facts`` of its column
    that apply to it (values of number types, lengths of text types)."""
    base = column_type.base
    limits = _type_limits(column_type)
    for fact in facts:
        if (fact.measure == "value" and base in _NUMBER_TYPES) or (
            fact.measure in ("length", "pattern") and base in _LENGTH_TYPES
        ):
            _apply(limits, fact)
    return limits.keywords(integer=base in INTEGER_TYPES)


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
    patterns: list[str] = field(default_factory=list)

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
        if len(self.patterns) == 1:  # several would need lookaheads, which Rust's regex lacks
            result["pattern"] = self.patterns[0]
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

Measure = Literal["value", "length", "pattern"]
_FLIPPED = {">=": "<=", ">": "<", "<=": ">=", "<": ">", "=": "="}
_LENGTH_FUNCTIONS = frozenset({"char_length", "character_length", "length"})
_NUMERIC_CASTS = frozenset({"int2", "int4", "int8", "numeric", "float4", "float8"})


@dataclass(frozen=True)
class Fact:
    """One comparison a CHECK constraint makes: ``measure(column) operator value``."""

    column: str
    measure: Measure
    operator: str  # one of _FLIPPED, or ~ (a pattern)
    value: Decimal | str  # a number, or the regular expression of a pattern


# Regular expressions that PostgreSQL (ARE), JSON Schema (ECMA 262), Python and Rust read
# alike: literal characters, classes such as [A-Z0-9_], quantifiers, groups, alternation,
# anchors and the escapes \d \w \s (not POSIX [[:alpha:]], back-references or lookarounds).
_PORTABLE_REGEX = re.compile(r"(?:[A-Za-z0-9 _,:;/@#%&'<>=!\^$.*+?()\[\]{}|-]"
                             r"|\\[dDwWsS.\-+*?()\[\]{}|^$\\/])*")


def check_facts(table: ir.Table, expression: str) -> list[Fact]:
    """The simple bounds a CHECK expression implies: every conjunct of the form
    ``<column or char_length(column)> <op> <number>`` (either side) or ``... BETWEEN a AND b``."""
    columns = {column.name for column in table.columns}
    return [fact for node in check_conjuncts(expression)
            for fact in _facts(node, table.name.name) if fact.column in columns]


@lru_cache(maxsize=1024)
def check_conjuncts(expression: str) -> tuple[Any, ...]:
    """The parse trees (pglast's JSON form, not to be modified) of the conjuncts of a CHECK
    expression (``a AND b AND c``: three); none when it does not parse. Parsed once for both
    the bounds and the patterns of every output."""
    try:
        tree = json.loads(parser.parse_sql_json("SELECT " + expression))
        root = tree["stmts"][0]["stmt"]["SelectStmt"]["targetList"][0]["ResTarget"]["val"]
    except (parser.ParseError, KeyError, IndexError, TypeError):
        return ()
    return tuple(_conjuncts(root))


def _conjuncts(node: Any) -> Iterator[Any]:
    boolean = node.get("BoolExpr") if isinstance(node, dict) else None
    if boolean is not None and boolean.get("boolop") == "AND_EXPR":
        for arg in boolean.get("args", []):
            yield from _conjuncts(arg)
    else:
        yield node


def _facts(node: Any, table: str) -> Iterator[Fact]:
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
            yield Fact(subject[1], subject[0], operator, value)
    elif kind == "AEXPR_OP" and names == ["~"]:
        column = _column_name(expr.get("lexpr"), table)
        const = (expr.get("rexpr") or {}).get("A_Const", {})
        regex = const.get("sval", {}).get("sval") if isinstance(const, dict) else None
        if column is not None and isinstance(regex, str) and "[:" not in regex and \
                "(?" not in regex and _PORTABLE_REGEX.fullmatch(regex):
            yield Fact(column, "pattern", "~", regex)
    elif kind == "AEXPR_BETWEEN":
        subject = _subject(expr.get("lexpr"), table)
        items = (expr.get("rexpr") or {}).get("List", {}).get("items", [])
        if subject is not None and len(items) == 2:
            low, high = _constant(items[0]), _constant(items[1])
            if low is not None and high is not None:
                yield Fact(subject[1], subject[0], ">=", low)
                yield Fact(subject[1], subject[0], "<=", high)


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


def _apply(limits: _Limits, fact: Fact) -> None:
    value = fact.value
    if isinstance(value, str):
        limits.patterns.append(value)
        return
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
