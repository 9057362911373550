"""The spec's SQL expressions as PostgreSQL stores them, asked of the database itself.

In a transaction that is rolled back, each default, check, index predicate and policy
expression of the spec is given to the spec's table as PostgreSQL would get it from a
migration (``SET DEFAULT``, ``ADD CONSTRAINT … NOT VALID``, ``CREATE INDEX … WHERE``,
``CREATE POLICY``) under a probe name, and read back through the same deparser the
introspection uses. A probe that fails (the table or a column is missing, a role does not
exist) leaves the spec's text, and the difference is reported as such. Much cheaper than
creating the whole spec again on a second database; used when verify may write.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import psycopg
from psycopg import sql

from codegen.live.connection import Connection
from codegen.live.introspect.indexes import index_parts, stored_index
from codegen.live.routine_probes import with_probed_routines
from codegen.migrate.changes import CreateIndex
from codegen.schema import ir
from codegen.sql.indexes import create_index_sql

_PREFIX = "codegen_probe_"
_CHECKS = ("SELECT conname, pg_get_expr(conbin, conrelid) FROM pg_constraint "
           "WHERE conname = ANY(%s)")
_INDEXES = ("SELECT c.relname, pg_get_indexdef(i.indexrelid), pg_get_expr(i.indpred, i.indrelid) "
            "FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = ANY(%s)")


def with_probed_expressions(conn: Connection, spec: ir.Schema) -> ir.Schema:
    """``spec`` with every expression replaced by the text PostgreSQL stores for it."""
    with conn.transaction(force_rollback=True):
        conn.execute("SET LOCAL search_path = pg_catalog")
        existing = {(r[0], r[1]) for r in conn.execute(
            "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n "
            "ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p')").fetchall()}
        probes = _Probes(conn)
        tables = tuple(probes.table(t) if (t.name.schema, t.name.name) in existing else t
                       for t in spec.tables)
        stored = probes.read()
        routines = with_probed_routines(conn, spec)
    tables = tuple(replace(_apply(t, stored), triggers=r.triggers)
                   for t, r in zip(tables, routines.tables, strict=True))
    return replace(spec, tables=tables, functions=routines.functions)


class _Probes:
    """Runs probes, each in its own savepoint, and remembers what each one stands for."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.count = 0
        self.defaults: dict[tuple[ir.QualifiedName, str], bool] = {}
        self.named: dict[str, tuple[ir.QualifiedName, str, str]] = {}  # probe -> what

    def run(self, statements: list[sql.Composable]) -> list[bool]:
        """Run a table's probes in one message; when one fails, each on its own."""
        texts = [s.as_string(self.conn) for s in statements]
        if not texts or self._try(texts):
            return [True] * len(texts)
        return [self._try([text]) for text in texts]

    def _try(self, texts: list[str]) -> bool:
        try:
            self.conn.execute(f"SAVEPOINT probe; {'; '.join(texts)}; RELEASE SAVEPOINT probe"
                              .encode(), prepare=False)
        except psycopg.Error:
            self.conn.execute("ROLLBACK TO SAVEPOINT probe; RELEASE SAVEPOINT probe")
            return False
        return True

    def name(self, table: ir.QualifiedName, kind: str, name: str) -> str:
        self.count += 1
        probe = f"{_PREFIX}{self.count}"
        self.named[probe] = (table, kind, name)
        return probe

    def table(self, table: ir.Table) -> ir.Table:
        target = sql.Identifier(table.name.schema, table.name.name)
        defaults = [c.name for c in table.columns if c.default is not None]
        statements: list[sql.Composable] = [
            sql.SQL("ALTER TABLE {} ALTER COLUMN {} SET DEFAULT {}").format(
                target, sql.Identifier(c.name), sql.SQL(c.default.sql))
            for c in table.columns if c.default is not None]
        for check in table.checks:
            probe = self.name(table.name, "check", check.name)
            statements.append(sql.SQL("ALTER TABLE {} ADD CONSTRAINT {} CHECK ({}) NOT VALID").format(
                target, sql.Identifier(probe), sql.SQL(check.expression)))
        for index in table.indexes:
            if index.where is not None or index.elements or index.opclass is not None:
                probe = self.name(table.name, "index", index.name)
                statements.append(sql.SQL(create_index_sql(
                    CreateIndex(table.name, replace(index, name=probe, unique=False)), False)))
        for policy in table.policies:
            probe = self.name(table.name, "policy", policy.name)
            clauses = [sql.SQL("CREATE POLICY {} ON {} FOR {} TO {}").format(
                sql.Identifier(probe), target, sql.SQL(policy.command.upper()),
                sql.SQL(", ").join(sql.SQL("PUBLIC") if r == "public" else sql.Identifier(r)
                                   for r in policy.roles))]
            if policy.using is not None:
                clauses.append(sql.SQL("USING ({})").format(sql.SQL(policy.using)))
            if policy.with_check is not None:
                clauses.append(sql.SQL("WITH CHECK ({})").format(sql.SQL(policy.with_check)))
            statements.append(sql.SQL(" ").join(clauses))
        done = self.run(statements)
        for column, ok in zip(defaults, done, strict=False):
            self.defaults[(table.name, column)] = ok
        return table

    def read(self) -> dict[tuple[ir.QualifiedName, str, str], Any]:
        """(table, kind, name) -> the stored text; kind is default, check, index, policy."""
        found: dict[tuple[ir.QualifiedName, str, str], Any] = {}
        for schema, table, column, text in self.conn.execute(
                "SELECT n.nspname, c.relname, a.attname, pg_get_expr(d.adbin, d.adrelid) "
                "FROM pg_attrdef d JOIN pg_class c ON c.oid = d.adrelid "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                "JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum "
                "WHERE n.nspname = ANY(%s)",
                (sorted({t.schema for t, _ in self.defaults}),)).fetchall():
            key = (ir.QualifiedName(schema, table), column)
            if self.defaults.get(key):
                found[(key[0], "default", column)] = text
        probes = list(self.named)
        for probe, text in self.conn.execute(_CHECKS, (probes,)).fetchall():
            found[self.named[probe]] = text
        for probe, definition, predicate in self.conn.execute(_INDEXES, (probes,)).fetchall():
            found[self.named[probe]] = (index_parts(definition), predicate)
        for probe, using, with_check in self.conn.execute(
                "SELECT polname, pg_get_expr(polqual, polrelid), "
                "pg_get_expr(polwithcheck, polrelid) FROM pg_policy WHERE polname = ANY(%s)",
                (probes,)).fetchall():
            found[self.named[probe]] = (using, with_check)
        return found


def _apply(table: ir.Table, stored: dict[tuple[ir.QualifiedName, str, str], Any]) -> ir.Table:
    name = table.name

    def column(c: ir.Column) -> ir.Column:
        text = stored.get((name, "default", c.name))
        return replace(c, default=replace(c.default, sql=text)) if c.default and text else c

    def policy(p: ir.Policy) -> ir.Policy:
        using, with_check = stored.get((name, "policy", p.name), (None, None))
        return replace(p, using=using if p.using and using else p.using,
                       with_check=with_check if p.with_check and with_check else p.with_check)

    def index(i: ir.Index) -> ir.Index:
        found = stored.get((name, "index", i.name))
        if found is None:
            return i
        (columns, elements, _, _), predicate = found
        return stored_index(i, replace(i, columns=columns, elements=elements, opclass=None,
                                       where=predicate))

    return replace(
        table, columns=tuple(map(column, table.columns)),
        checks=tuple(replace(c, expression=stored.get((name, "check", c.name), c.expression))
                     for c in table.checks),
        indexes=tuple(map(index, table.indexes)),
        policies=tuple(map(policy, table.policies)))
