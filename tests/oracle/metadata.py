"""Feed the pinned generator's template and formatter from the IR, without a database.

``generator_metadata(schema, schemas)`` builds the ``GeneratorMetadata`` document that
postgres-meta's introspection would return for the schema's migration (only what the
TypeScript template reads), ``typegen_from_metadata(documents)`` runs
``@supabase/postgrest-typegen`` 0.2.5 on many of them in one Node process
(``typegen-metadata.mjs``), and ``random_schema(rng)`` makes awkward schemas: odd names and
labels, long lines, enums of other schemas, arrays, composite keys and foreign keys, and
functions (overloads, defaults, argument modes, enums, arrays and rows as arguments, sets,
rows, RETURNS TABLE, void, record, computed fields, trigger functions).

Where the metadata needs catalog text the IR does not hold (``pg_get_function_arguments``,
``format_type``, the OIDs of types a migration creates), it takes it from
:mod:`codegen.emit.function_catalog`; the database tests check those against PostgreSQL.

The database tests check the introspection side (which columns, defaults, foreign keys,
one-to-one flags PostgreSQL reports); this checks layout, ordering and quoting over many
more shapes than the golden specs have.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from dataclasses import replace
from typing import Any

from oracle.random_functions import random_functions
from oracle.run import ORACLE_DIR, OracleError, is_installed, not_installed_message

from codegen.emit import function_catalog as catalog
from codegen.emit.ts_types import column_format, has_default
from codegen.schema import ir
from codegen.schema.pgtypes import BUILTINS, INTEGER_TYPES

SCRIPT = ORACLE_DIR / "typegen-metadata.mjs"
_MODES = {"in": "in", "out": "out", "inout": "inout", "variadic": "variadic", "table": "table"}


def _type_id(schema: ir.Schema, column_type: ir.ColumnType) -> int:
    base, position = catalog.type_order(schema, column_type)
    return base if position == 0 and base < 1 << 20 else 16384 + base // 1024 + position


def generator_metadata(schema: ir.Schema, included: tuple[str, ...] = ("public",)
                       ) -> dict[str, Any]:
    """The introspection result for ``schema`` with PG_META_GENERATE_TYPES_INCLUDED_SCHEMAS
    set to ``included``."""
    relation_ids = {table.name: 1 << 24 | index for index, table in enumerate(schema.tables)}
    tables: list[dict[str, Any]] = []
    columns: list[dict[str, Any]] = []
    relationships: list[dict[str, Any]] = []
    types: dict[int, dict[str, Any]] = {}

    def add_type(column_type: ir.ColumnType) -> int:
        type_id = _type_id(schema, column_type)
        if type_id not in types:
            named = column_type.enum or column_type.composite
            enum = schema.enum(column_type.enum) if column_type.enum else None
            type_schema = named.schema if named else (
                "extensions" if BUILTINS[column_type.base].extension else "pg_catalog")
            relation = relation_ids.get(column_type.composite) \
                if column_type.composite and not column_type.array_dims else None
            types[type_id] = {
                "id": type_id, "name": catalog.type_name(column_type), "schema": type_schema,
                "format": catalog.format_type(column_type),
                "enums": list(enum.values) if enum and not column_type.array_dims else [],
                "attributes": [], "comment": None, "type_relation_id": relation}
        return type_id

    for enum in schema.enums:
        add_type(ir.ColumnType(enum.name.name, enum=enum.name))
    for table in schema.tables:
        add_type(ir.ColumnType(table.name.name, composite=table.name))
        if table.name.schema not in included or table.external:
            continue
        table_id = relation_ids[table.name]
        tables.append({"id": table_id, "schema": table.name.schema, "name": table.name.name,
                       "comment": table.comment})
        for position, column in enumerate(table.columns, start=1):
            udt, type_schema = column_format(column.type)
            identity = {"always": "ALWAYS", "by_default": "BY DEFAULT"}.get(column.identity or "")
            columns.append({
                "table_id": table_id, "schema": table.name.schema, "table": table.name.name,
                "id": f"{table_id}.{position}", "ordinal_position": position,
                "name": column.name,
                "default_value": column.default.sql if has_default(column) else None,
                "format": udt, "type_schema": type_schema or "pg_catalog",
                "is_identity": identity is not None, "identity_generation": identity,
                "is_generated": False, "is_nullable": column.nullable, "is_updatable": True,
                "comment": column.comment,
            })
        position_of = {column.name: index for index, column in enumerate(table.columns)}
        keys = [table.primary_key.columns] if table.primary_key else []
        keys += [unique.columns for unique in table.uniques]
        in_attnum_order = [sorted(key, key=position_of.__getitem__) for key in keys]
        for fk in table.foreign_keys:
            relationships.append({
                "foreign_key_name": fk.name, "schema": table.name.schema,
                "relation": table.name.name, "columns": list(fk.columns),
                "is_one_to_one": list(fk.columns) in in_attnum_order,
                "referenced_schema": fk.target.schema, "referenced_relation": fk.target.name,
                "referenced_columns": list(fk.target_columns),
            })
    functions = [_function(schema, function, add_type, relation_ids)
                 for function in schema.functions
                 if function.name.schema in included and not function.returns_trigger]
    return {
        "version": 1,
        "schemas": [{"id": 2200 + i, "name": name, "owner": "postgres"}
                    for i, name in enumerate(included)],
        "tables": tables, "foreignTables": [], "views": [], "materializedViews": [],
        "columns": columns, "primaryKeys": [], "relationships": relationships,
        "functions": functions, "types": list(types.values()),
    }


def _function(schema: ir.Schema, function: ir.Function, add_type: Any,
              relation_ids: dict[ir.QualifiedName, int]) -> dict[str, Any]:
    """One row of postgres-meta's functions query."""
    args = catalog.catalog_args(function)
    flags = catalog.has_defaults(function)
    returns = function.returns or ir.ColumnType("record")
    is_set = catalog.returns_set(function)
    relation = relation_ids.get(returns.composite) \
        if returns.composite and not returns.array_dims else None
    return {
        "id": 1 << 25 | schema.functions.index(function), "schema": function.name.schema,
        "name": function.name.name, "language": function.language,
        "definition": function.body, "complete_statement": "",
        "args": [{"mode": _MODES[arg.mode], "name": arg.name, "type_id": add_type(arg.type),
                  "has_default": flag} for arg, flag in zip(args, flags, strict=True)],
        "argument_types": catalog.arguments(function),
        "identity_argument_types": catalog.identity_arguments(function),
        "return_type_id": add_type(returns), "return_type": "",
        "return_type_relation_id": relation, "is_set_returning_function": is_set,
        "prorows": 1000 if is_set else None, "behavior": function.volatility.upper(),
        "security_definer": function.security_definer, "config_params": None,
    }


def typegen_from_metadata(documents: list[dict[str, Any]], timeout: float = 300.0) -> list[str]:
    """The generator's output (as postgres-meta prints it) for each metadata document."""
    return _run_script([], documents, timeout)


def oxfmt(texts: list[str], timeout: float = 300.0) -> list[str]:
    """Each TypeScript text formatted by the generator's formatter (oxfmt, same options)."""
    return _run_script(["--format"], texts, timeout)


def _run_script(args: list[str], payload: list[Any], timeout: float) -> list[str]:
    if not is_installed():
        raise OracleError(not_installed_message())
    node = shutil.which("node")
    if node is None:
        raise OracleError("node not found on PATH")
    proc = subprocess.run([node, str(SCRIPT), *args], input=json.dumps(payload).encode(),
                          cwd=ORACLE_DIR, capture_output=True, timeout=timeout, check=False)
    if proc.returncode != 0:
        raise OracleError(f"typegen-metadata.mjs exited with {proc.returncode}:\n"
                          + proc.stderr.decode("utf-8", "replace"))
    results = json.loads(proc.stdout.decode("utf-8"))
    assert isinstance(results, list) and all(isinstance(r, str) for r in results)
    return results


def collate(strings: list[str], timeout: float = 60.0) -> list[str]:
    """``strings`` sorted by ``new Intl.Collator("en").compare`` (Node's ICU)."""
    node = shutil.which("node")
    if node is None:
        raise OracleError("node not found on PATH")
    script = ("const c=new Intl.Collator('en');let s='';process.stdin.on('data',d=>s+=d);"
              "process.stdin.on('end',()=>process.stdout.write(JSON.stringify("
              "JSON.parse(s).sort(c.compare))))")
    proc = subprocess.run([node, "-e", script], input=json.dumps(strings).encode(),
                          capture_output=True, timeout=timeout, check=True)
    result = json.loads(proc.stdout.decode("utf-8"))
    assert isinstance(result, list)
    return [str(item) for item in result]


# -- random schemas ----------------------------------------------------------------------------

_IDENTIFIER_START = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_"
_IDENTIFIER_CHARS = _IDENTIFIER_START + "0123456789"
# Characters that change quoting, collation or width: punctuation, quotes, a backslash,
# accented Latin letters (also precomposed capitals), digits first, CJK (two columns wide).
_ODD_CHARS = " -'\"\\.$#é\u00c9\u00e8\u00e7\u00f1\u00fc\u00c5\u00f8日本語9"


def random_name(rng: random.Random, long: bool = False) -> str:
    if long or rng.random() < 0.1:
        length = rng.randint(25, 55)
    else:
        length = rng.randint(1, 10)
    if rng.random() < 0.7:
        first = rng.choice(_IDENTIFIER_START)
        return first + "".join(rng.choice(_IDENTIFIER_CHARS) for _ in range(length - 1))
    pool = _IDENTIFIER_CHARS + _ODD_CHARS * 2
    return "".join(rng.choice(pool) for _ in range(length))


def _unique_names(rng: random.Random, count: int, taken: set[str] | None = None) -> list[str]:
    seen = set() if taken is None else taken
    names: list[str] = []
    while len(names) < count:
        name = random_name(rng)
        if name not in seen and name.casefold() not in {n.casefold() for n in seen}:
            seen.add(name)
            names.append(name)
    return names


def random_schema(rng: random.Random) -> ir.Schema:
    enums: list[ir.Enum] = []
    for number, name in enumerate(_unique_names(rng, rng.randint(0, 4))):
        schema_name = "public" if rng.random() < 0.75 else "extra"
        count = rng.choice([1, 2, 3, 5, 8, 12])
        values = tuple(dict.fromkeys(random_name(rng, long=rng.random() < 0.15)
                                     for _ in range(count)))
        enums.append(ir.Enum(ir.QualifiedName(schema_name, name), values, model=f"E{number}"))
    table_names = [
        ir.QualifiedName("public" if rng.random() < 0.85 else "private", name)
        for name in _unique_names(rng, rng.randint(1, 5))
    ]
    builtin_names = sorted(name for name, b in BUILTINS.items() if b.kind != "pseudo")
    tables: list[ir.Table] = []
    for number, qualified in enumerate(table_names):
        columns: list[ir.Column] = []
        for index, name in enumerate(_unique_names(rng, rng.randint(1, 9))):
            if enums and rng.random() < 0.35:
                enum = rng.choice(enums)
                column_type = ir.ColumnType(enum.name.name, enum=enum.name)
            else:
                column_type = ir.ColumnType(rng.choice(builtin_names))
            if rng.random() < 0.25:
                column_type = ir.ColumnType(column_type.base, (), rng.choice([1, 1, 2]),
                                            column_type.enum)
            nullable = index > 0 and rng.random() < 0.4
            identity: ir.IdentityKind | None = None
            default = None
            if (not nullable and not column_type.array_dims and column_type.enum is None
                    and column_type.base in INTEGER_TYPES and rng.random() < 0.4):
                identity = rng.choice(["always", "by_default"])
            elif rng.random() < 0.3:
                default = ir.Default(rng.choice(["0", "now()", "'x'", "NULL"]), False)
            columns.append(ir.Column(name, column_type, nullable, default, identity))
        names = [column.name for column in columns]
        pk_size = 1 if len(names) < 3 or rng.random() < 0.7 else 2
        primary = ir.PrimaryKey(f"{qualified.name}_pkey", tuple(names[:pk_size]))
        columns[:pk_size] = [replace(column, nullable=False) for column in columns[:pk_size]]
        uniques = tuple(
            ir.Unique(f"u{i}", tuple(rng.sample(names, rng.randint(1, min(2, len(names))))))
            for i in range(rng.randint(0, 2))
        )
        tables.append(ir.Table(qualified, f"T{number}", tuple(columns), primary, uniques))
    # Foreign keys, to tables of this schema, of another schema, and to auth.users.
    targets = [(t.name, t.primary_key.columns if t.primary_key else ()) for t in tables]
    targets.append((ir.QualifiedName("auth", "users"), ("id",)))
    final: list[ir.Table] = []
    for table in tables:
        fks: list[ir.ForeignKey] = []
        names = [column.name for column in table.columns]
        fk_names = _unique_names(rng, rng.randint(0, 3))
        for fk_name in fk_names:
            target, target_columns = rng.choice(targets)
            if not target_columns or len(target_columns) > len(names):
                continue
            own = tuple(rng.sample(names, len(target_columns)))
            if rng.random() < 0.5:  # a key's own columns, in or out of their order
                key = table.primary_key.columns if table.primary_key else ()
                if len(key) == len(target_columns):
                    own = key if rng.random() < 0.6 else tuple(reversed(key))
            fks.append(ir.ForeignKey(fk_name, own, target, tuple(target_columns)))
        final.append(ir.Table(table.name, table.model, table.columns, table.primary_key,
                              table.uniques, foreign_keys=tuple(fks)))
    functions = random_functions(rng, enums, final, random_name)
    return ir.Schema(tuple(sorted(enums, key=lambda e: e.name)),
                     tuple(sorted(final, key=lambda t: t.name)), functions=functions)
