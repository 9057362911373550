"""Objects of kinds the spec does not have yet: listed as warnings, never dropped silently.

When a kind gets its own IR class (functions, triggers and views have: :mod:`.functions`,
:mod:`.triggers`, :mod:`.views`), its reader module takes over and its query leaves this
list. Sequences owned by an identity or serial column are the column's (not listed).
"""

from __future__ import annotations

from codegen.live.introspect.catalog import Catalog

SQL = """
SELECT kind, name FROM (
  SELECT CASE c.relkind WHEN 'S' THEN 'sequence' WHEN 'f' THEN 'foreign table' END AS kind,
         n.nspname || '.' || c.relname AS name
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('S', 'f') AND n.nspname = ANY(%(schemas)s)
    AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                    AND d.objid = c.oid AND d.deptype IN ('a', 'i', 'e'))
  UNION ALL
  SELECT CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate'
                        ELSE 'window function' END,
         n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')'
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
  WHERE n.nspname = ANY(%(schemas)s) AND p.prokind <> 'f'
    AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass
                    AND d.objid = p.oid AND d.deptype = 'e')
  UNION ALL
  SELECT CASE t.typtype WHEN 'd' THEN 'domain' WHEN 'c' THEN 'composite type'
                        WHEN 'r' THEN 'range type' END,
         n.nspname || '.' || t.typname
  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
  WHERE t.typtype IN ('d', 'c', 'r') AND n.nspname = ANY(%(schemas)s)
    AND (t.typtype <> 'c' OR (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c')
    AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_type'::regclass
                    AND d.objid = t.oid AND d.deptype = 'e')
) objects
ORDER BY name, kind
"""


def read(catalog: Catalog) -> None:
    for row in catalog.rows(SQL):
        catalog.warn(f"{row['kind']} {row['name']}: not in the spec yet (skipped)")
