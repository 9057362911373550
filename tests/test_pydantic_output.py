"""The JSON Schema and pydantic outputs: the text generated, and what the models accept.

Rows written and read through psycopg on a real PostgreSQL validate into the row models;
the Insert models reject what PostgreSQL would reject; `mypy --strict` accepts typical use
and reports misuse. Goldens: tests/pydantic/expected/<case>/ (`pytest --update-goldens`).
"""

from __future__ import annotations

import importlib.util
import ipaddress
import json
import re
import subprocess
import sys
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import jsonschema
import pytest
from goldens import assert_golden
from psycopg import sql
from psycopg.rows import dict_row
from psycopg.types.enum import EnumInfo, register_enum
from psycopg.types.json import Json, Jsonb
from psycopg.types.string import TextLoader
from pydantic import BaseModel, ValidationError
from support.postgres import Connection, apply_sql, connect
from test_golden_cases import CASES, case_schema, full_migration

from codegen.emit.json_schema import build_json_schema, emit_json_schema
from codegen.emit.pydantic_models import (
    HEADER,
    _assemble,
    emit_pydantic,
    finish_models,
    for_pydantic,
    generate_models,
)
from codegen.project import load_schema
from codegen.schema import ir

HERE = Path(__file__).parent / "pydantic"
ALICE = uuid.UUID("00000000-0000-0000-0000-00000000a11c")


def spec(text: str) -> ir.Schema:
    return load_schema({"schema/test.yaml": text})


def edge_schema() -> ir.Schema:
    return load_schema({"schema/edge.yaml": (HERE / "edge.yaml").read_text()})


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, ModuleType]:
    """The generated models of the seed and kitchen-sink cases, imported from files."""
    directory = tmp_path_factory.mktemp("models")
    modules = {}
    for case in ("seed", "kitchen_sink"):
        name = f"codegen_generated_{case}"
        path = directory / f"{name}.py"
        path.write_text(emit_pydantic(case_schema(case)), encoding="utf-8")
        spec_ = importlib.util.spec_from_file_location(name, path)
        assert spec_ is not None and spec_.loader is not None
        module = importlib.util.module_from_spec(spec_)
        sys.modules[name] = module  # pydantic resolves the annotations in the module
        spec_.loader.exec_module(module)
        modules[case] = module
    return modules


# -- the generated text ------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES)
def test_outputs_golden(request: pytest.FixtureRequest, case: str) -> None:
    schema = case_schema(case)
    assert_golden(request, HERE / "expected" / case / "schema.json", emit_json_schema(schema))
    assert_golden(request, HERE / "expected" / case / "models.py", emit_pydantic(schema))


@pytest.mark.parametrize("case", CASES)
def test_outputs_are_deterministic_files(case: str) -> None:
    schema = case_schema(case)
    for emit in (emit_json_schema, emit_pydantic):
        text = emit(schema)
        assert text == emit(case_schema(case))
        assert text.endswith("\n") and not text.endswith("\n\n") and "\r" not in text
    models = emit_pydantic(schema)
    assert models.startswith(HEADER + "\n")
    compile(models, "models.py", "exec")
    document = json.loads(emit_json_schema(schema))
    jsonschema.Draft202012Validator.check_schema(document)
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_seed_definitions() -> None:
    defs = build_json_schema(case_schema("seed"))["$defs"]
    assert list(defs) == ["JsonValue", "TestRunStatus", "AuditLog", "AuditLogInsert",
                          "AuditLogUpdate", "TestRun", "TestRunInsert", "TestRunUpdate"]
    assert defs["TestRunStatus"]["enum"] == ["pending", "running", "passed", "failed", "error"]
    assert defs["AuditLogInsert"]["required"] == ["action", "resource_type"]
    assert "required" not in defs["AuditLogUpdate"]
    assert list(defs["AuditLog"]["properties"]) == [
        "id", "user_id", "action", "resource_type", "resource_id", "details", "created_at"]
    assert defs["AuditLog"]["properties"]["user_id"]["type"] == ["string", "null"]
    assert all(d["additionalProperties"] is False for d in defs.values() if "properties" in d)


def test_identity_always_columns_are_not_written() -> None:
    defs = build_json_schema(case_schema("kitchen_sink"))["$defs"]
    assert "id" in defs["AuditEvent"]["properties"]
    assert "id" not in defs["AuditEventInsert"]["properties"]
    assert "id" not in defs["AuditEventUpdate"]["properties"]
    assert "id" in defs["WorkItemInsert"]["properties"]  # identity by default: may be given


@pytest.mark.parametrize(("check", "column", "expected"), [
    ("n >= 0", "n", {"minimum": 0, "maximum": 2**31 - 1}),
    ("0 < n", "n", {"minimum": 1, "maximum": 2**31 - 1}),
    ("n between 1 and 10", "n", {"minimum": 1, "maximum": 10}),
    ("n > -5 and n < 5 and s <> ''", "n", {"minimum": -4, "maximum": 4}),
    ("n >= 0 or n is null", "n", {"minimum": -(2**31), "maximum": 2**31 - 1}),
    ("x > 0 and x <= 100.5", "x", {"exclusiveMinimum": 0, "maximum": 100.5}),
    ("x >= -1.5::numeric", "x", {"minimum": -1.5}),
    ("p >= 0", "p", {"minimum": 0, "exclusiveMaximum": 1000}),
    ("char_length(s) = 3", "s", {"minLength": 3, "maxLength": 3}),
    ("length(things.s) between 1 and 50", "s", {"minLength": 1, "maxLength": 50}),
    ("char_length(v) > 2", "v", {"minLength": 3, "maxLength": 64}),
    ("character_length(v) <= 100", "v", {"maxLength": 64}),
    ("length(s) > n", "s", {}),
])
def test_simple_check_bounds_become_constraints(check: str, column: str,
                                                expected: dict[str, Any]) -> None:
    schema = spec(f"""
tables:
  things:
    columns:
      id: {{type: uuid, primary_key: true}}
      n: integer
      x: numeric
      p: "numeric(5, 2)"
      s: text
      v: varchar(64)
    checks:
      bounds: "{check}"
""")
    keywords = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength",
                "maxLength")
    prop = build_json_schema(schema)["$defs"]["Thing"]["properties"][column]
    assert {k: v for k, v in prop.items() if k in keywords} == {
        k: v for k, v in expected.items()}


def test_json_schema_agrees_with_the_models() -> None:
    document = build_json_schema(case_schema("seed"))

    def valid(definition: str, payload: dict[str, Any]) -> bool:
        validator = jsonschema.Draft202012Validator(
            {"$ref": f"#/$defs/{definition}", "$defs": document["$defs"]},
            format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
        return validator.is_valid(payload)

    assert valid("TestRunInsert", {"test_type": "load"})
    assert valid("TestRunInsert", {"test_type": "load", "status": "passed", "results": None})
    assert not valid("TestRunInsert", {})
    assert not valid("TestRunInsert", {"test_type": "load", "status": "bogus"})
    assert not valid("TestRunInsert", {"test_type": "load", "status": None})
    assert not valid("TestRunInsert", {"test_type": "load", "bogus": 1})
    assert valid("TestRunUpdate", {})
    assert not valid("AuditLog", {"id": str(ALICE)})


# -- generating each distinct field once equals a full datamodel-code-generator run ------------


def many_tables_schema(count: int = 30) -> ir.Schema:
    """Tables whose columns share names, lengths and types in many combinations."""
    types = ["text", "integer?", '"varchar(8)"', "timestamptz?", "jsonb", "status", "text[]?",
             '"numeric(6, 2)"', "boolean", "uuid?"]
    lines = ["enums: {status: [on, off]}", "tables:"]
    for i in range(count):
        lines += [f"  table_{i}s:", "    columns:", "      id: {type: uuid, primary_key: true}"]
        lines += [f"      col_{(i * j) % 7}_{j}: {types[(i + j) % len(types)]}" for j in range(6)]
    return spec("\n".join(lines) + "\n")


# Columns typed by a JSON Schema nest models in models: emit_pydantic always runs the
# generator in full for them (typed_json).
STAND_IN_CASES = [c for c in CASES if c != "typed_json"]


@pytest.mark.parametrize("schema", [case_schema(c) for c in STAND_IN_CASES]
                         + [edge_schema(), many_tables_schema()],
                         ids=[*STAND_IN_CASES, "edge", "many"])
def test_stand_in_generation_equals_a_full_run(schema: ir.Schema) -> None:
    document = for_pydantic(schema, build_json_schema(schema))
    fast = _assemble(document)
    assert fast is not None and finish_models(fast) == finish_models(generate_models(document))


@pytest.mark.parametrize("text", [
    # A column named like an enum class: its class decides whether it is renamed.
    ("enums: {status: [a, b]}\n"
     "tables: {jobs: {columns: {id: uuid, status: status, Status: text?}}}\n"),
    # A model named like an import (Decimal) would be renamed by datamodel-code-generator;
    # the spec rejects such names now (E272), so a model name is never silently changed.
    "tables: {decimals: {model: Decimal_, columns: {id: uuid, amount: numeric}}}\n",
])
def test_names_that_need_a_full_run(text: str) -> None:
    schema = spec(text)
    document = for_pydantic(schema, build_json_schema(schema))
    assert _assemble(document) is None
    models = emit_pydantic(schema)
    assert models == finish_models(generate_models(document))
    compile(models, "models.py", "exec")


# -- what the models accept --------------------------------------------------------------------


def test_insert_models_reject_invalid_payloads(generated: dict[str, ModuleType]) -> None:
    seed, kitchen = generated["seed"], generated["kitchen_sink"]
    naive = datetime(2024, 1, 1, 12, 0)
    aware = datetime(2024, 1, 1, 12, 0, tzinfo=UTC)
    item = {"team_id": 1, "title": "t", "code": "abc"}
    rejected: list[tuple[type[BaseModel], dict[str, Any], str]] = [
        (seed.TestRunInsert, {"test_type": "load", "status": "bogus"}, "enum"),
        (seed.TestRunInsert, {}, "missing"),
        (seed.AuditLogInsert, {"action": "a"}, "missing"),
        (seed.AuditLogInsert, {"action": "a", "resource_type": "r", "created_at": naive},
         "timezone_aware"),
        (seed.TestRunInsert, {"test_type": "load", "status": None}, "enum"),  # NOT NULL
        (seed.TestRunInsert, {"test_type": "load", "bogus": 1}, "extra_forbidden"),
        (seed.TestRunInsert, {"test_type": "load", "id": "not a uuid"}, "uuid_parsing"),
        (kitchen.WorkItemInsert, {**item, "title": "x" * 201}, "string_too_long"),
        (kitchen.WorkItemInsert, {**item, "code": "ab"}, "string_too_short"),
        (kitchen.WorkItemInsert, {**item, "price": Decimal("-0.01")}, "greater_than_equal"),
        (kitchen.WorkItemInsert, {**item, "price": Decimal("1e10")}, "decimal_whole_digits"),
        # numeric(12, 2): PostgreSQL would round a third decimal away; the model says so.
        (kitchen.WorkItemInsert, {**item, "price": Decimal("1.005")}, "decimal_max_places"),
        (kitchen.WorkItemInsert, {**item, "ratio": 1.5}, "less_than_equal"),
        (kitchen.WorkItemInsert, {**item, "Order": 2**15}, "less_than_equal"),
        (kitchen.WorkItemInsert, {**item, "logged_at": aware}, "timezone_naive"),
        (kitchen.WorkItemInsert, {**item, "history": ["low", "later"]}, "enum"),
        (kitchen.WorkItemInsert, {**item, "client_ip": "not an address"}, "ip_any_interface"),
        (kitchen.AuditEventInsert, {"id": 1}, "extra_forbidden"),  # identity always
        (kitchen.TeamInsert, {"name": "n", "slug": "s" * 65}, "string_too_long"),
        (kitchen.TeamInsert, {"name": "n", "slug": "Not Valid"}, "string_pattern_mismatch"),
    ]
    for model, payload, error in rejected:
        with pytest.raises(ValidationError) as info:
            model(**payload)
        assert error in str(info.value), (model.__name__, payload, str(info.value))


def test_omitted_fields_stay_out_of_the_payload(generated: dict[str, ModuleType]) -> None:
    seed = generated["seed"]
    assert seed.TestRunInsert(test_type="load").model_dump() == {"test_type": "load"}
    assert seed.TestRunUpdate().model_dump() == {}
    assert seed.TestRunUpdate(results=None).model_dump() == {"results": None}
    assert seed.AuditLogInsert(action="a", resource_type="r").model_dump_json() == \
        '{"action":"a","resource_type":"r"}'


# -- rows of a real PostgreSQL -----------------------------------------------------------------


def _json_wrapper(schema: ir.Schema, table: str, column: str) -> type[Json] | None:
    found = schema.table(ir.QualifiedName(*table.split(".")))
    assert found is not None
    column_type = found.column(column).type
    if column_type.array_dims:
        return None
    return {"json": Json, "jsonb": Jsonb}.get(column_type.base)


def _register_enums(conn: Connection, schema: ir.Schema, models: ModuleType) -> None:
    """Load and dump the enums (and their arrays) as the generated StrEnum classes."""
    for enum in schema.enums:
        python_enum = getattr(models, enum.model)
        info = EnumInfo.fetch(conn, str(enum.name))
        assert info is not None
        register_enum(info, conn, python_enum, mapping={m: m.value for m in python_enum})


def _insert(conn: Connection, schema: ir.Schema, table: str, row: BaseModel) -> dict[str, Any]:
    """INSERT what an Insert model dumps (omitted fields take the defaults); the new row."""
    payload = row.model_dump(by_alias=True)
    values = []
    for column, value in payload.items():
        wrapper = _json_wrapper(schema, table, column)
        values.append(value if wrapper is None else wrapper(value))
    target = sql.Identifier(*table.split("."))
    if payload:
        statement = sql.SQL("insert into {} ({}) values ({}) returning *").format(
            target, sql.SQL(", ").join(map(sql.Identifier, payload)),
            sql.SQL(", ").join(sql.Placeholder() * len(payload)))
    else:
        statement = sql.SQL("insert into {} default values returning *").format(target)
    with conn.cursor(row_factory=dict_row) as cursor:
        result = cursor.execute(statement, values).fetchone()
    assert result is not None
    return result


def _rows(conn: Connection, table: str) -> Iterator[dict[str, Any]]:
    with conn.cursor(row_factory=dict_row) as cursor:
        yield from cursor.execute(sql.SQL("select * from {}").format(
            sql.Identifier(*table.split("."))))


def test_seed_rows_validate_into_row_models(database_url: str,
                                            generated: dict[str, ModuleType]) -> None:
    schema = case_schema("seed")
    models = generated["seed"]
    apply_sql(database_url, full_migration(schema))
    with connect(database_url) as conn:
        conn.execute("insert into auth.users (id) values (%s)", [ALICE])
        _insert(conn, schema, "public.test_runs", models.TestRunInsert(test_type="load"))
        _insert(conn, schema, "public.test_runs", models.TestRunInsert(
            test_type="e2e", status=models.TestRunStatus.FAILED,
            configuration={"workers": 4, "tags": ["a"]}, results={"failed": 2}))
        _insert(conn, schema, "public.audit_logs", models.AuditLogInsert(
            action="project.update", resource_type="project"))
        _insert(conn, schema, "public.audit_logs", models.AuditLogInsert(
            action="project.delete", resource_type="project", user_id=ALICE,
            resource_id="p1", details=[1, "two", None],
            created_at=datetime(2024, 5, 1, 8, 30, tzinfo=UTC)))
        runs = [models.TestRun.model_validate(row) for row in _rows(conn, "public.test_runs")]
        logs = [models.AuditLog.model_validate(row) for row in _rows(conn, "public.audit_logs")]
        # What PostgREST / supabase-py hand over: the row as JSON.
        as_json = [models.AuditLog.model_validate_json(json.dumps(row)) for (row,) in
                   conn.execute("select to_jsonb(t) from public.audit_logs t order by action")]

    failed_run, default_run = sorted(runs, key=lambda r: r.test_type)
    assert default_run.status is models.TestRunStatus.PENDING
    assert default_run.configuration == {} and default_run.results is None
    assert isinstance(default_run.id, uuid.UUID) and default_run.created_at.tzinfo is not None
    assert failed_run.status is models.TestRunStatus.FAILED
    assert failed_run.configuration == {"workers": 4, "tags": ["a"]}
    by_action = {log.action: log for log in logs}
    assert by_action["project.update"].user_id is None
    assert by_action["project.update"].details == {}
    assert by_action["project.delete"].user_id == ALICE
    assert by_action["project.delete"].details == [1, "two", None]
    assert by_action["project.delete"].created_at == datetime(2024, 5, 1, 8, 30, tzinfo=UTC)
    assert sorted(as_json, key=lambda log: log.action) == sorted(logs, key=lambda log: log.action)


def test_kitchen_sink_rows_validate_into_row_models(database_url: str,
                                                    generated: dict[str, ModuleType]) -> None:
    """Every column type, written through the Insert models and read back as rows."""
    schema = case_schema("kitchen_sink")
    models = generated["kitchen_sink"]
    apply_sql(database_url, full_migration(schema))
    with connect(database_url) as conn:
        _register_enums(conn, schema, models)
        # bytea as PostgREST hands it over: PostgreSQL's hex text, not bytes
        conn.adapters.register_loader("bytea", TextLoader)
        conn.execute("insert into auth.users (id) values (%s)", [ALICE])
        team = models.Team.model_validate(_insert(
            conn, schema, "public.teams", models.TeamInsert(name="Core", slug="core")))
        _insert(conn, schema, "public.memberships",
                models.MembershipInsert(team_id=team.id, user_id=ALICE))
        full = models.WorkItemInsert(
            team_id=team.id, owner_id=ALICE, title="Everything", code="abc", Order=-3,
            user="u", price=Decimal("1234.50"), ratio=0.25, score=1e300, done=True,
            due=date(2024, 2, 29), remind_at=time(9, 15, 30), logged_at=datetime(2024, 1, 2, 3, 4),
            elapsed=timedelta(days=1, seconds=5), payload=[1, "a", {"b": None}],
            attributes={"labels": ["x"], "flags": {"pinned": True}}, blob="\\x00ff",
            client_ip="192.168.0.1", tags=["a", "b"], matrix=[[1, 2], [3, 4]],
            priority=models.Priority.HIGH,
            history=[models.Priority.LOW, models.Priority.WON_T_FIX],
            big=2**63 - 1, external_ref=None)
        _insert(conn, schema, "public.items", full)
        _insert(conn, schema, "public.items",
                models.WorkItemInsert(team_id=team.id, title="Defaults", code="xyz"))
        _insert(conn, schema, "public.audit_events", models.AuditEventInsert())
        _insert(conn, schema, "private.secrets",
                models.SecretInsert(kind=models.SecretKind.API_KEY, value="s3cret",
                                    team_id=None, backup_team_id=team.id))
        items = {row["title"]: models.WorkItem.model_validate(row)
                 for row in _rows(conn, "public.items")}
        events = [models.AuditEvent.model_validate(r) for r in _rows(conn, "public.audit_events")]
        secrets = [models.Secret.model_validate(r) for r in _rows(conn, "private.secrets")]
        teams = [models.Team.model_validate(r) for r in _rows(conn, "public.teams")]
        members = [models.Membership.model_validate(r) for r in _rows(conn, "public.memberships")]

    written = full.model_dump()
    read = items["Everything"].model_dump()
    assert {k: read[k] for k in written} == {
        **written, "client_ip": ipaddress.ip_interface("192.168.0.1/32")}
    defaults = items["Defaults"]
    assert defaults.priority is models.Priority.NORMAL
    assert defaults.history == [models.Priority.LOW, models.Priority.WON_T_FIX]
    assert defaults.attributes == {"labels": [], "flags": {"pinned": False}}
    assert defaults.elapsed == timedelta(0) and defaults.price == Decimal("0.00")
    assert defaults.big == 9007199254740993 and defaults.tags == []
    assert defaults.external_ref == uuid.UUID(int=0)
    assert events[0].id >= 1 and events[0].at.tzinfo is not None
    assert secrets[0].kind is models.SecretKind.API_KEY and secrets[0].team_id is None
    assert secrets[0].rotated is True
    assert teams[0].name == "Core" and members[0].role is models.ProjectRole.VIEWER


def test_postgres_rejects_what_the_insert_models_reject(
        database_url: str, generated: dict[str, ModuleType]) -> None:
    """The constraints in the models are PostgreSQL's own: both refuse the same values."""
    schema = case_schema("kitchen_sink")
    models = generated["kitchen_sink"]
    apply_sql(database_url, full_migration(schema))
    bad = [{"title": "x" * 201}, {"code": "ab"}, {"price": Decimal(-1)}, {"ratio": 2.0},
           {"Order": 2**15}]
    with connect(database_url) as conn:
        team = _insert(conn, schema, "public.teams", models.TeamInsert(name="T", slug="t"))
        good = models.WorkItemInsert(team_id=team["id"], title="ok", code="abc")
        for change in bad:
            with pytest.raises(ValidationError):
                models.WorkItemInsert(**{**good.model_dump(by_alias=True), **change})
            with pytest.raises(Exception, match="violates|too long|out of range"), \
                    conn.transaction():
                _insert(conn, schema, "public.items",
                        good.model_copy(update=change))  # skips validation on purpose


# -- mypy --strict -----------------------------------------------------------------------------


def _mypy(directory: Path, *files: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-color-output", "--cache-dir",
         str(directory / ".mypy_cache"), *files],
        cwd=directory, capture_output=True, text=True, check=False, timeout=300)


def test_mypy_strict_accepts_the_models_and_their_use(tmp_path: Path) -> None:
    (tmp_path / "models.py").write_text(emit_pydantic(case_schema("seed")))
    (tmp_path / "kitchen_sink.py").write_text(emit_pydantic(case_schema("kitchen_sink")))
    (tmp_path / "edge.py").write_text(emit_pydantic(edge_schema()))
    (tmp_path / "usage.py").write_text((HERE / "usage.py").read_text())
    result = _mypy(tmp_path, "usage.py", "models.py", "kitchen_sink.py", "edge.py")
    assert result.returncode == 0, result.stdout + result.stderr
    run = subprocess.run([sys.executable, "usage.py"], cwd=tmp_path, capture_output=True,
                         text=True, check=False, timeout=60)
    assert run.returncode == 0, run.stderr


def test_mypy_strict_reports_misuse(tmp_path: Path) -> None:
    (tmp_path / "models.py").write_text(emit_pydantic(case_schema("seed")))
    source = (HERE / "misuse.py").read_text()
    (tmp_path / "misuse.py").write_text(source)
    expected = {(number, code) for number, line in enumerate(source.splitlines(), 1)
                if (match := re.search(r"# error: ([a-z-]+)", line)) for code in [match[1]]}
    result = _mypy(tmp_path, "misuse.py")
    found = {(int(m[1]), m[2]) for m in re.finditer(
        r"^misuse\.py:(\d+): error: .*\[([a-z-]+)\]$", result.stdout, re.MULTILINE)}
    assert found == expected, result.stdout
