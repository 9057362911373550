"""The facts of a schema a catalog can show, so a spec and a database compare exactly.

Both sides go through :func:`comparable`: migration hints (renames, conversions), how a
default was written (a literal or SQL), spelled-out defaults PostgreSQL fills in (``no
action``, ``char`` = ``char(1)``, ``numeric(p)`` = ``numeric(p, 0)``, every privilege =
``all``) are reduced to one form. SQL expressions are made comparable by
:mod:`codegen.live.expected`, which asks PostgreSQL itself how it stores each one.
"""

from __future__ import annotations

from dataclasses import replace

from codegen.live.introspect.default_privileges import as_entry
from codegen.live.introspect.functions import execute_roles
from codegen.live.introspect.grants import as_grant
from codegen.schema import ir
from codegen.schema.index_elements import parse_element
from codegen.schema.lower.functions import normalized_body
from codegen.schema.model_names import model_name
from codegen.sql.dialect import quote_ident


def comparable(schema: ir.Schema, server_version: int) -> ir.Schema:
    enums = tuple(replace(e, model=model_name(e.name.name, None), renamed_values=())
                  for e in schema.enums)
    return ir.Schema(enums, tuple(_table(t, server_version) for t in schema.tables),
                     functions=tuple(_function(f) for f in schema.functions),
                     extensions=tuple(replace(e, lint_ignore=()) for e in schema.extensions),
                     namespaces=schema.namespaces,
                     views=tuple(_view(v, server_version) for v in schema.views),
                     buckets=schema.buckets,
                     default_privileges=tuple(
                         replace(e, privileges=as_entry(e.objects, set(e.privileges),
                                                        server_version))
                         for e in schema.default_privileges))


def _view(view: ir.View, server_version: int) -> ir.View:
    """PostgreSQL keeps no NOT NULL for a view's columns: nullability is the spec's alone."""
    return replace(view, model="", lint_ignore=(),
                   columns=tuple(replace(c, nullable=True, type=_type(c.type))
                                 for c in view.columns),
                   grants=_grants(view.grants, server_version))


def _grants(grants: tuple[ir.Grant, ...], server_version: int) -> tuple[ir.Grant, ...]:
    return tuple(as_grant(g.role, set(g.privileges), server_version)
                 if g.privileges != ("all",) else g for g in grants)


def _function(function: ir.Function) -> ir.Function:
    """The owner's EXECUTE is implied (Supabase's owner is postgres); types lose their
    modifiers."""
    execute = function.execute
    if execute is not None:  # `execute: [public]` is everyone, as no `execute:` is
        execute = execute_roles(False, [r for r in execute if r != "postgres"])
    return replace(function, model="", renamed_from=None, execute=execute,
                   body=normalized_body(function.body),
                   args=tuple(replace(a, type=_routine_type(a.type)) for a in function.args),
                   returns=_routine_type(function.returns) if function.returns else None,
                   returns_table=tuple(replace(a, type=_routine_type(a.type))
                                       for a in function.returns_table))


def _routine_type(column_type: ir.ColumnType) -> ir.ColumnType:
    """PostgreSQL keeps no type modifiers in a signature: numeric(10, 2) is numeric."""
    return replace(column_type, args=())


def _table(table: ir.Table, server_version: int) -> ir.Table:
    return replace(
        table, model=model_name(table.name.name, None), renamed_from=None,
        triggers=tuple(replace(t, when=t.when.strip() if t.when else None)
                       for t in table.triggers),
        columns=tuple(_column(c) for c in table.columns),
        indexes=tuple(_index(i) for i in table.indexes),
        foreign_keys=tuple(replace(fk, on_delete=_action(fk.on_delete),
                                   on_update=_action(fk.on_update))
                           for fk in table.foreign_keys),
        grants=_grants(table.grants, server_version),
    )


def _index(index: ir.Index) -> ir.Index:
    """``opclass:`` is the operator class written on each plain column: the catalog shows
    it per element (``addr inet_ops``)."""
    if index.opclass is None:
        return index
    columns = tuple(c if i in index.elements
                    else parse_element(f"{quote_ident(c)} {index.opclass}").text
                    for i, c in enumerate(index.columns))
    return replace(index, columns=columns, opclass=None, elements=tuple(range(len(columns))))


def _column(column: ir.Column) -> ir.Column:
    default = replace(column.default, literal=False) if column.default else None
    return replace(column, type=_type(column.type), default=default, renamed_from=None,
                   using=None, backfill=None)


def _type(column_type: ir.ColumnType) -> ir.ColumnType:
    if column_type.base == "char" and not column_type.args:
        return replace(column_type, args=(1,))
    if column_type.base == "numeric" and len(column_type.args) == 1:
        return replace(column_type, args=(*column_type.args, 0))
    return column_type


def _action(action: ir.ReferentialAction | None) -> ir.ReferentialAction | None:
    return None if action == "no action" else action
