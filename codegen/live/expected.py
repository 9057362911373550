"""The spec's SQL expressions as PostgreSQL stores them.

A spec says ``price >= 0``; the catalog says ``(price >= (0)::numeric)``. Rather than guess
PostgreSQL's deparser, the spec is created once on a scratch database (one migration from
nothing) and read back: each default, check, index element and predicate, policy expression
and view query of the spec is replaced by the text PostgreSQL shows for the same object.
Everything else keeps the spec's own value, so a renderer that dropped something would still
be caught.
"""

from __future__ import annotations

from dataclasses import replace

from codegen.live.introspect.indexes import stored_index
from codegen.migrate.compare import compare
from codegen.migrate.history import render_migration
from codegen.schema import ir


def creation_sql(schema: ir.Schema) -> str:
    """One migration creating the whole spec on an empty (stand-in only) database."""
    return render_migration(compare(ir.Schema(), schema), ())


def with_stored_expressions(spec: ir.Schema, stored: ir.Schema) -> ir.Schema:
    """``spec`` with each expression replaced by the one ``stored`` (the spec, created and
    read back) has for the same object; objects missing there keep the spec's text."""
    tables = tuple(_table(t, stored.table(t.name)) for t in spec.tables)
    read_back = {f.identity: f for f in stored.functions}
    functions = tuple(_function(f, read_back.get(f.identity)) for f in spec.functions)
    queries = {v.name: v.query for v in stored.views}
    views = tuple(replace(v, query=queries.get(v.name, v.query)) for v in spec.views)
    return replace(spec, tables=tables, functions=functions, views=views)


def _function(function: ir.Function, stored: ir.Function | None) -> ir.Function:
    if stored is None or len(stored.args) != len(function.args):
        return function
    return replace(function, args=tuple(
        replace(a, default=b.default) if a.default is not None and b.default is not None else a
        for a, b in zip(function.args, stored.args, strict=True)))


def _table(table: ir.Table, stored: ir.Table | None) -> ir.Table:
    if stored is None:
        return table
    columns = {c.name: c for c in stored.columns}
    checks = {c.name: c for c in stored.checks}
    indexes = {i.name: i for i in stored.indexes}
    policies = {p.name: p for p in stored.policies}
    triggers = {t.name: t for t in stored.triggers}

    def column(c: ir.Column) -> ir.Column:
        other = columns.get(c.name)
        if c.default is None or other is None or other.default is None:
            return c
        return replace(c, default=replace(c.default, sql=other.default.sql))

    def check(c: ir.Check) -> ir.Check:
        other = checks.get(c.name)
        return replace(c, expression=other.expression) if other else c

    def index(i: ir.Index) -> ir.Index:
        other = indexes.get(i.name)
        return stored_index(i, other) if other else i

    def policy(p: ir.Policy) -> ir.Policy:
        other = policies.get(p.name)
        if other is None:
            return p
        return replace(p, using=other.using if p.using and other.using else p.using,
                       with_check=other.with_check if p.with_check and other.with_check
                       else p.with_check)

    def trigger(t: ir.Trigger) -> ir.Trigger:
        other = triggers.get(t.name)
        return replace(t, when=other.when) if other and t.when and other.when else t

    return replace(table, columns=tuple(map(column, table.columns)),
                   triggers=tuple(map(trigger, table.triggers)),
                   checks=tuple(map(check, table.checks)),
                   indexes=tuple(map(index, table.indexes)),
                   policies=tuple(map(policy, table.policies)))
