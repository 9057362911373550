"""The zod output and the Database type with typed json columns, proven with the real tools.

- Goldens: tests/cases/<case>/expected/zod.ts and database.typed.ts (`--update-goldens`).
- tsc --strict: for every golden case, ``z.infer`` of each table's Row, Insert and Update
  schema and the row types of the typed ``Database`` and of ``index.ts`` are mutually
  assignable (a generated checks.ts), the typed ``Database`` is assignable to the one
  Supabase's generator writes, and tests/ts/zod/usage_typed_json.ts uses it with supabase-js.
- Run time: rows written to PostgreSQL and read back as PostgREST hands them over
  (``to_jsonb`` of the row) parse with the Row schemas; documents PostgreSQL or the types
  would refuse are refused, with the path of the offending value.

Needs ``npm ci`` in tests/ts (zod is pinned in its package.json).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from goldens import assert_golden
from support.postgres import Connection, apply_sql, connect
from test_golden_cases import CASES, CASES_DIR, case_schema, full_migration
from test_pydantic_output import _insert, _register_enums, generated  # noqa: F401 (fixture)
from test_typescript_tsc import TS_DIR, tsc

from codegen.emit.database_types import emit_database_types
from codegen.emit.typed_database import emit_typed_database
from codegen.emit.typescript import emit_typescript
from codegen.emit.zod import emit_zod
from codegen.schema import ir

OUT = TS_DIR / "generated" / "zod"
ALICE = uuid.UUID("00000000-0000-0000-0000-00000000a11c")


@pytest.mark.parametrize("case", CASES)
def test_outputs_golden(request: pytest.FixtureRequest, case: str) -> None:
    schema = case_schema(case)
    expected = CASES_DIR / case / "expected"
    assert_golden(request, expected / "zod.ts", emit_zod(schema))
    assert_golden(request, expected / "database.typed.ts", emit_typed_database(schema))


def test_typed_database_is_the_generated_one_where_nothing_is_typed() -> None:
    """Without JSON Schemas the typed file is database.types.ts under a header."""
    schema = case_schema("seed")
    typed = emit_typed_database(schema)
    assert typed.split("\n", 2)[2] + "\n" == emit_database_types(schema)


# -- tsc ----------------------------------------------------------------------------------------


def _checks(schema: ir.Schema) -> str:
    """Type-level assertions: each one is a compile error when it does not hold."""
    lines = [
        "// Written by tests/test_zod.py: each constant fails to compile unless its types agree.",
        'import type { z } from "zod"',
        'import type { Database as GeneratedDatabase } from "./database.types"',
        'import type { Database } from "./database.typed"',
        'import type * as Types from "./index"',
        'import type * as Zod from "./zod"',
        "",
        "type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false",
        ("export const typedFitsGenerated: [Database] extends [GeneratedDatabase] ? true : false"
         " = true"),
    ]
    for index, table in enumerate(t for t in schema.tables if not t.external):
        for suffix, section in (("", "Row"), ("Insert", "Insert"), ("Update", "Update")):
            inferred = f"z.infer<typeof Zod.{table.model}{suffix}Schema>"
            lines.append(f"export const check{index}{section}Index: "
                         f"Mutual<{inferred}, Types.{table.model}{suffix}> = true")
            if table.name.schema == "public":
                row = f'Database["public"]["Tables"][{json.dumps(table.name.name)}]["{section}"]'
                lines.append(f"export const check{index}{section}Database: "
                             f"Mutual<{inferred}, {row}> = true")
    return "\n".join(lines) + "\n"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8", newline="\n")


@pytest.fixture(scope="module")
def ts_project() -> Path:
    for case in CASES:
        schema = case_schema(case)
        folder = OUT / case
        _write(folder / "zod.ts", emit_zod(schema))
        _write(folder / "database.types.ts", emit_database_types(schema))
        _write(folder / "database.typed.ts", emit_typed_database(schema))
        _write(folder / "index.ts", emit_typescript(schema, None))
        _write(folder / "checks.ts", _checks(schema))
    _write(OUT / "tsconfig.json", json.dumps(
        {"extends": "../../tsconfig.json", "include": ["*/*.ts", "../../zod/*.ts"]}))
    return OUT


def test_zod_schemas_infer_exactly_the_row_types(ts_project: Path) -> None:
    result = tsc(ts_project / "tsconfig.json")
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_zod_schema_that_disagrees_with_the_types_fails(ts_project: Path) -> None:
    """The check is not vacuous: a Row schema missing its nullability is a type error."""
    scratch = Path(tempfile.mkdtemp(prefix=".zod-check-", dir=TS_DIR))
    try:
        zod = (ts_project / "seed" / "zod.ts").read_text()
        broken = zod.replace('  user_id: z.guid().nullable(),', '  user_id: z.guid(),', 1)
        assert broken != zod
        for name in ("database.types.ts", "database.typed.ts", "index.ts", "checks.ts"):
            shutil.copy(ts_project / "seed" / name, scratch / name)
        (scratch / "zod.ts").write_text(broken)
        (scratch / "tsconfig.json").write_text(json.dumps(
            {"extends": "../tsconfig.json", "include": ["*.ts"]}))
        result = tsc(scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    assert result.returncode != 0
    assert "checks.ts" in result.stdout and "TS2322" in result.stdout, result.stdout


# -- run time: rows read back from PostgreSQL -------------------------------------------------


def _json_rows(conn: Connection, table: str) -> list[Any]:
    schema_name, name = table.split(".")
    query = f'select to_jsonb(t) from "{schema_name}"."{name}" t'  # what PostgREST returns
    return [row for (row,) in conn.execute(query.encode())]


def _seed_rows(database_url: str, case: str) -> dict[str, list[Any]]:
    apply_sql(database_url, full_migration(case_schema(case)))
    with connect(database_url) as conn:
        conn.execute("insert into auth.users (id) values (%s)", [ALICE])
        conn.execute("insert into public.test_runs (test_type) values ('load')")
        conn.execute(
            "insert into public.test_runs (test_type, status, configuration, results) values "
            "('e2e', 'failed', %s, %s)",
            [json.dumps({"concurrency": 4, "environment": "staging", "tags": ["nightly"]}),
             json.dumps({"passed": 10, "failed": 1, "duration_ms": 1234.5, "failures": [
                 {"test": "login", "message": None, "severity": "major"}]})])
        conn.execute("insert into public.audit_logs (action, resource_type) "
                     "values ('project.update', 'project')")
        conn.execute(
            "insert into public.audit_logs (user_id, action, resource_type, resource_id, details) "
            "values (%s, 'project.delete', 'project', 'p1', %s)",
            [ALICE, json.dumps({"ip": "10.0.0.1", "changes": [
                {"field": "name", "old": "a", "new": {"deep": [1, None]}}]})])
        return {"audit_logs": _json_rows(conn, "public.audit_logs"),
                "test_runs": _json_rows(conn, "public.test_runs")}


def _kitchen_sink_rows(database_url: str, models: ModuleType) -> dict[str, list[Any]]:
    from datetime import date, datetime, time, timedelta

    schema = case_schema("kitchen_sink")
    apply_sql(database_url, full_migration(schema))
    with connect(database_url) as conn:
        _register_enums(conn, schema, models)
        conn.execute("insert into auth.users (id) values (%s)", [ALICE])
        team = _insert(conn, schema, "public.teams", models.TeamInsert(name="Core", slug="core"))
        _insert(conn, schema, "public.memberships",
                models.MembershipInsert(team_id=team["id"], user_id=ALICE))
        _insert(conn, schema, "public.items", models.WorkItemInsert(
            team_id=team["id"], owner_id=ALICE, title="Everything", code="abc", Order=-3,
            user="u", price=Decimal("1234.50"), ratio=0.25, score=1e300, done=True,
            due=date(2024, 2, 29), remind_at=time(9, 15, 30), logged_at=datetime(2024, 1, 2, 3, 4),
            elapsed=timedelta(days=1, seconds=5), payload=[1, "a", {"b": None}],
            attributes={"labels": ["x"], "flags": {"pinned": True}}, blob="\\x00ff",
            client_ip="192.168.0.1", tags=["a", "b"], matrix=[[1, 2], [3, 4]],
            priority=models.Priority.HIGH, history=[models.Priority.LOW],
            big=2**63 - 1, external_ref=None))
        _insert(conn, schema, "public.items",
                models.WorkItemInsert(team_id=team["id"], title="Defaults", code="xyz"))
        _insert(conn, schema, "public.audit_events", models.AuditEventInsert())
        _insert(conn, schema, "private.secrets",
                models.SecretInsert(kind=models.SecretKind.API_KEY, value="s3cret",
                                    team_id=None, backup_team_id=team["id"]))
        return {table: _json_rows(conn, f"{'private' if table == 'private.secrets' else 'public'}"
                                  f".{table.removeprefix('private.')}")
                for table in ("teams", "memberships", "items", "audit_events",
                              "private.secrets")}


RUNNER = """\
import fs from "node:fs"
const items = JSON.parse(fs.readFileSync(process.argv[2], "utf8"))
const results = []
for (const item of items) {
  const zod = await import(`./${item.case}/zod.js`)
  const parsed = zod.TableSchemas[item.table][item.kind].safeParse(item.value)
  results.push(parsed.success ? [] : parsed.error.issues.map((i) => i.path.join(".")))
}
console.log(JSON.stringify(results))
"""


@pytest.fixture(scope="module")
def zod_js(ts_project: Path) -> Iterator[Path]:
    """The generated zod modules compiled to JavaScript, with a runner that parses items."""
    folder = Path(tempfile.mkdtemp(prefix=".zod-run-", dir=TS_DIR))
    try:
        sources = [str(ts_project / case / "zod.ts") for case in CASES]
        result = subprocess.run(
            [str(TS_DIR / "node_modules" / ".bin" / "tsc"), "--outDir", str(folder),
             "--rootDir", str(ts_project), "--target", "es2022", "--module", "es2022",
             "--moduleResolution", "bundler", "--strict", "--skipLibCheck", "--ignoreConfig",
             *sources],
            cwd=TS_DIR, capture_output=True, text=True, timeout=300, check=False)
        assert result.returncode == 0, result.stdout + result.stderr
        (folder / "run.mjs").write_text(RUNNER)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _parse(zod_js: Path, items: list[dict[str, Any]]) -> list[list[str]]:
    """For each item the paths zod reports (empty: it parsed)."""
    (zod_js / "items.json").write_text(json.dumps(items))
    result = subprocess.run(["node", str(zod_js / "run.mjs"), str(zod_js / "items.json")],
                            cwd=zod_js, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    parsed: list[list[str]] = json.loads(result.stdout)
    return parsed


def _items(case: str, rows: dict[str, list[Any]]) -> list[dict[str, Any]]:
    return [{"case": case, "table": table, "kind": "Row", "value": row}
            for table, values in rows.items() for row in values]


@pytest.mark.parametrize("case", ["seed", "typed_json"])
def test_rows_read_back_from_postgres_parse(database_url: str, zod_js: Path, case: str) -> None:
    items = _items(case, _seed_rows(database_url, case))
    assert len(items) == 4
    assert _parse(zod_js, items) == [[]] * len(items)


def test_kitchen_sink_rows_read_back_from_postgres_parse(
        database_url: str, zod_js: Path, generated: dict[str, ModuleType]) -> None:  # noqa: F811
    items = _items("kitchen_sink", _kitchen_sink_rows(database_url, generated["kitchen_sink"]))
    assert len(items) == 6
    assert _parse(zod_js, items) == [[]] * len(items)


def test_what_postgres_would_refuse_is_refused(zod_js: Path) -> None:
    run = {"test_type": "load"}
    log = {"action": "a", "resource_type": "r"}
    item = {"team_id": 1, "title": "t", "code": "abc"}
    cases: list[tuple[str, str, str, dict[str, Any], list[str]]] = [
        ("seed", "test_runs", "Insert", run, []),
        ("seed", "test_runs", "Insert", {**run, "status": "skipped"}, ["status"]),
        ("seed", "test_runs", "Insert", {**run, "typo": 1}, [""]),
        ("seed", "test_runs", "Insert", {}, ["test_type"]),
        ("seed", "audit_logs", "Update", {"user_id": "not-a-uuid"}, ["user_id"]),
        ("seed", "audit_logs", "Update", {"created_at": "2024-05-01T08:30:00+02:00"}, []),
        ("seed", "audit_logs", "Insert", {**log, "details": None}, ["details"]),
        ("typed_json", "audit_logs", "Insert", {**log, "details": {"ip": "10.0.0.1"}}, []),
        ("typed_json", "audit_logs", "Insert", {**log, "details": {"ip": 10}}, ["details.ip"]),
        ("typed_json", "audit_logs", "Insert", {**log, "details": {"extra": 1}}, ["details"]),
        ("typed_json", "audit_logs", "Insert",
         {**log, "details": {"changes": [{"old": 1}]}}, ["details.changes.0.field"]),
        ("typed_json", "audit_logs", "Insert",
         {**log, "details": {"user_agent": "x" * 513}}, ["details.user_agent"]),
        ("typed_json", "test_runs", "Update",
         {"configuration": {"concurrency": 65}}, ["configuration.concurrency"]),
        ("typed_json", "test_runs", "Update",
         {"configuration": {"environment": "dev"}}, ["configuration.environment"]),
        ("typed_json", "test_runs", "Update", {"configuration": {"free": [1]}}, []),
        ("typed_json", "test_runs", "Update", {"results": {"passed": 1}}, ["results.failed"]),
        ("typed_json", "test_runs", "Update", {"results": {"passed": 1, "failed": 0, "failures": [
            {"test": "t", "severity": "fatal"}]}}, ["results.failures.0.severity"]),
        ("kitchen_sink", "items", "Insert", item, []),
        ("kitchen_sink", "items", "Insert", {**item, "title": "x" * 201}, ["title"]),
        ("kitchen_sink", "items", "Insert", {**item, "code": "ab"}, ["code"]),
        ("kitchen_sink", "items", "Insert", {**item, "Order": 2**15}, ["Order"]),
        ("kitchen_sink", "teams", "Insert", {"name": "n", "slug": "Not Valid"}, ["slug"]),
        ("kitchen_sink", "teams", "Insert", {"name": "n", "slug": "fine-1"}, []),
    ]
    items = [{"case": c, "table": t, "kind": k, "value": v} for c, t, k, v, _ in cases]
    assert _parse(zod_js, items) == [paths for *_, paths in cases]


@pytest.mark.parametrize(("check", "expected"), [
    ("code ~ '^[A-Z]{3}\\d$'", [("^[A-Z]{3}\\d$", False)]),
    ("code ~* '^abc' AND char_length(code) > 2", [("^abc", True)]),
    ("note.code ~ 'x'", [("x", False)]),  # qualified by its table
    ("code ~ '[[:alpha:]]+'", []),  # POSIX classes: not JavaScript
    ("code ~ '\\mword'", []),  # \\m: start of a word, PostgreSQL only
    ("code ~ '(?i)abc'", []),  # embedded options
    ("code !~ 'x'", []),
    ("code ~ 'a' OR code ~ 'b'", []),  # only conjunctions
    ("other ~ 'x'", []),  # not a column of the table
])
def test_check_patterns(check: str, expected: list[tuple[str, bool]]) -> None:
    from codegen.emit.column_patterns import check_patterns

    table = ir.Table(ir.QualifiedName("public", "note"), "Note",
                     (ir.Column("code", ir.ColumnType("text"), False),))
    assert [(p.regex, p.case_insensitive) for p in check_patterns(table, check)] == expected
