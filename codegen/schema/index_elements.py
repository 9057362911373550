"""Index elements beyond a plain column: ``created_at desc``, ``email text_pattern_ops``,
``lower(email)``, ``name desc nulls last``. Each is read by PostgreSQL's own parser (as an
element of CREATE INDEX) and kept as the canonical text its deparser writes, so two
spellings of one element compare equal. A plain column of the table stays its bare name."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pglast import parser as pg_parser


@dataclass(frozen=True)
class IndexElement:
    """One parsed element: its canonical text, the column it indexes (None for an
    expression), the expression's text, and the name PostgreSQL would give it."""

    text: str
    column: str | None
    expression: str | None
    label: str
    opclass: bool = False  # names an operator class of its own
    plain: bool = False  # a column alone (`"Email"`): no order, nulls, class or collation


class IndexElementError(ValueError):
    """The text is not one index element."""


def parse_element(text: str) -> IndexElement:
    # pglast's node classes and printers take 20 ms to import: only for elements that are
    # more than a column name, which a run often has none of.
    from pglast import parse_sql
    from pglast.stream import RawStream

    try:
        statements = parse_sql(f"CREATE INDEX i ON t ({text})")
    except pg_parser.ParseError as err:
        raise IndexElementError(str(err.args[0])) from None
    statement: Any = statements[0].stmt if len(statements) == 1 else None
    params: Any = getattr(statement, "indexParams", None)
    if not params or len(params) != 1:
        raise IndexElementError("write one column or expression per entry")
    element = params[0]
    canonical = RawStream()(element)
    opclass = bool(element.opclass)
    if element.name is not None:
        plain = not (opclass or element.collation or element.opclassopts
                     or element.ordering or element.nulls_ordering)  # 0: the defaults
        return IndexElement(canonical, element.name, None, element.name, opclass, plain)
    expression = RawStream()(element.expr)
    funcname = getattr(element.expr, "funcname", None)
    label = funcname[-1].sval if funcname else "expr"
    return IndexElement(canonical, None, expression, label, opclass)


def element_column(text: str, columns: set[str] | frozenset[str]) -> str | None:
    """The column an index element (as the IR keeps it) indexes, if it is one."""
    if text in columns:
        return text
    try:
        return parse_element(text).column
    except IndexElementError:
        return None
