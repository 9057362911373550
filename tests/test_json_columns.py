"""json/jsonb columns with a JSON Schema, on a real PostgreSQL and through the other outputs.

The CHECK a schema adds refuses bad documents and takes good ones (the typed_json golden
case); ``json_check: pg_jsonschema`` stops a migration with a clear message where the
extension is missing (the embedded PostgreSQL has none); a schema added to a column whose
rows break it fails in the validations file, naming the constraint; the pydantic models
take good and refuse bad documents; the command line reads schema files beside the spec
and regenerates when one changes.
"""

from __future__ import annotations

import importlib.util
import json
import sys
import uuid
from pathlib import Path
from types import ModuleType
from typing import Any

import psycopg
import pytest
from pydantic import ValidationError
from support.postgres import MigrationError, apply_sql, connect
from test_cli import make_project, run
from test_golden_cases import case_schema, full_migration

from codegen.emit.pydantic_models import emit_pydantic
from codegen.migrate.history import MigrationFolder, new_migration, read_history
from codegen.project import load_schema
from codegen.schema.json_checks import check_expression

LOG = "insert into public.audit_logs (action, resource_type, details) values ('a', 'r', %s)"
RUN = "insert into public.test_runs (test_type, configuration, results) values ('t', %s, %s)"


@pytest.mark.parametrize(("statement", "values"), [
    (LOG, [{"ip": "10.0.0.1", "changes": [{"field": "f", "old": 1, "new": None}]}]),
    (LOG, [{}]),
    (RUN, [{"concurrency": 2, "anything": "else"}, None]),
    (RUN, [{}, {"passed": 1, "failed": 0, "duration_ms": None}]),
])
def test_check_takes_good_documents(database_url: str, statement: str, values: list[Any]) -> None:
    apply_sql(database_url, full_migration(case_schema("typed_json")))
    with connect(database_url) as conn:
        conn.execute(statement, [None if v is None else json.dumps(v) for v in values])


@pytest.mark.parametrize(("statement", "values"), [
    (LOG, [[1, 2]]),  # not an object
    (LOG, ['"text"']),
    (LOG, [{"ip": 10}]),  # a property of the wrong type
    (LOG, [{"unknown": 1}]),  # additionalProperties: false
    (RUN, [{"concurrency": "2"}, None]),
    (RUN, [{}, {"passed": 1}]),  # a required key missing
    (RUN, [{}, {"passed": 1, "failed": 0, "duration_ms": "slow"}]),
])
def test_check_refuses_bad_documents(database_url: str, statement: str,
                                     values: list[Any]) -> None:
    apply_sql(database_url, full_migration(case_schema("typed_json")))
    with connect(database_url) as conn, pytest.raises(psycopg.errors.CheckViolation,
                                                      match=r"_json_check"):
        conn.execute(statement, [None if v is None else
                                 (v if isinstance(v, str) else json.dumps(v)) for v in values])


PG_JSONSCHEMA = """\
tables:
  documents:
    columns:
      id: {type: uuid, primary_key: true, default_sql: gen_random_uuid()}
      body:
        type: jsonb
        json_schema: {type: object, required: [title]}
        json_check: pg_jsonschema
"""


def test_pg_jsonschema_check_names_the_missing_extension(database_url: str) -> None:
    schema = load_schema({"schema/docs.yaml": PG_JSONSCHEMA})
    migration = full_migration(schema)
    assert "jsonb_matches_schema('{\"type\":\"object\",\"required\":[\"title\"]}'::json, body)" \
        in migration
    with pytest.raises(MigrationError, match="the pg_jsonschema extension is not installed"):
        apply_sql(database_url, migration)
    with connect(database_url) as conn:  # nothing of the migration was left behind
        assert conn.execute("select to_regclass('public.documents')").fetchone() == (None,)


def test_pg_jsonschema_guard_lets_the_migration_run_where_the_extension_is(
        database_url: str) -> None:
    """A stand-in extension row and function: the guard passes and the check is created."""
    with connect(database_url) as conn:
        # pg_extension needs a real extension: plpgsql is one; rename it for the guard's sake.
        conn.execute("update pg_extension set extname = 'pg_jsonschema' where extname = 'plpgsql'")
        conn.execute("create function public.jsonb_matches_schema(json, jsonb) returns boolean "
                     "language sql immutable as $$ select $2 ? 'title' $$")
    apply_sql(database_url, full_migration(load_schema({"schema/docs.yaml": PG_JSONSCHEMA})))
    with connect(database_url) as conn:
        conn.execute("insert into public.documents (body) values ('{\"title\": \"x\"}')")
        with pytest.raises(psycopg.errors.CheckViolation):
            conn.execute("insert into public.documents (body) values ('{}')")


def test_a_schema_existing_rows_break_fails_in_the_validations_file(database_url: str) -> None:
    old = "tables:\n  events:\n    columns:\n      id: {type: uuid, primary_key: true}\n" \
          "      payload: jsonb\n"
    new = old.replace("payload: jsonb", "payload: {type: jsonb, json_schema: "
                      "{type: object, required: [kind]}}")
    folder: dict[str, str] = {}
    for text, name in ((old, "v1"), (new, "v2")):
        schema = load_schema({"schema/events.yaml": text})
        state = MigrationFolder(dict(folder))
        folder.update(new_migration(state, schema, name, read_history(state).latest))
    files = sorted(p for p in folder if p.endswith(".sql"))
    assert files == ["001_v1.sql", "002_v2.sql", "003_v2_validate_constraints.sql"]
    apply_sql(database_url, folder["001_v1.sql"])
    with connect(database_url) as conn:
        conn.execute("insert into public.events values (%s, '{\"no_kind\": 1}')", [uuid.uuid4()])
    apply_sql(database_url, folder["002_v2.sql"])  # NOT VALID: existing rows are not scanned
    with connect(database_url) as conn, pytest.raises(psycopg.errors.CheckViolation):
        conn.execute("insert into public.events values (%s, '{}')", [uuid.uuid4()])
    with pytest.raises(MigrationError, match='"events_payload_json_check" of relation "events" '
                       "is violated by some row"):
        apply_sql(database_url, folder["003_v2_validate_constraints.sql"])


# -- the light check's expression --------------------------------------------------------------


@pytest.mark.parametrize(("column", "base", "schema", "mode", "expected"), [
    ("doc", "jsonb", {"type": "object"}, "top_level", "jsonb_typeof(doc) = 'object'"),
    ("doc", "jsonb", {"type": "object"}, "none", None),
    ("doc", "jsonb", {"description": "anything"}, "top_level", None),
    ("doc", "json", {"type": ["array", "null"]}, "top_level",
     "jsonb_typeof(doc::jsonb) IN ('array', 'null')"),
    ("Order", "jsonb", {"additionalProperties": False}, "top_level",
     "CASE jsonb_typeof(\"Order\") WHEN 'object' THEN \"Order\" = '{}'::jsonb ELSE true END"),
    ("doc", "json", {"type": "object"}, "pg_jsonschema",
     "json_matches_schema('{\"type\":\"object\"}'::json, doc)"),
])
def test_check_expression(column: str, base: str, schema: dict[str, Any], mode: str,
                          expected: str | None) -> None:
    assert check_expression(column, base, schema, mode) == expected


# -- pydantic -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    path = tmp_path_factory.mktemp("typed_json") / "codegen_typed_json.py"
    path.write_text(emit_pydantic(case_schema("typed_json")), encoding="utf-8")
    spec = importlib.util.spec_from_file_location("codegen_typed_json", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["codegen_typed_json"] = module
    spec.loader.exec_module(module)
    return module


def test_pydantic_takes_good_documents(models: ModuleType) -> None:
    details = models.AuditLogDetails.model_validate(
        {"ip": "10.0.0.1", "changes": [{"field": "name", "old": "a", "new": [1, None]}]})
    assert details.changes[0].field == "name" and details.changes[0].new == [1, None]
    results = models.TestRunResults.model_validate(
        {"passed": 3, "failed": 1, "failures": [{"test": "t", "severity": "major"}]})
    assert results.failures[0].severity.value == "major"
    insert = models.TestRunInsert(test_type="e2e", configuration={"concurrency": 4})
    assert insert.model_dump()["configuration"] == {"concurrency": 4}


@pytest.mark.parametrize(("model", "document", "location"), [
    ("AuditLogDetails", {"ip": 10}, ("ip",)),
    ("AuditLogDetails", {"extra": 1}, ("extra",)),
    ("AuditLogDetails", {"changes": [{"old": 1}]}, ("changes", 0, "field")),
    ("AuditLogDetails", {"user_agent": "x" * 513}, ("user_agent",)),
    ("TestRunConfiguration", {"concurrency": 0}, ("concurrency",)),
    ("TestRunConfiguration", {"environment": "dev"}, ("environment",)),
    ("TestRunResults", {"passed": 1}, ("failed",)),
    ("TestRunResults", {"passed": 1, "failed": 0, "failures": [{"test": "t", "severity": "x"}]},
     ("failures", 0, "severity")),
])
def test_pydantic_refuses_bad_documents(models: ModuleType, model: str, document: Any,
                                        location: tuple[Any, ...]) -> None:
    with pytest.raises(ValidationError) as caught:
        getattr(models, model).model_validate(document)
    assert location in [error["loc"] for error in caught.value.errors()]


def test_pydantic_validates_rows_read_back(database_url: str, models: ModuleType) -> None:
    apply_sql(database_url, full_migration(case_schema("typed_json")))
    with connect(database_url) as conn:
        conn.execute(LOG, [json.dumps({"ip": "10.0.0.1", "changes": [{"field": "f"}]})])
        conn.execute(RUN, [json.dumps({"concurrency": 8}),
                           json.dumps({"passed": 2, "failed": 0})])
        logs = [models.AuditLog.model_validate_json(json.dumps(row)) for (row,) in
                conn.execute("select to_jsonb(t) from public.audit_logs t")]
        runs = [models.TestRun.model_validate_json(json.dumps(row)) for (row,) in
                conn.execute("select to_jsonb(t) from public.test_runs t")]
    assert logs[0].details.changes[0].field == "f"
    assert runs[0].configuration.concurrency == 8 and runs[0].results.passed == 2


# -- the command line ----------------------------------------------------------------------------


def test_schema_files_beside_the_spec_are_read_and_watched_for_changes(tmp_path: Path) -> None:
    spec = ("tables:\n  notes:\n    columns:\n      id: {type: uuid, primary_key: true}\n"
            "      body: {type: jsonb, json_schema: schemas/body.json}\n")
    project = make_project(tmp_path, 'zod = "generated/types/zod.ts"\n'
                           'typed_database = "generated/types/database.typed.ts"\n', spec)
    (project / "schema" / "schemas").mkdir()
    body = project / "schema" / "schemas" / "body.json"
    body.write_text('{"type": "object", "properties": {"text": {"type": "string"}}}\n')
    result = run(project, "generate")
    assert result.exit_code == 0, result.output
    zod = (project / "generated/types/zod.ts").read_text()
    assert 'export const NoteBodySchema: z.ZodType<NoteBody> = z.object({' in zod
    typed = (project / "generated/types/database.typed.ts").read_text()
    assert "          body: NoteBody\n" in typed
    assert "          body: NonNullable<Json>\n" in (project / "generated/types/database.types.ts").read_text()
    assert run(project, "check").exit_code == 0
    body.write_text('{"type": "object", "properties": {"text": {"type": "number"}}}\n')
    result = run(project, "check")
    assert result.exit_code == 1 and "generated/types/zod.ts" in result.output, result.output
    body.write_text('{"type": "object", "properties": {"text": {"type": "strin"}}}\n')
    result = run(project, "check")
    assert result.exit_code == 2
    assert "schema/schemas/body.json:1:" in result.output and "E297" in result.output


def test_watch_mode_follows_schema_files() -> None:
    from codegen.cli.watch import is_spec_file

    assert is_spec_file("/p/schema/details.schema.json") and is_spec_file("/p/schema/a.yaml")
    assert not is_spec_file("/p/schema/notes.txt")
