"""Functions, triggers, extensions and schemas as spec YAML (for :mod:`.spec_writer`).

Idiomatic as the rest: ``args: {name: type}`` when an argument is only a type, ``returns:
setof teams``, the spec's defaults left out (``volatility: volatile``, ``for_each: row``,
``security: invoker``), bodies as block scalars. Overloads after the first get a key of
their own and ``name:``.
"""

from __future__ import annotations

from typing import Any

from codegen.live.spec_writer_text import qualified_key, unwrap
from codegen.schema import ir
from codegen.schema.pgtypes import BUILTINS
from codegen.schema.supabase import EXTENSION_TRIGGER_FUNCTIONS

# Extensions every Supabase project has before its first migration: not written by pull
# (a spec may still declare them; verify then compares them).
PREINSTALLED_EXTENSIONS = frozenset({
    "pg_graphql", "pg_stat_statements", "pgcrypto", "pgjwt", "pgsodium", "supabase_vault",
    "uuid-ossp"})


def routine_type(t: ir.ColumnType, schema: str) -> str:
    """A type as a function's argument or result is written in the spec."""
    named = t.enum or t.composite
    if named is not None:
        text = named.name if named.schema in (schema, "public") else str(named)
    else:
        text = BUILTINS[t.base].sql + (f"({', '.join(map(str, t.args))})" if t.args else "")
    return text + "[]" * t.array_dims


def functions(schema: ir.Schema, namespace: str) -> dict[str, Any]:
    """The functions of one PostgreSQL schema, keyed as the spec keys them."""
    out: dict[str, Any] = {}
    for function in schema.functions:
        if function.name.schema != namespace:
            continue
        key = qualified_key(function.name)
        entry: dict[str, Any] = {}
        if key in out:
            n = 2
            while f"{key}_{n}" in out:
                n += 1
            key = f"{key}_{n}"
            entry["name"] = function.name.name
        out[key] = entry | _function(function)
    return out


def _function(function: ir.Function) -> dict[str, Any]:
    schema = function.name.schema
    out: dict[str, Any] = {}
    if function.args:
        args: dict[str, Any] = {}
        for arg in function.args:
            spec: dict[str, Any] = {"type": routine_type(arg.type, schema)}
            if arg.mode != "in":
                spec["mode"] = arg.mode
            if arg.default is not None:
                spec["default"] = arg.default
            args[arg.name] = spec["type"] if len(spec) == 1 else spec
        out["args"] = args
    if function.returns is None:
        out["returns"] = {"table": {c.name: routine_type(c.type, schema)
                                    for c in function.returns_table}}
    else:
        result = routine_type(function.returns, schema)
        out["returns"] = f"setof {result}" if function.returns_set else result
    out["language"] = function.language
    if function.volatility != "volatile":
        out["volatility"] = function.volatility
    if function.strict:
        out["strict"] = True
    if function.security_definer:
        out["security"] = "definer"
    if function.config:
        out["set"] = dict(function.config)
    out["body"] = function.body
    if function.comment is not None:
        out["comment"] = function.comment
    if function.execute is not None:
        out["execute"] = list(function.execute)
    return out


def triggers(table: ir.Table) -> dict[str, Any]:
    return {t.name: _trigger(t) for t in table.triggers}


def _trigger(trigger: ir.Trigger) -> dict[str, Any]:
    out: dict[str, Any] = {"timing": trigger.timing, "events": list(trigger.events)}
    if trigger.columns:
        out["columns"] = list(trigger.columns)
    if not trigger.for_each_row:
        out["for_each"] = "statement"
    if trigger.when is not None:
        out["when"] = unwrap(trigger.when)
    function = trigger.function
    provided = function.name in EXTENSION_TRIGGER_FUNCTIONS and function.schema != "public"
    out["function"] = function.name if provided else qualified_key(function)
    if trigger.arguments:
        out["arguments"] = list(trigger.arguments)
    if trigger.comment is not None:
        out["comment"] = trigger.comment
    return out


def extensions(schema: ir.Schema) -> dict[str, Any]:
    return {e.name: {"schema": e.schema} for e in schema.extensions
            if e.name not in PREINSTALLED_EXTENSIONS}


def namespace(schema: ir.Schema, name: str) -> dict[str, Any] | None:
    for found in schema.namespaces:
        if found.name == name and (found.comment is not None or found.usage):
            out: dict[str, Any] = {}
            if found.comment is not None:
                out["comment"] = found.comment
            if found.usage:
                out["usage"] = list(found.usage)
            return out
    return None
