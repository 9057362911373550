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
    else:
        base = _FORMAT_TYPE[t.base]
    return base + ("[]" if t.array_dims else "")  # PostgreSQL does not record dimensions


def expected_facts(schema: ir.Schema, server_version: int) -> dict[str, Any]:
    all_privileges = _ALL_PRIVILEGES | ({"maintain"} if server_version >= 170000 else set())
    tables = {}
    for t in schema.tables:
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
            "policies": {p.name: (p.command, p.permissive, sorted(p.roles), p.using is not None,
                                  p.with_check is not None) for p in t.policies},
            "grants": {g.role: sorted(all_privileges if "all" in g.privileges else g.privileges)
                       for g in t.grants},
        }
    enums = {str(e.name): (list(e.values), e.comment) for e in schema.enums}
    return {"tables": tables, "enums": enums}


def actual_facts(catalog: dict[str, Any]) -> dict[str, Any]:
    tables = {}
    for name, t in catalog["tables"].items():
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
            "policies": {p: (v["cmd"], v["permissive"] == "permissive", sorted(v["roles"]),
                             v["qual"] is not None, v["with_check"] is not None)
                         for p, v in t["policies"].items()},
            "grants": {role: sorted(p.rstrip("*") for p in privs)
                       for role, privs in t["grants"].items()},
        }
    enums = {name: (e["values"], e["comment"]) for name, e in catalog["enums"].items()}
    return {"tables": tables, "enums": enums}
