"""What of a database the spec manages, so that a comparison reports only that.

A live database has more than any spec declares, by design: Supabase's own extensions
(pgcrypto, pg_graphql, ...), and on Supabase's tables (auth.users, storage.objects) the
grants Supabase gives its roles. The spec manages the extensions it declares (their
version only when it pins one) and, on a table it does not own, its policies and triggers
(a project's own, see :mod:`codegen.live.introspect.triggers`) and the grants of the roles
it names there; the storage buckets when it declares any (a project that leaves buckets to
the dashboard is not told about them); the default privileges of the roles it names, for the
kinds of object, schemas and owners it names them for (a revoke in a schema holds when that
schema grants none of it). Everything else of the database is compared as it is.
"""

from __future__ import annotations

from dataclasses import replace

from codegen.schema import ir


def managed_by(database: ir.Schema, spec: ir.Schema) -> ir.Schema:
    """``database`` reduced to what ``spec`` manages."""
    declared = {e.name: e for e in spec.extensions}
    extensions = tuple(
        replace(e, version=None) if declared[e.name].version is None else e
        for e in database.extensions if e.name in declared)
    tables = []
    for table in database.tables:
        if not table.external:
            tables.append(table)
            continue
        wanted = spec.table(table.name)
        if wanted is None:
            continue
        roles = {g.role for g in wanted.grants}
        tables.append(replace(table, grants=tuple(g for g in table.grants if g.role in roles)))
    named = {_privilege_target(e) for e in spec.default_privileges}
    defaults = [e for e in database.default_privileges if _privilege_target(e) in named]
    return replace(database, extensions=extensions, tables=tuple(tables),
                   buckets=database.buckets if spec.buckets else (),
                   default_privileges=tuple(defaults + _revoked_in_schema(defaults, spec)))


def _privilege_target(entry: ir.DefaultPrivilege) -> tuple[str | None, ...]:
    return entry.objects, entry.schema, entry.for_role, entry.role


def _revoked_in_schema(database: list[ir.DefaultPrivilege],
                       spec: ir.Schema) -> list[ir.DefaultPrivilege]:
    """A revoke limited to a schema only takes back what that schema's entry granted, so
    the catalog shows it as an absence: the spec's revoke holds when the database grants
    none of its privileges there."""
    held = []
    for entry in spec.default_privileges:
        if entry.grant or entry.schema is None:
            continue
        granted = {p for e in database if e.grant
                   and _privilege_target(e) == _privilege_target(entry) for p in e.privileges}
        if not granted or (not granted & set(entry.privileges) and "all" not in granted
                           and "all" not in entry.privileges):
            held.append(replace(entry, span=None))
    return held
