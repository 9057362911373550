"""The ``Views`` section of ``database.types.ts`` and the relationships of every relation,
as Supabase's generator writes them (see :mod:`codegen.emit.database_types`).

A view's ``Row`` lists every column as nullable (PostgreSQL keeps no NOT NULL for a view's
columns); an automatically updatable view (never a materialized one) also gets ``Insert``
and ``Update``, its columns optional and nullable, ``?: never`` for a column PostgreSQL
cannot write through. Relationships follow PostgREST: a foreign key between two tables is
also a relationship of every view exposing all of its columns (view → table), of the table
towards every view exposing all the referenced columns (table → view), and between such
views (view → view); a view exposes a table's column when its output column is a plain
reference to it, through joins, subqueries and other views (:mod:`codegen.schema.view_query`).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

from codegen.emit.ts_layout import array_line, member_line
from codegen.emit.ts_text import en_collation_key, js_json, ts_key, ts_string
from codegen.emit.ts_types import TsType, column_format, nullable, pg_type_to_ts
from codegen.schema import ir
from codegen.schema.view_query import view_shapes

EMPTY = "[_ in never]: never"
Named = Callable[[str, str | None], TsType | None]


@dataclass(frozen=True)
class Relationship:
    """One entry of a relation's ``Relationships`` (the generator's metadata row)."""

    foreign_key_name: str
    schema: str
    relation: str
    columns: tuple[str, ...]
    one_to_one: bool
    referenced_schema: str
    referenced_relation: str
    referenced_columns: tuple[str, ...]

    def sort_key(self) -> tuple[object, ...]:
        return (en_collation_key(self.foreign_key_name), en_collation_key(self.referenced_relation),
                en_collation_key(js_json(self.referenced_columns)),
                en_collation_key(self.referenced_schema), en_collation_key(self.schema),
                en_collation_key(self.relation), en_collation_key(js_json(self.columns)))


def table_relationships(schema: ir.Schema) -> list[Relationship]:
    """The foreign keys between the spec's tables, with whether each is one-to-one (its
    columns, in key order, are exactly a primary key's or unique constraint's, in attnum
    order)."""
    found = []
    for table in schema.tables:
        position = {column.name: index for index, column in enumerate(table.columns)}
        keys = [table.primary_key.columns] if table.primary_key else []
        keys += [unique.columns for unique in table.uniques]
        by_attnum = {tuple(sorted(cols, key=lambda c: position.get(c, -1))) for cols in keys}
        for fk in table.foreign_keys:
            found.append(Relationship(
                fk.name, table.name.schema, table.name.name, fk.columns,
                tuple(fk.columns) in by_attnum, fk.target.schema, fk.target.name,
                fk.target_columns))
    return found


Relationships = dict[tuple[str, str], list[Relationship]]  # by (schema, relation)


def all_relationships(schema: ir.Schema) -> Relationships:
    """Every relationship the generator lists (between tables, and those views derive), by
    the relation they belong to, each list in the generator's order."""
    tables = table_relationships(schema)
    shapes = view_shapes(schema.views, schema.tables)
    # (view, table) -> table column -> the view's columns exposing it, in column order
    exposed: dict[tuple[ir.QualifiedName, ir.QualifiedName], dict[str, list[str]]] = {}
    for each in schema.views:
        for column, origin in zip(each.columns, shapes[each.name].origins):
            if origin is not None:
                by_table = exposed.setdefault((each.name, origin[0]), {})
                by_table.setdefault(origin[1], []).append(column.name)

    # The same, by the table exposed (in the order above): a thousand views each reading its
    # own table cost a search of every pair for every foreign key otherwise.
    by_origin: dict[ir.QualifiedName, list[tuple[ir.QualifiedName, dict[str, list[str]]]]] = {}
    for (view, table), by_column in exposed.items():
        by_origin.setdefault(table, []).append((view, by_column))

    def views_exposing(table: str, schema_name: str,
                       columns: tuple[str, ...]) -> list[tuple[ir.QualifiedName, list[tuple[str, ...]]]]:
        result = []
        for view, by_column in by_origin.get(ir.QualifiedName(schema_name, table), ()):
            if all(c in by_column for c in columns):
                combos = [tuple(c) for c in itertools.product(*(by_column[c] for c in columns))]
                result.append((view, combos))
        return result

    derived = []
    for r in tables:
        from_views = views_exposing(r.relation, r.schema, r.columns)
        to_views = views_exposing(r.referenced_relation, r.referenced_schema,
                                  r.referenced_columns)
        for view, combos in from_views:
            derived += [Relationship(r.foreign_key_name, view.schema, view.name, cols,
                                     r.one_to_one, r.referenced_schema, r.referenced_relation,
                                     r.referenced_columns) for cols in combos]
        for view, combos in to_views:
            derived += [Relationship(r.foreign_key_name, r.schema, r.relation, r.columns,
                                     r.one_to_one, view.schema, view.name, cols)
                        for cols in combos]
        for (view, combos), (target, target_combos) in itertools.product(from_views, to_views):
            derived += [Relationship(r.foreign_key_name, view.schema, view.name, cols,
                                     r.one_to_one, target.schema, target.name, target_cols)
                        for cols in combos for target_cols in target_combos]
    grouped: Relationships = {}
    for r in sorted(tables + derived, key=Relationship.sort_key):
        grouped.setdefault((r.schema, r.relation), []).append(r)
    return grouped


def relationships_of(relationships: Relationships,
                     name: ir.QualifiedName) -> list[Relationship]:
    """A relation's relationships, towards relations of its own schema only."""
    return [r for r in relationships.get((name.schema, name.name), ())
            if r.referenced_schema == name.schema]


def relationship_lines(relationships: list[Relationship]) -> list[str]:
    if not relationships:
        return ["        Relationships: []"]
    out = ["        Relationships: ["]
    for r in relationships:
        out += [
            "          {",
            f"            foreignKeyName: {ts_string(r.foreign_key_name)}",
            array_line(12, "columns: ", [ts_string(c) for c in r.columns]),
            f"            isOneToOne: {'true' if r.one_to_one else 'false'}",
            f"            referencedRelation: {ts_string(r.referenced_relation)}",
            array_line(12, "referencedColumns: ", [ts_string(c) for c in r.referenced_columns]),
            "          },",
        ]
    out.append("        ]")
    return out


def views_section(schema: ir.Schema, schema_name: str, named: Named,
                  relationships: Relationships) -> list[str]:
    """The lines inside ``Views: {`` … ``}``."""
    views = sorted((v for v in schema.views if v.name.schema == schema_name),
                   key=lambda v: en_collation_key(v.name.name))
    if not views:
        return [f"      {EMPTY}"]
    shapes = view_shapes(schema.views, schema.tables)
    out = []
    for view in views:
        shape = shapes[view.name]
        order = sorted(range(len(view.columns)),
                       key=lambda i: en_collation_key(view.columns[i].name))
        types = {i: nullable(pg_type_to_ts(*column_format(view.columns[i].type), named))
                 for i in order}
        out.append(f"      {ts_key(view.name.name)}: {{")
        out.append("        Row: {")
        out += [member_line(10, f"{ts_key(view.columns[i].name)}: ", types[i]) for i in order]
        out.append("        }")
        if shape.insertable and not view.materialized:
            for section in ("Insert", "Update"):
                out.append(f"        {section}: {{")
                for i in order:
                    key = ts_key(view.columns[i].name)
                    if i in shape.updatable:
                        out.append(member_line(10, f"{key}?: ", types[i]))
                    else:
                        out.append(f"          {key}?: never")
                out.append("        }")
        out += relationship_lines(relationships_of(relationships, view.name))
        out.append("      }")
    return out
