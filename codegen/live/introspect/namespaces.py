"""The schemas read other than Supabase's own: comment and the roles granted USAGE."""

from __future__ import annotations

from codegen.live.introspect.catalog import Catalog
from codegen.schema import ir
from codegen.schema.supabase import PROVIDED_SCHEMAS

SQL = """
SELECT n.nspname AS name, obj_description(n.oid, 'pg_namespace') AS comment,
       array(SELECT CASE WHEN a.grantee = 0 THEN 'public'
                         ELSE pg_get_userbyid(a.grantee)::text END
             FROM aclexplode(n.nspacl) a
             WHERE a.privilege_type = 'USAGE' AND a.grantee <> n.nspowner
             ORDER BY 1) AS usage
FROM pg_namespace n
WHERE n.nspname = ANY(%(schemas)s)
ORDER BY n.nspname
"""


def read(catalog: Catalog) -> None:
    for row in catalog.rows(SQL):
        if row["name"] in PROVIDED_SCHEMAS:
            continue
        usage = tuple(r for r in row["usage"] if r != "postgres")
        catalog.namespaces.append(ir.Namespace(row["name"], row["comment"], usage))
