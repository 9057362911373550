"""Default privileges (pg_default_acl) as the spec's entries: one per role, kind of object
and grant or revoke.

A per-schema entry only adds privileges to the global defaults, so each of its privileges
is a grant. A global entry replaces PostgreSQL's built-in defaults (``acldefault``): what it
lacks of them is a revoke (PUBLIC's EXECUTE on functions), what it adds a grant. The owner
(``for_role``) is always named: a spec's entry without one means the role running its
migrations (:func:`with_owner`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from codegen.live.introspect.catalog import Catalog
from codegen.live.introspect.grants import all_privileges
from codegen.schema import ir
from codegen.schema.lower.default_privileges import PRIVILEGES

SQL = """
SELECT d.oid, pg_get_userbyid(d.defaclrole) AS for_role, n.nspname AS schema, d.defaclobjtype::text AS objects,
       array(SELECT ARRAY[CASE WHEN a.grantee = 0 THEN 'public'
                               ELSE pg_get_userbyid(a.grantee)::text END,
                          lower(a.privilege_type), a.is_grantable::text]
             FROM aclexplode(d.defaclacl) a) AS acl,
       CASE WHEN d.defaclnamespace = 0 THEN array(
           SELECT ARRAY[CASE WHEN a.grantee = 0 THEN 'public'
                             ELSE pg_get_userbyid(a.grantee)::text END,
                        lower(a.privilege_type), 'false']
           FROM aclexplode(acldefault(CASE d.defaclobjtype WHEN 'S' THEN 's'
                                           ELSE d.defaclobjtype END, d.defaclrole)) a)
       END AS builtin
FROM pg_default_acl d
LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace
WHERE d.defaclnamespace = 0 OR n.nspname = ANY(%(schemas)s)
ORDER BY n.nspname NULLS FIRST, 2, d.defaclobjtype
"""

_OBJECTS = {"r": "tables", "S": "sequences", "f": "functions", "T": "types", "n": "schemas"}


def read(catalog: Catalog) -> None:
    for row in catalog.rows(SQL):
        objects = _OBJECTS.get(row["objects"])
        where = (f"default privileges{' in ' + row['schema'] if row['schema'] else ''} "
                 f"for role {row['for_role']}")
        if objects is None:
            catalog.warn(f"{where}: objects of kind {row['objects']} are not in the spec "
                         "(skipped)")
            continue
        has = _by_role(row["acl"])
        builtin = _by_role(row["builtin"] or [])
        for role, grantable in sorted({(r[0], r[2]) for r in row["acl"]}):
            if grantable == "true":
                catalog.warn(f"{where}: WITH GRANT OPTION for {role} is not in the spec (read "
                             "as a plain grant)")
        for role in sorted(has.keys() | builtin.keys()):
            for grant, privileges in ((True, has[role] - builtin[role]),
                                      (False, builtin[role] - has[role])):
                entry = as_entry(objects, privileges, catalog.server_version)
                if entry != ("all",) and privileges - set(entry):
                    catalog.warn(f"{where}: {', '.join(sorted(privileges - set(entry)))} for "
                                 f"{role} is not in the spec (left out)")
                if entry:
                    catalog.default_privileges.append(ir.DefaultPrivilege(
                        objects, role, entry, grant, row["schema"], row["for_role"]))


def with_owner(schema: ir.Schema, user: str) -> ir.Schema:
    """``schema`` with ``for_role`` named where it is left out (the role running the
    migrations: ``user``)."""
    return replace(schema, default_privileges=tuple(
        replace(e, for_role=user) if e.for_role is None else e
        for e in schema.default_privileges))


def without_owner(schema: ir.Schema, user: str) -> ir.Schema:
    """``schema`` with ``for_role`` left out where it is ``user``, as a spec writes it."""
    return replace(schema, default_privileges=tuple(
        replace(e, for_role=None) if e.for_role == user else e
        for e in schema.default_privileges))


def full_privileges(objects: str, server_version: int) -> frozenset[str]:
    """Every privilege on a kind of object, which the spec calls ``all``."""
    if objects == "tables":
        return all_privileges(server_version)
    return frozenset(PRIVILEGES[objects] - {"all"})


def as_entry(objects: str, privileges: set[str], server_version: int) -> tuple[str, ...]:
    """The spec's form: ("all",) for every privilege of a kind that has several, else those
    the spec knows, sorted (``all`` written by a spec is expanded)."""
    full = full_privileges(objects, server_version)
    if "all" in privileges:
        privileges = set(full)
    if len(full) > 1 and privileges >= full:
        return ("all",)
    return tuple(sorted(privileges & PRIVILEGES[objects]))


def _by_role(acl: list[list[str]]) -> defaultdict[str, set[str]]:
    found: defaultdict[str, set[str]] = defaultdict(set)
    for role, privilege, _ in acl:
        found[role].add(privilege)
    return found
