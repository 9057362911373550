"""Triggers on the tables read (the spec's and Supabase's): timing, events, UPDATE OF
columns, row or statement, WHEN, the function and its arguments, comment.

On Supabase's tables only the triggers a project added are read: those running a function
outside Supabase's own schemas (storage.objects' own ``update_objects_updated_at`` is not).
"""

from __future__ import annotations

from codegen.live.introspect.catalog import Catalog
from codegen.schema import ir
from codegen.schema.lower.triggers import EVENT_ORDER

SQL = """
SELECT t.tgrelid AS table_oid, t.tgname AS name, t.tgtype AS type,
       fn.nspname AS function_schema, f.proname AS function_name,
       array(SELECT a.attname::text FROM unnest(t.tgattr::int2[]) WITH ORDINALITY k(num, i)
             JOIN pg_attribute a ON a.attrelid = t.tgrelid AND a.attnum = k.num
             ORDER BY k.i) AS columns,
       pg_get_triggerdef(t.oid) AS definition, t.tgqual IS NOT NULL AS has_when,
       t.tgargs AS arguments, t.tgnargs AS argument_count,
       obj_description(t.oid, 'pg_trigger') AS comment,
       fn.nspname = ANY(%(supabase)s) AS supabase_function
FROM pg_trigger t
JOIN pg_proc f ON f.oid = t.tgfoid
JOIN pg_namespace fn ON fn.oid = f.pronamespace
WHERE t.tgrelid = ANY(%(oids)s) AND NOT t.tgisinternal
ORDER BY t.tgrelid, t.tgname
"""

_EVENT_BITS = {"insert": 4, "delete": 8, "update": 16, "truncate": 32}


def when_clause(definition: str) -> str | None:
    """The WHEN condition of ``pg_get_triggerdef``, as PostgreSQL stores it."""
    start = definition.find(" WHEN (")
    end = definition.rfind(") EXECUTE FUNCTION ")
    if end < 0:
        end = definition.rfind(") EXECUTE PROCEDURE ")
    if start < 0 or end < start:
        return None
    return definition[start + len(" WHEN ("):end]


def read(catalog: Catalog) -> None:
    for row in catalog.rows(SQL):
        table = catalog.tables[row["table_oid"]]
        if table.external and row["supabase_function"]:
            continue  # Supabase's own trigger on its table
        kind = row["type"]
        timing: ir.TriggerTiming = ("instead of" if kind & 64 else
                                    "before" if kind & 2 else "after")
        events = tuple(e for e in EVENT_ORDER if kind & _EVENT_BITS[e])
        raw = bytes(row["arguments"] or b"")
        arguments = tuple(a.decode() for a in raw.split(b"\x00")[: row["argument_count"]])
        table.triggers.append(ir.Trigger(
            name=row["name"], timing=timing, events=events,
            function=ir.QualifiedName(row["function_schema"], row["function_name"]),
            columns=tuple(row["columns"]), for_each_row=bool(kind & 1),
            when=when_clause(row["definition"]) if row["has_when"] else None,
            arguments=arguments, comment=row["comment"]))
