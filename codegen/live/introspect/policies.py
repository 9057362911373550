"""Row level security policies: command, permissive or restrictive, roles, expressions,
comment."""

from __future__ import annotations

from codegen.live.introspect.catalog import Catalog
from codegen.schema import ir

SQL = """
SELECT p.polrelid AS table_oid, p.polname AS name, p.polpermissive AS permissive,
       CASE p.polcmd WHEN 'r' THEN 'select' WHEN 'a' THEN 'insert' WHEN 'w' THEN 'update'
                     WHEN 'd' THEN 'delete' ELSE 'all' END AS command,
       CASE WHEN p.polroles = '{0}' THEN ARRAY['public']
            ELSE array(SELECT r.rolname::text FROM pg_roles r
                       WHERE r.oid = ANY(p.polroles) ORDER BY 1) END AS roles,
       pg_get_expr(p.polqual, p.polrelid) AS using,
       pg_get_expr(p.polwithcheck, p.polrelid) AS with_check,
       obj_description(p.oid, 'pg_policy') AS comment
FROM pg_policy p
WHERE p.polrelid = ANY(%(oids)s)
ORDER BY p.polrelid, p.polname
"""


def read(catalog: Catalog) -> None:
    for row in catalog.rows(SQL):
        table = catalog.tables[row["table_oid"]]
        table.policies.append(ir.Policy(row["name"], row["command"], row["permissive"],
                                        tuple(sorted(row["roles"])), row["using"],
                                        row["with_check"], comment=row["comment"]))
