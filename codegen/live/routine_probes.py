"""The spec's function argument defaults and trigger conditions as PostgreSQL stores them.

As :mod:`codegen.live.probes` does for tables: inside the caller's transaction, which is
rolled back, each function with defaults is created again as a temporary function with the
same arguments, and each trigger with a WHEN under a probe name on its table; both are
read back through the deparser the introspection uses. A probe that fails keeps the spec's
text.
"""

from __future__ import annotations

from dataclasses import replace

import psycopg

from codegen.live.connection import Connection
from codegen.live.introspect.functions import split_list
from codegen.live.introspect.triggers import when_clause
from codegen.schema import ir
from codegen.sql.functions import type_text
from codegen.sql.triggers import create_trigger_sql

_PREFIX = "codegen_probe_routine_"


def _attempt(conn: Connection, statement: str) -> bool:
    try:
        conn.execute(f"SAVEPOINT routine_probe; {statement}; RELEASE SAVEPOINT routine_probe"
                     .encode(), prepare=False)
    except psycopg.Error:
        conn.execute("ROLLBACK TO SAVEPOINT routine_probe; RELEASE SAVEPOINT routine_probe")
        return False
    return True


def _argument(arg: ir.FunctionArg) -> str:
    mode = "" if arg.mode == "in" else f"{arg.mode.upper()} "
    default = f" DEFAULT {arg.default}" if arg.default is not None else ""
    return f'{mode}"{arg.name}" {type_text(arg.type)}{default}'


def with_probed_routines(conn: Connection, spec: ir.Schema) -> ir.Schema:
    """``spec`` with argument defaults and WHEN conditions as the database stores them."""
    functions = []
    for n, function in enumerate(spec.functions):
        if all(a.default is None for a in function.args):
            functions.append(function)
            continue
        name = f"{_PREFIX}{n}"
        args = ", ".join(_argument(a) for a in function.args if a.mode != "out")
        if not _attempt(conn, f"CREATE FUNCTION pg_temp.{name}({args}) RETURNS void "
                              "LANGUAGE sql AS 'SELECT NULL'"):
            functions.append(function)
            continue
        text = conn.execute("SELECT pg_get_expr(proargdefaults, 0) FROM pg_proc "
                            "WHERE proname = %s", (name,)).fetchone()
        functions.append(with_defaults(function, text[0] if text else None))
    tables = []
    for table in spec.tables:
        triggers = []
        for n, trigger in enumerate(table.triggers):
            probe = f"{_PREFIX}{n}"
            if trigger.when is None or not _attempt(
                    conn, create_trigger_sql(table.name, replace(trigger, name=probe))):
                triggers.append(trigger)
                continue
            row = conn.execute(
                "SELECT pg_get_triggerdef(t.oid) FROM pg_trigger t WHERE t.tgname = %s "
                "AND t.tgrelid = %s::regclass",
                (probe, f'"{table.name.schema}"."{table.name.name}"')).fetchone()
            stored = when_clause(row[0]) if row else None
            triggers.append(replace(trigger, when=stored or trigger.when))
        tables.append(replace(table, triggers=tuple(triggers)))
    return replace(spec, functions=tuple(functions), tables=tuple(tables))


def with_defaults(function: ir.Function, defaults: str | None) -> ir.Function:
    """``function`` with its defaults replaced, in order, by ``defaults`` (PostgreSQL's list)."""
    if not defaults:
        return function
    stored = iter(split_list(defaults))
    args = tuple(replace(a, default=next(stored, a.default)) if a.default is not None else a
                 for a in function.args)
    return replace(function, args=args)
