"""What Supabase Realtime streams of the tables read: membership of the supabase_realtime
publication and each table's replica identity (``USING INDEX``, a row filter or a column
list are not in the spec: warnings)."""

from __future__ import annotations

from codegen.live.introspect.catalog import Catalog
from codegen.migrate.changes.realtime import PUBLICATION
from codegen.schema import ir

SQL = """
SELECT c.oid AS table_oid, c.relreplident::text AS identity,
       EXISTS (SELECT FROM pg_publication p JOIN pg_publication_rel r ON r.prpubid = p.oid
               WHERE p.pubname = %(publication)s AND r.prrelid = c.oid) AS member,
       EXISTS (SELECT FROM pg_publication p JOIN pg_publication_rel r ON r.prpubid = p.oid
               WHERE p.pubname = %(publication)s AND r.prrelid = c.oid
                 AND {partial}) AS partial,
       EXISTS (SELECT FROM pg_publication p WHERE p.pubname = %(publication)s
               AND p.puballtables) AS all_tables
FROM pg_class c
WHERE c.oid = ANY(%(owned)s)
ORDER BY c.oid
"""

_IDENTITIES: dict[str, ir.ReplicaIdentity] = {"d": "default", "f": "full", "n": "nothing"}


def read(catalog: Catalog) -> None:
    # Row filters and column lists came with PostgreSQL 15.
    partial = "(r.prqual IS NOT NULL OR r.prattrs IS NOT NULL)" \
        if catalog.server_version >= 150000 else "false"
    for row in catalog.rows(SQL.format(partial=partial), publication=PUBLICATION):
        table = catalog.tables[row["table_oid"]]
        if row["all_tables"]:
            catalog.warn(f"table {table.name}: the {PUBLICATION} publication is FOR ALL "
                         "TABLES, which the spec does not express (read as not streamed)")
        if row["partial"]:
            catalog.warn(f"table {table.name}: a row filter or column list in the "
                         f"{PUBLICATION} publication is not in the spec (read as the whole "
                         "table)")
        table.realtime = row["member"]
        identity = _IDENTITIES.get(row["identity"])
        if identity is None:
            catalog.warn(f"table {table.name}: REPLICA IDENTITY USING INDEX is not in the spec "
                         "(read as default)")
        table.replica_identity = identity or "default"
