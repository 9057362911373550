"""Table privileges per role (the owner's own are implied and not listed)."""

from __future__ import annotations

from collections import defaultdict

from codegen.live.introspect.catalog import Catalog
from codegen.schema import ir

SQL = """
SELECT c.oid AS table_oid,
       CASE WHEN acl.grantee = 0 THEN 'public' ELSE pg_get_userbyid(acl.grantee)::text END
           AS role,
       lower(acl.privilege_type) AS privilege, acl.is_grantable AS grantable
FROM pg_class c, aclexplode(c.relacl) acl
WHERE c.oid = ANY(%(oids)s) AND acl.grantee <> c.relowner
"""

TABLE_PRIVILEGES = frozenset({"select", "insert", "update", "delete", "truncate", "references",
                              "trigger"})


def all_privileges(server_version: int) -> frozenset[str]:
    """What GRANT ALL gives on a table of this server (PostgreSQL 17 added MAINTAIN)."""
    return TABLE_PRIVILEGES | ({"maintain"} if server_version >= 170000 else set())


def as_grant(role: str, privileges: set[str], server_version: int) -> ir.Grant:
    """The spec's form: ("all",) for every privilege, else the sorted list."""
    if privileges >= all_privileges(server_version):
        return ir.Grant(role, ("all",))
    return ir.Grant(role, tuple(sorted(privileges)))


def read(catalog: Catalog) -> None:
    by_table: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in catalog.rows(SQL):
        table = catalog.tables[row["table_oid"]]
        if row["grantable"]:
            catalog.warn(f"table {table.name}: WITH GRANT OPTION for {row['role']} is not in "
                         "the spec (read as a plain grant)")
        if row["privilege"] not in TABLE_PRIVILEGES and row["privilege"] != "maintain":
            continue
        by_table[row["table_oid"]][row["role"]].add(row["privilege"])
    for oid, roles in by_table.items():
        table = catalog.tables[oid]
        for role, privileges in sorted(roles.items()):
            grant = as_grant(role, privileges, catalog.server_version)
            if grant.privileges != ("all",) and "maintain" in privileges:
                catalog.warn(f"table {table.name}: MAINTAIN for {role} is not in the spec "
                             "(left out)")
                grant = ir.Grant(role, tuple(p for p in grant.privileges if p != "maintain"))
            if grant.privileges:
                table.grants.append(grant)
