"""Views and materialized views: the query as PostgreSQL deparses it, options
(security_invoker, check_option), columns with their types and comments, comment, grants.

PostgreSQL keeps no NOT NULL for a view's columns, so each is read as nullable (verify does
not compare nullability: :mod:`codegen.live.comparable`). Views an extension owns are not
read.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Literal

from codegen.live.introspect.catalog import Catalog
from codegen.live.introspect.columns import column_type
from codegen.live.introspect.grants import SQL as GRANTS_SQL
from codegen.live.introspect.grants import TABLE_PRIVILEGES, as_grant
from codegen.schema import ir
from codegen.schema.lower.views import normalized_query
from codegen.schema.model_names import model_name

SQL = """
SELECT c.oid, n.nspname AS schema, c.relname AS name, c.relkind = 'm' AS materialized,
       pg_get_viewdef(c.oid) AS query, c.reloptions::text[] AS options,
       obj_description(c.oid, 'pg_class') AS comment,
       EXISTS (SELECT FROM pg_index i WHERE i.indrelid = c.oid) AS has_indexes,
       array(SELECT t.tgname::text FROM pg_trigger t WHERE t.tgrelid = c.oid
             AND NOT t.tgisinternal ORDER BY 1) AS triggers,
       array(SELECT r.rulename::text FROM pg_rewrite r WHERE r.ev_class = c.oid
             AND r.rulename <> '_RETURN' ORDER BY 1) AS rules
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('v', 'm') AND n.nspname = ANY(%(schemas)s)
  AND NOT n.nspname = ANY(%(supabase)s)
  AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                  AND d.objid = c.oid AND d.deptype = 'e')
ORDER BY n.nspname, c.relname
"""

COLUMNS = """
SELECT a.attrelid AS view_oid, a.attname AS name, a.attndims AS dims,
       (t.typcategory = 'A') AS is_array,
       en.nspname AS element_schema, et.typname AS element_name, et.typtype::text AS element_kind,
       format_type(et.oid, a.atttypmod) AS element_type,
       col_description(a.attrelid, a.attnum) AS comment
FROM pg_attribute a
JOIN pg_type t ON t.oid = a.atttypid
JOIN pg_type et ON et.oid = CASE WHEN t.typcategory = 'A' THEN t.typelem ELSE t.oid END
JOIN pg_namespace en ON en.oid = et.typnamespace
WHERE a.attrelid = ANY(%(views)s) AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attrelid, a.attnum
"""

# How PostgreSQL keeps a boolean option as written: security_invoker=on, =1, =yes, =true.
_TRUE = frozenset({"true", "on", "1", "yes"})


def read(catalog: Catalog) -> None:
    rows = catalog.rows(SQL)
    oids = [row["oid"] for row in rows]
    columns: dict[int, list[ir.ViewColumn]] = defaultdict(list)
    skipped: dict[int, list[str]] = defaultdict(list)
    for row in catalog.rows(COLUMNS, views=oids):
        kind = column_type(row)
        if kind is None:
            skipped[row["view_oid"]].append(f"{row['name']} ({row['element_type']})")
        else:
            columns[row["view_oid"]].append(ir.ViewColumn(row["name"], kind, True,
                                                          row["comment"]))
    names = {row["oid"]: f"{row['schema']}.{row['name']}" for row in rows}
    grants = _grants(catalog, names)
    for row in rows:
        name = ir.QualifiedName(row["schema"], row["name"])
        what = f"{'materialized view' if row['materialized'] else 'view'} {name}"
        if skipped[row["oid"]]:
            catalog.warn(f"{what}: column {', '.join(skipped[row['oid']])} has a type the spec "
                         "does not support (view skipped)")
            continue
        options = _options(row["options"])
        if row["materialized"] and row["has_indexes"]:
            catalog.warn(f"{what}: indexes on a materialized view are not in the spec (left "
                         "out)")
        for trigger in row["triggers"]:
            catalog.warn(f"{what}: trigger {trigger}: triggers on views are not in the spec "
                         "(skipped)")
        for rule in row["rules"]:
            catalog.warn(f"{what}: rule {rule}: rules are not in the spec (skipped)")
        for option in sorted(options.keys() - {"security_invoker", "check_option"}):
            catalog.warn(f"{what}: option {option} is not in the spec (left out)")
        check: Literal["local", "cascaded"] | None = None
        match options.get("check_option"):
            case "local":
                check = "local"
            case "cascaded":
                check = "cascaded"
        catalog.views.append(ir.View(
            name=name, query=normalized_query(row["query"]), columns=tuple(columns[row["oid"]]),
            materialized=row["materialized"],
            security_invoker=options.get("security_invoker", "false") in _TRUE,
            check_option=check,
            comment=row["comment"], grants=grants.get(row["oid"], ()),
            model=model_name(name.name, None)))


def _options(options: list[str] | None) -> dict[str, str]:
    found: dict[str, str] = {}
    for option in options or ():
        key, _, value = option.partition("=")
        found[key] = value.lower()
    return found


def _grants(catalog: Catalog, names: dict[int, str]) -> dict[int, tuple[ir.Grant, ...]]:
    by_view: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in catalog.rows(GRANTS_SQL, oids=list(names)):  # a view's ACL is a table's
        if row["grantable"]:
            catalog.warn(f"view {names[row['table_oid']]}: WITH GRANT OPTION for {row['role']} "
                         "is not in the spec (read as a plain grant)")
        by_view[row["table_oid"]][row["role"]].add(row["privilege"])
    found: dict[int, tuple[ir.Grant, ...]] = {}
    for oid, roles in by_view.items():
        grants = []
        for role, privileges in sorted(roles.items()):
            grant = as_grant(role, privileges, catalog.server_version)
            if grant.privileges != ("all",):
                grant = ir.Grant(role, tuple(p for p in grant.privileges
                                             if p in TABLE_PRIVILEGES))
            if grant.privileges:
                grants.append(grant)
        found[oid] = tuple(grants)
    return found
