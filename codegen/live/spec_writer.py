"""Write an IR schema as idiomatic spec YAML: one file per PostgreSQL schema.

Shorthands wherever they say the same thing: ``text`` / ``text?`` for a column that is only
a type, ``primary_key: true``, ``unique: true``, ``check:`` and ``references: auth.users``
on the column they concern when the constraint has the name the spec would give it,
``default:`` for literals, defaults of the spec left out (``rls: true``, ``for: all``,
``to: [public]``). Deterministic: tables, enums and their parts in name order, columns in
the database's order.
"""

from __future__ import annotations

from typing import Any

from codegen.live import spec_routines as routines
from codegen.live import spec_views
from codegen.live.literals import NOT_A_LITERAL, as_literal
from codegen.live.spec_writer_text import qualified_key, unwrap
from codegen.live.yaml_text import block
from codegen.schema import ir
from codegen.schema.index_elements import parse_element
from codegen.schema.naming import default_name
from codegen.schema.pgtypes import BUILTINS
from codegen.schema.supabase import EXTERNAL_PRIMARY_KEYS

HEADER = "# yaml-language-server: $schema=spec.schema.json\n"


def write_spec(schema: ir.Schema, note: str) -> dict[str, str]:
    """``{<schema name>.yaml: text}``; ``note`` is the comment line saying where it came from.
    The extensions go in the file of ``public`` (else the first one)."""
    names = sorted({t.name.schema for t in schema.tables} | {e.name.schema for e in schema.enums}
                   | {f.name.schema for f in schema.functions}
                   | {n.name for n in schema.namespaces} | {v.name.schema for v in schema.views})
    extensions = routines.extensions(schema)
    if not names and (schema.buckets or schema.default_privileges):
        names = ["public"]
    home = "public" if "public" in names else (names[0] if names else None)
    files: dict[str, str] = {}
    for name in names:
        namespace = routines.namespace(schema, name)
        sections: list[tuple[str, Any]] = [
            ("extensions", extensions if name == home else {}),
            ("schemas", {name: namespace} if namespace else {}),
            ("enums", {qualified_key(e.name): _enum(e) for e in schema.enums
                       if e.name.schema == name}),
            ("tables", {qualified_key(t.name): _table(t, schema) for t in schema.tables
                        if t.name.schema == name}),
            ("functions", routines.functions(schema, name)),
            ("views", spec_views.views(schema, name)),
            ("buckets", spec_views.buckets(schema) if name == home else {}),
            ("default_privileges",
             spec_views.default_privileges(schema) if name == home else []),
        ]
        lines: list[str] = []
        for section, objects in sections:
            if isinstance(objects, list) and objects:
                lines += block({section: objects})
            elif objects:
                lines += [f"{section}:", *block(objects, 2)]
        if not lines:
            continue
        text = HEADER + f"# {note}\n\n" + "\n".join(_spaced(lines)) + "\n"
        files[f"{name}.yaml"] = text
    return files


def _spaced(lines: list[str]) -> list[str]:
    # A blank line between top-level objects (enums, tables) for readability; entries of a
    # top-level list (default privileges) stay together.
    out: list[str] = []
    for line in lines:
        if line.startswith("  ") and not line.startswith(("    ", "  - ")) and out and \
                not out[-1].endswith(":") or (line and not line.startswith(" ") and out):
            out.append("")
        out.append(line)
    return out


def _enum(enum: ir.Enum) -> Any:
    if enum.comment is None:
        return list(enum.values)
    return {"values": list(enum.values), "comment": enum.comment}


def _type(column: ir.Column, table: ir.Table, schema: ir.Schema) -> str:
    t = column.type
    if t.enum is not None:
        same = t.enum.schema == table.name.schema
        public = t.enum.schema == "public" and \
            schema.enum(ir.QualifiedName(table.name.schema, t.enum.name)) is None
        text = t.enum.name if same or public else str(t.enum)
    else:
        text = BUILTINS[t.base].sql + (f"({', '.join(map(str, t.args))})" if t.args else "")
    return text + "[]" * t.array_dims


def _table(table: ir.Table, schema: ir.Schema) -> dict[str, Any]:
    if table.external:  # Supabase's: only what a project adds (its grants are Supabase's)
        external: dict[str, Any] = {}
        if table.policies:
            external["policies"] = [_policy(p) for p in table.policies]
        if table.triggers:
            external["triggers"] = routines.triggers(table)
        return external
    out: dict[str, Any] = {}
    if table.comment is not None:
        out["comment"] = table.comment
    name = table.name.name
    pk = table.primary_key
    single_pk = pk.columns[0] if pk is not None and len(pk.columns) == 1 else None
    uniques = {u.columns[0] for u in table.uniques if len(u.columns) == 1
               and u.name == default_name(name, u.columns, "key") and not u.nulls_not_distinct}
    column_checks = {c.name.removeprefix(f"{name}_").removesuffix("_check"): c
                     for c in table.checks if c.name.endswith("_check")}
    column_checks = {col: c for col, c in column_checks.items()
                     if c.name == default_name(name, [col], "check")
                     and col in {x.name for x in table.columns}}
    column_fks = {fk.columns[0]: fk for fk in table.foreign_keys
                  if len(fk.columns) == 1}
    enum_values = {e.name: e.values for e in schema.enums}
    columns: dict[str, Any] = {}
    for column in table.columns:
        spec: dict[str, Any] = {"type": _type(column, table, schema)}
        if column.nullable:
            spec["type"] += "?"
        if column.name == single_pk:
            spec["primary_key"] = True
        if column.name in uniques:
            spec["unique"] = True
        if column.default is not None:
            literal = as_literal(column.default.sql, column.type,
                                 enum_values.get(column.type.enum, ()) if column.type.enum else ())
            if literal is NOT_A_LITERAL:
                spec["default_sql"] = column.default.sql
            else:
                spec["default"] = literal
        if column.identity is not None:
            spec["identity"] = column.identity
        if column.name in column_checks:
            spec["check"] = unwrap(column_checks[column.name].expression)
        if column.name in column_fks:
            spec["references"] = _reference(column_fks[column.name], table, schema)
        if column.comment is not None:
            spec["comment"] = column.comment
        columns[column.name] = spec["type"] if len(spec) == 1 else spec
    out["columns"] = columns
    if pk is not None and single_pk is None:
        out["primary_key"] = list(pk.columns)
    composite = [_unique(u, name) for u in table.uniques if u.columns[0] not in uniques
                 or len(u.columns) > 1]
    if composite:
        out["unique"] = composite
    checks = {c.name: unwrap(c.expression) for c in table.checks
              if c not in column_checks.values()}
    if checks:
        out["checks"] = checks
    foreign_keys = [_foreign_key(fk, name) for fk in table.foreign_keys if len(fk.columns) > 1]
    if foreign_keys:
        out["foreign_keys"] = foreign_keys
    if table.indexes:
        out["indexes"] = [_index(i, name) for i in table.indexes]
    if not table.rls:
        out["rls"] = False
    if table.realtime:
        out["realtime"] = True
    if table.replica_identity != "default":
        out["replica_identity"] = table.replica_identity
    if table.policies:
        out["policies"] = [_policy(p) for p in table.policies]
    if table.grants:
        out["grants"] = {g.role: list(g.privileges) for g in table.grants}
    if table.triggers:
        out["triggers"] = routines.triggers(table)
    return out


def _target(target: ir.QualifiedName, table: ir.Table) -> str:
    return target.name if target.schema == table.name.schema == "public" or (
        target.schema == "public") else str(target)


def _reference(fk: ir.ForeignKey, table: ir.Table, schema: ir.Schema) -> Any:
    target = _target(fk.target, table)
    spec_target = schema.table(fk.target)
    if spec_target is not None:
        pk = spec_target.primary_key.columns if spec_target.primary_key else ()
    else:
        pk = (EXTERNAL_PRIMARY_KEYS[fk.target],) if fk.target in EXTERNAL_PRIMARY_KEYS else ()
    out: dict[str, Any] = {"table": target}
    if pk != fk.target_columns:
        out["column"] = fk.target_columns[0]
    for key in ("on_delete", "on_update"):
        if getattr(fk, key) is not None:
            out[key] = getattr(fk, key)
    if fk.name != default_name(table.name.name, fk.columns, "fkey"):
        out["name"] = fk.name
    return target if len(out) == 1 else out


def _foreign_key(fk: ir.ForeignKey, table: str) -> dict[str, Any]:
    target = fk.target.name if fk.target.schema == "public" else str(fk.target)
    out: dict[str, Any] = {"columns": list(fk.columns),
                           "references": {"table": target, "columns": list(fk.target_columns)}}
    for key in ("on_delete", "on_update"):
        if getattr(fk, key) is not None:
            out[key] = getattr(fk, key)
    if fk.name != default_name(table, fk.columns, "fkey"):
        out["name"] = fk.name
    return out


def _unique(unique: ir.Unique, table: str) -> Any:
    if unique.name == default_name(table, unique.columns, "key") \
            and not unique.nulls_not_distinct:
        return list(unique.columns)
    out: dict[str, Any] = {"columns": list(unique.columns)}
    if unique.name != default_name(table, unique.columns, "key"):
        out["name"] = unique.name
    if unique.nulls_not_distinct:
        out["nulls_not_distinct"] = True
    return out


def _index(index: ir.Index, table: str) -> dict[str, Any]:
    out: dict[str, Any] = {"columns": list(index.columns)}
    labels = [parse_element(c).label if i in index.elements else c
              for i, c in enumerate(index.columns)]
    if index.name != default_name(table, labels, "idx"):
        out["name"] = index.name
    if index.include:
        out["include"] = list(index.include)
    if index.nulls_not_distinct:
        out["nulls_not_distinct"] = True
    if index.unique:
        out["unique"] = True
    if index.using != "btree":
        out["using"] = index.using
    if index.where is not None:
        out["where"] = unwrap(index.where)
    if index.opclass is not None:
        out["opclass"] = index.opclass
    return out


def _policy(policy: ir.Policy) -> dict[str, Any]:
    out: dict[str, Any] = {"name": policy.name}
    if policy.command != "all":
        out["for"] = policy.command
    if not policy.permissive:
        out["as"] = "restrictive"
    if policy.roles != ("public",):
        out["to"] = list(policy.roles)
    if policy.using is not None:
        out["using"] = unwrap(policy.using)
    if policy.with_check is not None:
        out["with_check"] = unwrap(policy.with_check)
    if policy.comment is not None:
        out["comment"] = policy.comment
    return out
