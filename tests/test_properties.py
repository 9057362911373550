"""Property tests over random specs: invariants that must hold for any valid schema."""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.postgres import DatabaseServer, apply_sql

from codegen.migrate.compare import compare
from codegen.migrate.history import render_migration
from codegen.migrate.snapshot import from_json, to_json
from codegen.project import load_schema
from codegen.schema import ir
from codegen.spec.document import resolve_plain

TYPES = ["uuid", "text", "varchar(20)", "char(2)", "smallint", "integer", "bigint",
         "numeric(10, 2)", "real", "double precision", "boolean", "date", "time", "timestamp",
         "timestamptz", "interval", "jsonb", "json", "bytea", "inet", "text[]", "integer[]",
         "status", "status[]"]
NAMES = st.sampled_from(["id", "name", "user", "Order", "value", "at", "select", "x1",
                         "created_at", "owner_id", "data", "group"])


@st.composite
def specs(draw: st.DrawFn) -> dict[str, Any]:
    tables: dict[str, Any] = {}
    for t in range(draw(st.integers(1, 4))):
        columns: dict[str, Any] = {"id": {"type": "bigint", "identity": "always",
                                          "primary_key": True}}
        for name in draw(st.lists(NAMES, max_size=5, unique=True)):
            if name == "id":
                continue
            column: dict[str, Any] = {"type": draw(st.sampled_from(TYPES)),
                                      "nullable": draw(st.booleans())}
            if draw(st.booleans()):
                column["comment"] = draw(st.text(st.characters(exclude_categories=("Cs",),
                                                               exclude_characters="\x00"),
                                                 max_size=20))
            columns[name] = column
        table: dict[str, Any] = {"columns": columns, "rls": draw(st.booleans())}
        if t > 0 and draw(st.booleans()):
            columns["parent_id"] = {"type": "bigint", "nullable": True,
                                    "references": {"table": f"t{t - 1}", "on_delete": "set null"}}
            table["indexes"] = [{"columns": ["parent_id"]}]
        if draw(st.booleans()):
            name = st.text(st.characters(exclude_categories=("Cs", "Cc")),
                           min_size=1, max_size=30).filter(lambda s: len(s.encode()) <= 63)
            table["policies"] = [{"name": draw(name), "for": "select", "to": ["authenticated"],
                                  "using": "true"}]
        if draw(st.booleans()):
            table["grants"] = {"authenticated": draw(st.lists(
                st.sampled_from(["select", "insert", "update", "delete"]), min_size=1,
                unique=True))}
        tables[f"t{t}"] = table
    return {"enums": {"status": ["a", "b c", "it's"]}, "tables": tables}


class _Yaml12Dumper(yaml.SafeDumper):
    """PyYAML writes YAML 1.1: it leaves strings such as ``0E0`` unquoted, which YAML 1.2
    (what the spec is read as) takes for numbers. Those get quotes here."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "'" if resolve_plain(value) != value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Yaml12Dumper.add_representer(str, _represent_str)


def _schema(spec: dict[str, Any]) -> ir.Schema:
    return load_schema({"spec.yaml": yaml.dump(spec, Dumper=_Yaml12Dumper, sort_keys=False)})


@settings(max_examples=60, deadline=None)
@given(specs())
def test_generation_is_deterministic_and_self_consistent(spec: dict[str, Any]) -> None:
    schema = _schema(spec)
    first = render_migration(compare(ir.Schema(), schema), schema.sources)  # parses, or raises
    assert render_migration(compare(ir.Schema(), _schema(spec)), schema.sources) == first
    assert compare(schema, schema) == []
    assert from_json(to_json(schema)) == schema
    assert first.endswith(";\n") and "\r" not in first


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(specs())
def test_random_specs_apply_on_postgres(pg_server: DatabaseServer, spec: dict[str, Any]) -> None:
    schema = _schema(spec)
    with pg_server.fresh_database() as url:
        apply_sql(url, render_migration(compare(ir.Schema(), schema), schema.sources))
