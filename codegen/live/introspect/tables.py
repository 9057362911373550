"""Tables and their row level security flag; other kinds of relation are warnings.

Tables of Supabase's own schemas (``auth.users``, ``storage.objects``) are read as external:
only the policies, triggers and grants a project adds to them. Which ones: those asked for
(verify: the spec's), else those with a policy or a trigger running a function outside
Supabase's schemas (pull).
"""

from __future__ import annotations

from codegen.live.introspect.catalog import Catalog, TableParts
from codegen.schema import ir

SQL = """
SELECT c.oid, n.nspname AS schema, c.relname AS name, c.relkind::text AS kind,
       c.relrowsecurity AS rls, c.relforcerowsecurity AS forced, c.relispartition AS partition,
       n.nspname = ANY(%(supabase)s) AS external, array_to_string(c.reloptions, ', ') AS options
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND (
  (n.nspname = ANY(%(schemas)s) AND NOT n.nspname = ANY(%(supabase)s))
  OR (n.nspname = ANY(%(supabase)s) AND (
    n.nspname || '.' || c.relname = ANY(%(external)s)
    OR (%(find_external)s AND (
      EXISTS (SELECT FROM pg_policy p WHERE p.polrelid = c.oid)
      OR EXISTS (SELECT FROM pg_trigger t JOIN pg_proc f ON f.oid = t.tgfoid
                 JOIN pg_namespace fn ON fn.oid = f.pronamespace
                 WHERE t.tgrelid = c.oid AND NOT t.tgisinternal
                   AND NOT fn.nspname = ANY(%(supabase)s)))))))
"""


def read(catalog: Catalog) -> None:
    for row in catalog.rows(SQL):
        name = ir.QualifiedName(row["schema"], row["name"])
        if row["external"]:
            catalog.tables[row["oid"]] = TableParts(name, True, external=True)
            continue
        if row["partition"]:
            catalog.warn(f"table {name}: a partition; partitions are not in the spec (skipped)")
            continue
        if row["kind"] == "p":
            catalog.warn(f"table {name}: partitioning is not in the spec (read as a plain table)")
        if row["forced"]:
            catalog.warn(f"table {name}: FORCE ROW LEVEL SECURITY is not in the spec")
        if row["options"]:
            catalog.warn(f"table {name}: storage parameters ({row['options']}) are not in the "
                         "spec (read without them)")
        catalog.tables[row["oid"]] = TableParts(name, row["rls"])
