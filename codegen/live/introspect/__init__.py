"""Read a live database's catalog into the same IR the spec lowers to.

One reader module per object kind, each with the catalog query it runs; :data:`READERS` is
the registry (order matters: tables before their parts). A new kind is a new module and one
line here. Everything runs in one read-only transaction with ``search_path = pg_catalog``,
so PostgreSQL's deparsers qualify every name outside pg_catalog (``auth.uid()``,
``'x'::public.status``) whatever the database's own search_path.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from codegen.live.connection import Connection
from codegen.live.introspect import (
    buckets,
    columns,
    comments,
    constraints,
    default_privileges,
    enums,
    extensions,
    functions,
    grants,
    indexes,
    namespaces,
    others,
    policies,
    realtime,
    rows,
    tables,
    triggers,
    views,
)
from codegen.live.introspect.catalog import Catalog
from codegen.schema import ir
from codegen.spec.database_objects import SUPABASE_OWNED_SCHEMAS

Reader = Callable[[Catalog], None]

READERS: tuple[Reader, ...] = (
    enums.read,
    tables.read,
    columns.read,
    constraints.read,
    indexes.read,
    policies.read,
    grants.read,
    comments.read,
    triggers.read,
    functions.read,
    extensions.read,
    namespaces.read,
    realtime.read,
    rows.read,
    views.read,
    buckets.read,
    default_privileges.read,
    others.read,
)


@dataclass(frozen=True)
class Introspection:
    """A database's schema as IR, and what the spec cannot express (one line per object)."""

    schema: ir.Schema
    warnings: tuple[str, ...]
    server_version: int
    user: str = ""  # the role that read it: the owner a spec means when it names none


def read_catalog(conn: Connection, schemas: Sequence[str],
                 external: Sequence[str] | None = None,
                 rows: Mapping[ir.QualifiedName, tuple[ir.Row, ...]] | None = None,
                 ) -> Introspection:
    """Read ``schemas`` inside the connection's current transaction (the caller owns it).

    Supabase's own schemas are never read as the spec's; ``external`` names the tables of
    theirs (``auth.users``) whose policies, triggers and grants to read (None: every one a
    project added a policy or a trigger to); ``rows`` the configuration rows to read, by
    table (none by default)."""
    conn.execute("SET LOCAL search_path = pg_catalog")
    owned = sorted(set(schemas) - SUPABASE_OWNED_SCHEMAS)
    catalog = Catalog(conn, owned, conn.info.server_version,
                      external=None if external is None else sorted(external),
                      wanted_rows=dict(rows or {}))
    for reader in READERS:
        reader(catalog)
    user = conn.execute("SELECT current_user").fetchone()
    return Introspection(catalog.build(), tuple(catalog.warnings), catalog.server_version,
                         str(user[0]) if user else "")


def introspect(conn: Connection, schemas: Sequence[str],
               external: Sequence[str] | None = None,
               rows: Mapping[ir.QualifiedName, tuple[ir.Row, ...]] | None = None,
               ) -> Introspection:
    """Read ``schemas`` in a transaction of its own: read-only, rolled back, nothing written."""
    with conn.transaction(force_rollback=True):
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        return read_catalog(conn, schemas, external, rows)



