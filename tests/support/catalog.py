"""Read a database's schema from pg_catalog as a normalized, JSON-serialisable dict.

``introspect(url)`` describes the enums, tables (columns, constraints, indexes, policies,
grants, triggers), views, sequences and functions of the given schemas. Everything is
sorted by name, so two databases with the same schema give equal dicts whatever order it
was created in; only column order and enum value order, which are meaningful, are kept.

All SQL text comes from PostgreSQL's own deparsers (format_type, pg_get_expr,
pg_get_constraintdef, pg_get_indexdef, ...) run with ``search_path = pg_catalog``, so
every name outside pg_catalog is schema-qualified (``public.status``, ``auth.uid()``,
``extensions.citext``) independently of the database's or session's search_path.

Vocabulary is lower case like the spec's: identity ``always``/``by_default``, FK actions
``cascade``/``restrict``/``set null``/``set default``/``no action``, policy ``permissive``/
``restrictive`` and ``select``/``insert``/``update``/``delete``/``all``, privileges ``select``...
(a grantable privilege ends with ``*``). NOT NULL is a column fact; PostgreSQL 18's
not-null constraints (contype ``n``) are not listed, so results match across versions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from psycopg.pq import TransactionStatus
from psycopg.rows import dict_row

from .postgres import Connection, connect

_FK_ACTIONS = {"a": "no action", "r": "restrict", "c": "cascade", "n": "set null",
               "d": "set default"}
_IDENTITY = {"a": "always", "d": "by_default"}
_GENERATED = {"s": "stored", "v": "virtual"}

_ENUMS = """
SELECT n.nspname AS schema, t.typname AS name,
       obj_description(t.oid, 'pg_type') AS comment,
       array(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid
             ORDER BY e.enumsortorder) AS values
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype = 'e' AND n.nspname = ANY(%(schemas)s)
"""

_TABLES = """
SELECT c.oid, n.nspname AS schema, c.relname AS name, c.relkind::text AS kind,
       obj_description(c.oid, 'pg_class') AS comment,
       c.relrowsecurity AS rls_enabled, c.relforcerowsecurity AS rls_forced,
       c.relreplident::text AS replica_identity,
       EXISTS (SELECT FROM pg_publication_rel pr JOIN pg_publication p ON p.oid = pr.prpubid
               WHERE pr.prrelid = c.oid AND p.pubname = 'supabase_realtime') AS realtime
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY(%(schemas)s)
"""

_COLUMNS = """
SELECT a.attrelid AS table_oid, a.attname AS name,
       format_type(a.atttypid, a.atttypmod) AS type,
       a.attnotnull AS not_null,
       pg_get_expr(d.adbin, d.adrelid) AS default,
       a.attidentity::text AS identity, a.attgenerated::text AS generated,
       col_description(a.attrelid, a.attnum) AS comment
FROM pg_attribute a
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE a.attrelid = ANY(%(oids)s) AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attrelid, a.attnum
"""

_CONSTRAINTS = """
SELECT co.conrelid AS table_oid, co.conname AS name, co.contype::text AS type,
       pg_get_constraintdef(co.oid) AS definition,
       array(SELECT a.attname::text FROM unnest(co.conkey) WITH ORDINALITY k(num, i)
             JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k.num
             ORDER BY k.i) AS columns,
       CASE WHEN co.contype = 'f' THEN fn.nspname || '.' || fc.relname END AS ref_table,
       array(SELECT a.attname::text FROM unnest(co.confkey) WITH ORDINALITY k(num, i)
             JOIN pg_attribute a ON a.attrelid = co.confrelid AND a.attnum = k.num
             ORDER BY k.i) AS ref_columns,
       co.confdeltype::text AS on_delete, co.confupdtype::text AS on_update,
       obj_description(co.oid, 'pg_constraint') AS comment
FROM pg_constraint co
LEFT JOIN pg_class fc ON fc.oid = co.confrelid
LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
WHERE co.conrelid = ANY(%(oids)s) AND co.contype <> 'n'
"""

_INDEXES = """
SELECT i.indrelid AS table_oid, ic.relname AS name,
       pg_get_indexdef(i.indexrelid) AS definition,
       i.indisunique AS unique, i.indisprimary AS primary,
       pg_get_expr(i.indpred, i.indrelid) AS predicate,
       (SELECT co.conname FROM pg_constraint co
        WHERE co.conindid = i.indexrelid AND co.conrelid = i.indrelid
          AND co.contype IN ('p', 'u', 'x')) AS constraint,
       obj_description(i.indexrelid, 'pg_class') AS comment
FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
WHERE i.indrelid = ANY(%(oids)s)
"""

_POLICIES = """
SELECT p.polrelid AS table_oid, p.polname AS name,
       CASE WHEN p.polpermissive THEN 'permissive' ELSE 'restrictive' END AS permissive,
       CASE p.polcmd WHEN 'r' THEN 'select' WHEN 'a' THEN 'insert' WHEN 'w' THEN 'update'
                     WHEN 'd' THEN 'delete' ELSE 'all' END AS cmd,
       CASE WHEN p.polroles = '{0}' THEN ARRAY['public']
            ELSE array(SELECT r.rolname::text FROM pg_roles r
                       WHERE r.oid = ANY(p.polroles) ORDER BY 1) END AS roles,
       pg_get_expr(p.polqual, p.polrelid) AS qual,
       pg_get_expr(p.polwithcheck, p.polrelid) AS with_check,
       obj_description(p.oid, 'pg_policy') AS comment
FROM pg_policy p
WHERE p.polrelid = ANY(%(oids)s)
"""

_GRANTS = """
SELECT c.oid AS table_oid,
       CASE WHEN acl.grantee = 0 THEN 'public' ELSE pg_get_userbyid(acl.grantee)::text END
           AS grantee,
       lower(acl.privilege_type) || CASE WHEN acl.is_grantable THEN '*' ELSE '' END
           AS privilege
FROM pg_class c, aclexplode(c.relacl) acl
WHERE c.oid = ANY(%(oids)s) AND acl.grantee <> c.relowner
"""

_TRIGGERS = """
SELECT t.tgrelid AS table_oid, t.tgname AS name, pg_get_triggerdef(t.oid) AS definition,
       t.tgenabled::text AS enabled
FROM pg_trigger t
WHERE t.tgrelid = ANY(%(oids)s) AND NOT t.tgisinternal
"""

_VIEWS = """
SELECT n.nspname || '.' || c.relname AS name, c.relkind::text AS kind,
       pg_get_viewdef(c.oid) AS definition,
       coalesce(c.reloptions, '{}') AS options,
       obj_description(c.oid, 'pg_class') AS comment,
       (SELECT coalesce(array_agg(a.grantee::regrole::text || ':' || a.privilege_type
                                  ORDER BY 1), '{}')
        FROM aclexplode(c.relacl) a WHERE a.grantee <> c.relowner AND a.grantee <> 0) AS grants,
       (SELECT coalesce(array_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
                                  || coalesce(' -- ' || col_description(c.oid, a.attnum), '')
                                  ORDER BY a.attnum), '{}')
        FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0
          AND NOT a.attisdropped) AS columns
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('v', 'm') AND n.nspname = ANY(%(schemas)s)
"""

# Rows of Supabase's storage.buckets (the stand-in has the table): the spec writes them.
_BUCKETS = """
SELECT id AS name, name AS display, public, file_size_limit, allowed_mime_types
FROM storage.buckets WHERE to_regclass('storage.buckets') IS NOT NULL
"""

_DEFAULT_ACLS = """
SELECT d.defaclrole::regrole::text || ':' || coalesce(n.nspname, '*') || ':'
         || d.defaclobjtype::text AS name,
       array(SELECT x FROM unnest(d.defaclacl::text[]) x ORDER BY 1) AS acl
FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace
"""

_EXTENSIONS = """
SELECT e.extname AS name, n.nspname AS schema
FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
WHERE e.extname <> 'plpgsql'
"""

_SCHEMAS = """
SELECT n.nspname AS name, obj_description(n.oid, 'pg_namespace') AS comment,
       array(SELECT CASE WHEN a.grantee = 0 THEN 'public' ELSE pg_get_userbyid(a.grantee)::text
                    END FROM aclexplode(n.nspacl) a
             WHERE a.grantee <> n.nspowner AND a.privilege_type = 'USAGE' ORDER BY 1) AS usage
FROM pg_namespace n WHERE n.nspname = ANY(%(schemas)s)
"""

_SEQUENCES = """
SELECT n.nspname || '.' || c.relname AS name
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'S' AND n.nspname = ANY(%(schemas)s)
"""

_FUNCTIONS = """
SELECT n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')'
           AS name,
       pg_get_function_result(p.oid) AS returns, p.prokind::text AS kind,
       pg_get_function_arguments(p.oid) AS arguments, l.lanname AS language,
       p.provolatile::text AS volatility, p.proisstrict AS strict,
       p.prosecdef AS security_definer, coalesce(p.proconfig, '{}') AS config,
       p.prosrc AS source, obj_description(p.oid, 'pg_proc') AS comment,
       array(SELECT CASE WHEN a.grantee = 0 THEN 'public' ELSE pg_get_userbyid(a.grantee)::text
                    END || '=' || lower(a.privilege_type)
             FROM aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
             WHERE a.grantee <> p.proowner ORDER BY 1) AS execute
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
JOIN pg_language l ON l.oid = p.prolang
WHERE n.nspname = ANY(%(schemas)s)
  AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass
                  AND d.objid = p.oid AND d.deptype = 'e')
"""


def _rows(conn: Connection, query: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    with conn.cursor(row_factory=dict_row) as cur:
        cur.execute(query, params)
        return cur.fetchall()


def _by_name(items: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    return dict(sorted(items, key=lambda kv: kv[0]))


def introspect(
    target: str | Connection, schemas: Sequence[str] = ("public",)
) -> dict[str, Any]:
    """Describe the schema objects in ``schemas`` (see the module doc). Read-only.

    ``target`` is a URL or an open connection (which must not be in a transaction).
    """
    if isinstance(target, str):
        with connect(target) as conn:
            return introspect(conn, schemas)
    conn = target
    if conn.info.transaction_status != TransactionStatus.IDLE:
        raise ValueError("introspect() needs a connection that is not inside a transaction")
    with conn.transaction():
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        conn.execute("SET LOCAL search_path = pg_catalog")
        return _introspect(conn, list(schemas))


def _introspect(conn: Connection, schemas: list[str]) -> dict[str, Any]:
    p: dict[str, Any] = {"schemas": schemas}
    enums = _by_name(
        (f"{r['schema']}.{r['name']}", {"values": list(r["values"]), "comment": r["comment"]})
        for r in _rows(conn, _ENUMS, p)
    )

    table_rows = _rows(conn, _TABLES, p)
    tables: dict[int, dict[str, Any]] = {}
    names: dict[int, str] = {}
    for r in table_rows:
        names[r["oid"]] = f"{r['schema']}.{r['name']}"
        tables[r["oid"]] = {
            "comment": r["comment"],
            "partitioned": r["kind"] == "p",
            "rls_enabled": r["rls_enabled"],
            "rls_forced": r["rls_forced"],
            "replica_identity": r["replica_identity"],
            "realtime": r["realtime"],
            "columns": [],
            "constraints": {},
            "indexes": {},
            "policies": {},
            "grants": {},
            "triggers": {},
        }
    q: dict[str, Any] = {"oids": list(tables)}

    for r in _rows(conn, _COLUMNS, q):
        tables[r["table_oid"]]["columns"].append({
            "name": r["name"],
            "type": r["type"],
            "not_null": r["not_null"],
            "default": r["default"] if not r["generated"] else None,
            "identity": _IDENTITY.get(r["identity"]),
            "generated": r["default"] if r["generated"] else None,
            "generated_kind": _GENERATED.get(r["generated"]),
            "comment": r["comment"],
        })

    for r in _rows(conn, _CONSTRAINTS, q):
        con: dict[str, Any] = {
            "type": r["type"],
            "definition": r["definition"],
            "columns": list(r["columns"]),
            "comment": r["comment"],
        }
        if r["type"] == "f":
            con["references"] = {"table": r["ref_table"], "columns": list(r["ref_columns"])}
            con["on_delete"] = _FK_ACTIONS[r["on_delete"]]
            con["on_update"] = _FK_ACTIONS[r["on_update"]]
        tables[r["table_oid"]]["constraints"][r["name"]] = con

    for r in _rows(conn, _INDEXES, q):
        tables[r["table_oid"]]["indexes"][r["name"]] = {
            "definition": r["definition"],
            "unique": r["unique"],
            "primary": r["primary"],
            "predicate": r["predicate"],
            "constraint": r["constraint"],
            "comment": r["comment"],
        }

    for r in _rows(conn, _POLICIES, q):
        tables[r["table_oid"]]["policies"][r["name"]] = {
            "permissive": r["permissive"],
            "cmd": r["cmd"],
            "roles": sorted(r["roles"]),
            "qual": r["qual"],
            "with_check": r["with_check"],
            "comment": r["comment"],
        }

    for r in _rows(conn, _GRANTS, q):
        tables[r["table_oid"]]["grants"].setdefault(r["grantee"], []).append(r["privilege"])

    for r in _rows(conn, _TRIGGERS, q):
        tables[r["table_oid"]]["triggers"][r["name"]] = {
            "definition": r["definition"],
            "enabled": r["enabled"],
        }

    for table in tables.values():
        for key in ("constraints", "indexes", "policies", "triggers"):
            table[key] = _by_name(table[key].items())
        table["grants"] = _by_name((role, sorted(privs)) for role, privs in table["grants"].items())

    return {
        "enums": enums,
        "tables": _by_name((names[oid], table) for oid, table in tables.items()),
        "views": _by_name(
            (r["name"], {"kind": "materialized" if r["kind"] == "m" else "view",
                         "definition": r["definition"], "options": sorted(r["options"]),
                         "comment": r["comment"], "grants": list(r["grants"]),
                         "columns": list(r["columns"])})
            for r in _rows(conn, _VIEWS, p)
        ),
        "sequences": sorted(r["name"] for r in _rows(conn, _SEQUENCES, p)),
        "functions": _by_name(
            (r["name"], {"returns": r["returns"], "kind": r["kind"], "arguments": r["arguments"],
                         "language": r["language"], "volatility": r["volatility"],
                         "strict": r["strict"], "security_definer": r["security_definer"],
                         "config": list(r["config"]), "source": r["source"],
                         "comment": r["comment"], "execute": list(r["execute"])})
            for r in _rows(conn, _FUNCTIONS, p)
        ),
        "extensions": _by_name((r["name"], r["schema"]) for r in _rows(conn, _EXTENSIONS, p)),
        "default_privileges": _by_name((r["name"], list(r["acl"]))
                                       for r in _rows(conn, _DEFAULT_ACLS, p)),
        "buckets": _by_name(
            (r["name"], {"name": r["display"], "public": r["public"],
                         "file_size_limit": r["file_size_limit"],
                         "allowed_mime_types": r["allowed_mime_types"]})
            for r in _rows(conn, _BUCKETS, p)
        ),
        "schemas": _by_name(
            (r["name"], {"comment": r["comment"], "usage": list(r["usage"])})
            for r in _rows(conn, _SCHEMAS, p)
        ),
    }


def diff(a: Any, b: Any, path: str = "") -> list[str]:
    """Human-readable differences between two :func:`introspect` results (empty if equal)."""
    if isinstance(a, dict) and isinstance(b, dict):
        out: list[str] = []
        for key in sorted(set(a) | set(b)):
            sub = f"{path}.{key}" if path else str(key)
            if key not in a:
                out.append(f"{sub}: only in second: {b[key]!r}")
            elif key not in b:
                out.append(f"{sub}: only in first: {a[key]!r}")
            else:
                out.extend(diff(a[key], b[key], sub))
        return out
    if (isinstance(a, list) and isinstance(b, list) and len(a) == len(b)
            and all(isinstance(x, dict) for x in a + b)):
        out = []
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            out.extend(diff(x, y, f"{path}[{i}]"))
        return out
    return [] if a == b else [f"{path}: {a!r} != {b!r}"]
