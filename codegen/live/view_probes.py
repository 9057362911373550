"""The spec's view queries as PostgreSQL stores them, asked of the migrated database.

As :mod:`codegen.live.probes` does for expressions: in a transaction that is rolled back,
each view's query becomes a temporary view under a probe name (resolved with the database's
own search_path, as a migration's CREATE VIEW is), read back through ``pg_get_viewdef`` with
the search_path the introspection uses. A probe that fails (a table it reads is missing)
keeps the spec's text, and verify reports the view as different.
"""

from __future__ import annotations

from dataclasses import replace

import psycopg
from psycopg import sql

from codegen.live.connection import Connection
from codegen.schema import ir
from codegen.schema.lower.views import normalized_query

_PREFIX = "codegen_probe_view_"


def with_probed_views(conn: Connection, spec: ir.Schema) -> ir.Schema:
    """``spec`` with each view's query replaced by the text PostgreSQL stores for it."""
    if not spec.views:
        return spec
    stored: dict[ir.QualifiedName, str] = {}
    with conn.transaction(force_rollback=True):
        for n, view in enumerate(spec.views):
            probe = f"{_PREFIX}{n}"
            statement = sql.SQL("CREATE TEMPORARY VIEW {} AS {}").format(
                sql.Identifier(probe), sql.SQL(view.query))
            try:
                conn.execute(b"SAVEPOINT view_probe; " + statement.as_string(conn).encode()
                             + b"; RELEASE SAVEPOINT view_probe", prepare=False)
            except psycopg.Error:
                conn.execute("ROLLBACK TO SAVEPOINT view_probe; RELEASE SAVEPOINT view_probe")
                continue
            stored[view.name] = probe
        conn.execute("SET LOCAL search_path = pg_catalog")
        texts = {probe: text for probe, text in conn.execute(
            "SELECT c.relname, pg_get_viewdef(c.oid) FROM pg_class c "
            "WHERE c.relname = ANY(%s) AND c.relpersistence = 't'",
            (list(stored.values()),)).fetchall()}
    return replace(spec, views=tuple(
        replace(v, query=normalized_query(texts[stored[v.name]]))
        if v.name in stored and stored[v.name] in texts else v for v in spec.views))
