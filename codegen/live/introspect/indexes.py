"""Indexes that are not a constraint's own: elements (columns, expressions, order, NULLS
placement, operator classes), INCLUDE columns, method, uniqueness, NULLS NOT DISTINCT,
predicate.

Each element is read from ``pg_get_indexdef`` by PostgreSQL's parser (pglast) and kept as the
canonical text the spec's lowering keeps (:mod:`codegen.schema.index_elements`): a column
alone is its name, anything else the element's text (``created_at DESC``,
``email text_pattern_ops``, ``lower(email)``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pglast import parse_sql
from pglast.stream import RawStream

from codegen.live.introspect.catalog import Catalog
from codegen.schema import ir

SQL = """
SELECT i.indrelid AS table_oid, ic.relname AS name, am.amname AS method,
       i.indisunique AS is_unique, pg_get_indexdef(i.indexrelid) AS definition,
       pg_get_expr(i.indpred, i.indrelid) AS predicate, i.indisvalid AS valid
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_am am ON am.oid = ic.relam
WHERE i.indrelid = ANY(%(owned)s)
  AND NOT EXISTS (SELECT FROM pg_constraint co WHERE co.conindid = i.indexrelid
                  AND co.conrelid = i.indrelid AND co.contype IN ('p', 'u', 'x'))
ORDER BY i.indrelid, ic.relname
"""

_METHODS = {"btree", "gin", "gist", "hash", "brin", "spgist"}


def storage_options(definition: str) -> list[str]:
    """The ``WITH (…)`` storage parameters of a ``CREATE INDEX`` statement."""
    statement: Any = parse_sql(definition)[0].stmt
    return [option.defname for option in statement.options or ()]


def index_parts(definition: str) -> tuple[tuple[str, ...], tuple[int, ...], tuple[str, ...],
                                          bool]:
    """The elements of a ``CREATE INDEX`` statement as the IR keeps them (columns, positions
    of the elements that are not a bare column), its INCLUDE columns, NULLS NOT DISTINCT."""
    statement: Any = parse_sql(definition)[0].stmt
    columns: list[str] = []
    positions: list[int] = []
    for element in statement.indexParams:
        # An operator class by its name alone, as a spec writes it: PostgreSQL qualifies one
        # outside pg_catalog (extensions.gin_trgm_ops), and a migration finds it again on
        # the search_path.
        if element.opclass:
            element.opclass = element.opclass[-1:]
        plain = element.name is not None and not (
            element.opclass or element.collation or element.opclassopts
            or element.ordering or element.nulls_ordering)
        if plain:
            columns.append(element.name)
        else:
            positions.append(len(columns))
            columns.append(RawStream()(element))
    include = tuple(e.name for e in statement.indexIncludingParams or ())
    return tuple(columns), tuple(positions), include, bool(
        getattr(statement, "nulls_not_distinct", False))


def stored_index(index: ir.Index, stored: ir.Index) -> ir.Index:
    """A spec's index with the elements and predicate PostgreSQL stores for it (when it has
    as many elements: otherwise the difference is the spec's to report)."""
    if len(stored.columns) != len(index.columns):
        return index
    return replace(index, columns=stored.columns, elements=stored.elements,
                   opclass=stored.opclass, where=stored.where
                   if index.where is not None and stored.where else index.where)


def read(catalog: Catalog) -> None:
    for row in catalog.rows(SQL):
        table = catalog.tables[row["table_oid"]]
        where = f"index {table.name.schema}.{row['name']}"
        if row["method"] not in _METHODS:
            catalog.warn(f"{where}: access method {row['method']} is not in the spec (skipped)")
            continue
        if not row["valid"]:
            catalog.warn(f"{where}: INVALID (a failed concurrent build)")
        for option in storage_options(row["definition"]):
            catalog.warn(f"{where}: storage parameter {option} is not in the spec (left out)")
        columns, positions, include, nulls_not_distinct = index_parts(row["definition"])
        table.indexes.append(ir.Index(
            row["name"], columns, row["is_unique"], row["method"], row["predicate"], None,
            include=include, nulls_not_distinct=nulls_not_distinct, elements=positions))
