"""What the PostgreSQL catalog must say for a spec, derived from the IR.

``expected_facts(schema)`` and ``actual_facts(catalog)`` build the same shape
of comparable facts: one from our IR, one from ``support.catalog.introspect``.
Equality means the migration created exactly what the spec describes.
"""

from __future__ import annotations

import re
from typing import Any

from codegen.schema import ir

_FORMAT_TYPE = {
    "uuid": "uuid", "text": "text", "citext": "extensions.citext", "smallint": "smallint",
    "integer": "integer", "bigint": "bigint", "real": "real", "double precision": "double precision",
    "boolean": "boolean", "date": "date", "time": "time without time zone",
    "timestamp": "timestamp without time zone", "timestamptz": "timestamp with time zone",
    "interval": "interval", "jsonb": "jsonb", "json": "json", "bytea": "bytea", "inet": "inet",
}
_ALL_PRIVILEGES = {"select", "insert", "update", "delete", "truncate", "references", "trigger"}


def format_type(t: ir.ColumnType) -> str:
    """The text pg_catalog.format_type() shows for a column of this type."""
    if t.enum is not None:
        base = f"{t.enum.schema}.{t.enum.name}"
    elif t.base == "varchar":
        base = f"character varying({t.args[0]})" if t.args else "character varying"
    elif t.base == "char":
        base = f"character({t.args[0] if t.args else 1})"
    elif t.base == "numeric":
        base = "numeric" if not t.args else f"numeric({t.args[0]},{t.args[1] if len(t.args) > 1 else 0})"
    elif t.base in _FORMAT_TYPE:
        base = _FORMAT_TYPE[t.base]
    else:  # an extension's type, installed into extensions
        base = f"extensions.{t.base}" + (f"({t.args[0]})" if t.args else "")
    return base + ("[]" if t.array_dims else "")  # PostgreSQL does not record dimensions


_ROUTINE_TYPE = {**_FORMAT_TYPE, "varchar": "character varying", "char": "character",
                 "numeric": "numeric", "trigger": "trigger", "void": "void", "record": "record"}
_VOLATILITY = {"volatile": "v", "stable": "s", "immutable": "i"}
_TRIGGER = re.compile(
    r"CREATE TRIGGER (?P<name>\S+) (?P<timing>BEFORE|AFTER|INSTEAD OF) (?P<events>.+?) "
    r"ON (?P<table>\S+) FOR EACH (?P<each>ROW|STATEMENT)(?P<when> WHEN \(.*\))? "
    r"EXECUTE FUNCTION (?P<function>[^(]+)\((?P<arguments>.*)\)$")


def routine_type(t: ir.ColumnType) -> str:
    """How format_type() names a function argument's type (no type modifiers)."""
    named = t.enum or t.composite
    if named is not None:
        base = f"{named.schema}.{named.name}"
    elif t.base in _ROUTINE_TYPE:
        base = _ROUTINE_TYPE[t.base]
    else:
        base = f"extensions.{t.base}"  # an extension's type, installed into extensions
    return base + ("[]" if t.array_dims else "")


def _function_facts(f: ir.Function) -> tuple[str, dict[str, Any]]:
    identity = ", ".join(f"{'' if a.mode == 'in' else a.mode.upper() + ' '}{a.name} "
                         f"{routine_type(a.type)}" for a in f.args if a.mode != "out")
    if f.returns is None:
        columns = ", ".join(f"{c.name} {routine_type(c.type)}" for c in f.returns_table)
        returns = f"TABLE({columns})"
    else:
        returns = ("SETOF " if f.returns_set else "") + routine_type(f.returns)
    config = []
    for name, value in f.config:
        if name == "search_path":
            value = value if value.strip() else '""'
        config.append(f"{name}={value}")
    execute = ["public=execute"] if f.execute is None else [f"{r}=execute" for r in f.execute]
    return f"{f.name}({identity})", {
        "returns": returns, "language": f.language, "volatility": _VOLATILITY[f.volatility],
        "strict": f.strict, "security_definer": f.security_definer, "config": config,
        "source": "\n" + f.body, "comment": f.comment, "execute": sorted(execute),
        "defaults": sum(a.default is not None for a in f.args),
    }


def _trigger_facts(table: ir.QualifiedName, t: ir.Trigger) -> tuple[Any, ...]:
    events = []
    for event in t.events:
        columns = ", ".join(t.columns)
        events.append(f"UPDATE OF {columns}" if event == "update" and t.columns else event.upper())
    arguments = ", ".join("'" + a.replace("'", "''") + "'" for a in t.arguments)
    return (t.timing.upper(), " OR ".join(events), str(table),
            "ROW" if t.for_each_row else "STATEMENT", t.when is not None, str(t.function),
            arguments)


def expected_facts(schema: ir.Schema, server_version: int) -> dict[str, Any]:
    all_privileges = _ALL_PRIVILEGES | ({"maintain"} if server_version >= 170000 else set())
    tables: dict[str, Any] = {}
    for t in schema.tables:
        if t.external:
            tables[str(t.name)] = {
                "policies": _policy_facts(t.policies),
                "triggers": {x.name: _trigger_facts(t.name, x) for x in t.triggers},
            }
            continue
        constraints: dict[str, Any] = {}
        if t.primary_key:
            constraints[t.primary_key.name] = ("p", list(t.primary_key.columns))
        for u in t.uniques:
            constraints[u.name] = ("u", list(u.columns))
        for c in t.checks:
            constraints[c.name] = ("c", None)
        for fk in t.foreign_keys:
            constraints[fk.name] = ("f", list(fk.columns), str(fk.target), list(fk.target_columns),
                                    fk.on_delete or "no action", fk.on_update or "no action")
        indexes = {i.name: (i.unique, i.using, i.where is not None) for i in t.indexes}
        if t.primary_key:
            indexes[t.primary_key.name] = (True, "btree", False)
        for u in t.uniques:
            indexes[u.name] = (True, "btree", False)
        tables[str(t.name)] = {
            "columns": [(c.name, format_type(c.type), not c.nullable, c.default is not None,
                         c.identity, c.comment) for c in t.columns],
            "comment": t.comment,
            "rls": t.rls,
            "constraints": constraints,
            "indexes": indexes,
            "policies": _policy_facts(t.policies),
            "grants": {g.role: sorted(all_privileges if "all" in g.privileges else g.privileges)
                       for g in t.grants},
            "triggers": {x.name: _trigger_facts(t.name, x) for x in t.triggers},
        }
    enums = {str(e.name): (list(e.values), e.comment) for e in schema.enums}
    return {"tables": tables, "enums": enums,
            "functions": dict(_function_facts(f) for f in schema.functions),
            "extensions": {e.name: e.schema for e in schema.extensions},
            "schemas": {n.name: {"comment": n.comment, "usage": list(n.usage)}
                        for n in schema.namespaces}}


def _policy_facts(policies: tuple[ir.Policy, ...]) -> dict[str, Any]:
    return {p.name: (p.command, p.permissive, sorted(p.roles), p.using is not None,
                     p.with_check is not None) for p in policies}


def actual_facts(catalog: dict[str, Any], schema: ir.Schema | None = None) -> dict[str, Any]:
    """``schema``: what the spec owns; of a table it does not own (auth.users, ...) only the
    policies and triggers are compared, and only the spec's extensions and schemas."""
    external = {str(t.name) for t in schema.tables if t.external} if schema else set()
    tables: dict[str, Any] = {}
    for name, t in catalog["tables"].items():
        triggers = {}
        for trigger, facts in t["triggers"].items():
            found = _TRIGGER.match(facts["definition"])
            assert found, facts["definition"]
            triggers[trigger] = (found["timing"], found["events"], found["table"], found["each"],
                                 found["when"] is not None, found["function"],
                                 found["arguments"])
        if schema is not None and name not in {str(x.name) for x in schema.tables}:
            continue  # a table of Supabase's the spec does not mention
        if name in external:
            tables[name] = {"policies": _actual_policies(t), "triggers": triggers}
            continue
        constraints: dict[str, Any] = {}
        for cname, c in t["constraints"].items():
            if c["type"] == "f":
                constraints[cname] = ("f", c["columns"], c["references"]["table"],
                                      c["references"]["columns"], c["on_delete"], c["on_update"])
            elif c["type"] == "c":
                constraints[cname] = ("c", None)
            else:
                constraints[cname] = (c["type"], c["columns"])
        indexes = {}
        for iname, i in t["indexes"].items():
            method = re.search(r" USING (\w+) ", i["definition"])
            indexes[iname] = (i["unique"], method.group(1) if method else None,
                              i["predicate"] is not None)
        tables[name] = {
            "columns": [(c["name"], c["type"], c["not_null"],
                         c["default"] is not None or c["identity"] is not None and False,
                         c["identity"], c["comment"]) for c in t["columns"]],
            "comment": t["comment"],
            "rls": t["rls_enabled"],
            "constraints": constraints,
            "indexes": indexes,
            "policies": _actual_policies(t),
            "grants": {role: sorted(p.rstrip("*") for p in privs)
                       for role, privs in t["grants"].items()},
            "triggers": triggers,
        }
    enums = {name: (e["values"], e["comment"]) for name, e in catalog["enums"].items()}
    functions = {}
    # Supabase's own functions (auth.uid(), storage.foldername(), ...) are not the spec's.
    owned_schemas = {f.name.schema for f in schema.functions} if schema else set()
    for name, f in catalog.get("functions", {}).items():
        if schema is not None and name.split(".")[0] in ("auth", "storage", "extensions") \
                and name.split(".")[0] not in owned_schemas:
            continue
        functions[name] = {key: f[key] for key in (
            "returns", "language", "volatility", "strict", "security_definer", "config",
            "source", "comment")}
        functions[name]["execute"] = sorted(f["execute"])
        functions[name]["defaults"] = f["arguments"].count(" DEFAULT ")
    wanted_extensions = {e.name for e in schema.extensions} if schema else set()
    wanted_schemas = {n.name for n in schema.namespaces} if schema else set()
    return {"tables": tables, "enums": enums, "functions": functions,
            "extensions": {n: s for n, s in catalog.get("extensions", {}).items()
                           if n in wanted_extensions},
            "schemas": {n: v for n, v in catalog.get("schemas", {}).items()
                        if n in wanted_schemas}}


def _actual_policies(t: dict[str, Any]) -> dict[str, Any]:
    return {p: (v["cmd"], v["permissive"] == "permissive", sorted(v["roles"]),
                v["qual"] is not None, v["with_check"] is not None)
            for p, v in t["policies"].items()}
