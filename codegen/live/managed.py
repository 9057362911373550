"""What of a database the spec manages, so that a comparison reports only that.

A live database has more than any spec declares, by design: Supabase's own extensions
(pgcrypto, pg_graphql, ...), and on Supabase's tables (auth.users, storage.objects) the
grants Supabase gives its roles. The spec manages the extensions it declares (their
version only when it pins one) and, on a table it does not own, its policies and triggers
(a project's own, see :mod:`codegen.live.introspect.triggers`) and the grants of the roles
it names there; the storage buckets when it declares any (a project that leaves buckets to
the dashboard is not told about them). Default privileges are checked entry by entry
(:mod:`codegen.live.default_privileges_held`). Everything else of the database is compared
as it is.
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
    return replace(database, extensions=extensions, tables=tuple(tables),
                   buckets=database.buckets if spec.buckets else ())
