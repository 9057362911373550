"""``codegen verify``: do the migrations produce the spec, does a database still match it,
do the spec's RLS tests pass?

Two sources for the database side: the migration files applied in order to a scratch
database (:func:`verify_migrations`), or an existing database read in one read-only
transaction that is rolled back (:func:`verify_database`). The spec side is the spec with
the text PostgreSQL stores for each of its expressions: asked of the migrated database itself in a
transaction rolled back (:mod:`codegen.live.probes`), or, for a database that must not be
written to, of the spec created from nothing on the scratch server
(:mod:`codegen.live.expected`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import psycopg

from codegen.live.apply import apply_migration
from codegen.live.connection import Connection, connect, privilege_error
from codegen.live.differences import Difference, differences
from codegen.live.introspect import Introspection, introspect
from codegen.live.probes import with_probed_expressions
from codegen.live.rls_tests import TestOutcome, run_tests
from codegen.live.server import ScratchServer
from codegen.live.view_probes import with_probed_views
from codegen.schema import ir


@dataclass(frozen=True)
class Verification:
    """What verify found: differences, RLS test outcomes, what it could not compare."""

    differences: tuple[Difference, ...]
    tests: tuple[TestOutcome, ...]
    warnings: tuple[str, ...]
    server_version: int

    @property
    def clean(self) -> bool:
        return not self.differences and all(t.passed for t in self.tests)


def spec_schemas(spec: ir.Schema) -> list[str]:
    """The schemas the spec's objects live in (Supabase's own are read only for the tables
    of theirs the spec adds to: :func:`external_tables`)."""
    return sorted({t.name.schema for t in spec.tables} | {e.name.schema for e in spec.enums}
                  | {f.name.schema for f in spec.functions} | {n.name for n in spec.namespaces}
                  | {v.name.schema for v in spec.views} or {"public"})


def external_tables(spec: ir.Schema) -> list[str]:
    return sorted(str(t.name) for t in spec.tables if t.external)


def declared_rows(spec: ir.Schema) -> dict[ir.QualifiedName, tuple[ir.Row, ...]]:
    """The configuration rows to read back, by table."""
    return {t.name: t.rows for t in spec.tables if t.rows}


def read_for(conn: Connection, spec: ir.Schema) -> Introspection:
    """What of the database at ``conn`` the spec describes, read in a rolled-back
    transaction."""
    return introspect(conn, spec_schemas(spec), external_tables(spec), declared_rows(spec))


def stored_spec(server: ScratchServer, spec: ir.Schema) -> Introspection:
    """The spec created from nothing on a scratch database, read back."""
    from codegen.live.expected import creation_sql

    with server.database() as url, connect(url) as conn:
        apply_migration(conn, "the spec created from nothing", creation_sql(spec))
        return read_for(conn, spec)


def verify_migrations(server: ScratchServer, spec: ir.Schema,
                      migrations: Sequence[tuple[str, str]]) -> Verification:
    """Apply ``migrations`` (name, text) in order to a scratch database, compare, and run
    the spec's RLS tests there."""
    with server.database() as url, connect(url) as conn:
        for name, text in migrations:
            apply_migration(conn, name, text)
        actual = read_for(conn, spec)
        stored = with_probed_views(conn, with_probed_expressions(conn, spec))
        found = differences(actual.schema, spec, stored, actual.server_version, actual.user)
        outcomes = run_tests(conn, spec)
    return Verification(tuple(found), tuple(outcomes), actual.warnings, actual.server_version)


def verify_database(server: ScratchServer, spec: ir.Schema, url: str) -> Verification:
    """Compare the database at ``url`` with the spec; nothing is written there."""
    with connect(url) as conn:
        try:
            actual = read_for(conn, spec)
        except psycopg.Error as err:
            raise privilege_error(err, url) from None
    stored = stored_spec(server, spec)
    found = differences(actual.schema, spec, stored.schema, actual.server_version,
                        actual.user)
    return Verification(tuple(found), (), actual.warnings, actual.server_version)
