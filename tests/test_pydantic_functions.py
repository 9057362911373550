"""The RPC models of the pydantic output on a real PostgreSQL: the functions of
tests/cases/functions are called as PostgREST calls them (as ``authenticated`` with a JWT,
named arguments taken from ``<Name>Args(...).model_dump(mode="json")``), their results read
back as the JSON PostgREST sends (``json_agg`` of a set, ``to_json`` of a value) and
validated with ``<Name>Returns``; the Args models reject what the function would reject;
``mypy --strict`` accepts typical use of them.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from psycopg import sql
from pydantic import BaseModel, TypeAdapter, ValidationError
from support.pgvector import has_pgvector, without_pgvector
from support.postgres import Connection, DatabaseServer, apply_sql, as_role, connect
from test_golden_cases import case_schema, full_migration

from codegen.emit.function_catalog import arguments, returns_set, rpc_models
from codegen.emit.json_schema import build_json_schema
from codegen.emit.pydantic_models import _assemble, emit_pydantic, generate_models
from codegen.emit.typescript import emit_typescript
from codegen.project import load_schema
from codegen.schema import ir

HERE = Path(__file__).parent / "pydantic"
CASE = Path(__file__).parent / "cases" / "functions" / "schema"
ALICE = uuid.UUID("00000000-0000-0000-0000-00000000a11c")
BOB = uuid.UUID("00000000-0000-0000-0000-000000000b0b")
TEAM = uuid.UUID("00000000-0000-0000-0000-0000000000aa")
EMBEDDING = {True: "[1,2,3]", False: "a.b.c"}  # vector, or ltree without pgvector


@pytest.fixture(scope="module")
def vector(pg_server: DatabaseServer) -> bool:
    return has_pgvector(pg_server.url)


@pytest.fixture(scope="module")
def schema(vector: bool) -> ir.Schema:
    """The functions case (its vector column an ltree on a server without pgvector)."""
    if vector:
        return case_schema("functions")
    return load_schema({"app.yaml": without_pgvector((CASE / "app.yaml").read_text())})


@pytest.fixture(scope="module")
def models(schema: ir.Schema, tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    path = tmp_path_factory.mktemp("rpc") / "codegen_generated_functions.py"
    path.write_text(emit_pydantic(schema), encoding="utf-8")
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def conn(schema: ir.Schema, database_url: str, vector: bool) -> Iterator[Connection]:
    """The case's migration applied; two users (their profiles made by the trigger on
    auth.users), a team with both as members."""
    apply_sql(database_url, full_migration(schema))
    with connect(database_url) as connection:
        for user, name in ((ALICE, "Alice Liddell"), (BOB, "Bob")):
            connection.execute(
                "insert into auth.users (id, raw_user_meta_data) values (%s, %s)",
                (user, f'{{"name": "{name}"}}'))
        connection.execute("update public.profiles set username = lower(split_part(full_name, "
                           "' ', 1)), embedding = %s", (EMBEDDING[vector],))
        connection.execute("insert into public.teams (id, name) values (%s, 'Wonderland')",
                           (TEAM,))
        connection.execute("insert into public.memberships (team_id, user_id, role) values "
                           "(%s, %s, 'owner'), (%s, %s, default)", (TEAM, ALICE, TEAM, BOB))
        yield connection


def by_name(schema: ir.Schema, name: str) -> ir.Function:
    return {n: f for f, n in rpc_models(schema, ("public",))}[name]


def rpc(conn: Connection, function: ir.Function, params: dict[str, Any]) -> bytes:
    """Call like PostgREST: named arguments, the result as the JSON it responds with."""
    named = sql.SQL(", ").join(sql.SQL("{} => {}").format(sql.Identifier(k), sql.Literal(v))
                               for k, v in params.items())
    call = sql.SQL("{}.{}({})").format(sql.Identifier(function.name.schema),
                                       sql.Identifier(function.name.name), named)
    if returns_set(function):
        query = sql.SQL("select coalesce(json_agg(r), '[]')::text from {} r").format(call)
    else:
        query = sql.SQL("select coalesce(to_json({})::text, 'null')").format(call)
    with as_role(conn, "authenticated", {"sub": str(ALICE)}):
        row = conn.execute(query).fetchone()
    assert row is not None
    return str(row[0]).encode()


CALLS: list[tuple[str, dict[str, Any], Any]] = [
    # (generated name, Args, what the validated result must be)
    ("Slugify", {"value": "Hello, World"}, "hello-world"),
    ("SearchProfilesByQuery", {"query": "ali"}, ["alice"]),
    ("SearchProfilesByQueryLim", {"query": "", "lim": 1}, 1),
    ("TeamMembers", {"team": TEAM}, {"owner", "member"}),
    ("TeamMembers", {"team": TEAM, "lim": 1}, 1),
    ("MyTeams", {}, ["Wonderland"]),
]


@pytest.mark.parametrize(("name", "args", "expected"), CALLS)
def test_results_read_back_validate(conn: Connection, schema: ir.Schema, models: ModuleType,
                                    name: str, args: dict[str, Any], expected: Any) -> None:
    function = by_name(schema, name)
    params = getattr(models, name + "Args")(**args).model_dump(mode="json")
    assert set(params) == set(args)  # a left-out default stays left out
    result = TypeAdapter(getattr(models, name + "Returns")).validate_json(
        rpc(conn, function, params))
    if isinstance(expected, int):
        assert len(result) == expected
    elif isinstance(expected, set):
        assert {row.role.value for row in result} == expected
        assert all(isinstance(row.user_id, uuid.UUID) for row in result)
    elif isinstance(expected, list):
        assert [getattr(row, "username", None) or getattr(row, "name", None)
                for row in result] == expected
        assert all(isinstance(row, BaseModel) for row in result)
    else:
        assert result == expected


def test_profiles_keep_their_extension_typed_column(conn: Connection, schema: ir.Schema,
                                                    models: ModuleType, vector: bool) -> None:
    function = by_name(schema, "SearchProfilesByQuery")
    [alice] = TypeAdapter(models.SearchProfilesByQueryReturns).validate_json(
        rpc(conn, function, {"query": "alice"}))
    assert isinstance(alice, models.Profile) and alice.id == ALICE
    assert alice.embedding == EMBEDDING[vector]  # Any, as the API sends it (text)


def test_a_null_result_validates(conn: Connection, schema: ir.Schema, models: ModuleType) -> None:
    function = by_name(schema, "Slugify")
    with as_role(conn, "authenticated", {"sub": str(ALICE)}):
        row = conn.execute(
            "select coalesce(to_json(public.slugify(null))::text, 'null')").fetchone()
    assert row is not None and function.strict
    assert TypeAdapter(models.SlugifyReturns).validate_json(str(row[0])) is None


def test_args_reject_what_the_function_rejects(models: ModuleType) -> None:
    with pytest.raises(ValidationError):
        models.TeamMembersArgs(lim=5)  # team has no default
    with pytest.raises(ValidationError):
        models.TeamMembersArgs(team="not a uuid")
    with pytest.raises(ValidationError):
        models.TeamMembersArgs(team=TEAM, lim=2**31)  # integer
    with pytest.raises(ValidationError):
        models.SlugifyArgs(value="x", other=1)  # PostgREST: no function with that argument


def test_trigger_and_private_functions_get_no_models(schema: ir.Schema) -> None:
    defs = build_json_schema(schema)["$defs"]
    assert "HandleNewUserArgs" not in defs and "TouchUpdatedAtArgs" not in defs
    assert "IsMemberArgs" not in defs  # private is not an API schema by default
    assert "IsMemberArgs" in build_json_schema(schema, ("private", "public"))["$defs"]
    assert "User" not in defs and "Object" not in defs  # tables Supabase owns


def test_mypy_strict_accepts_the_rpc_models(tmp_path: Path, schema: ir.Schema) -> None:
    (tmp_path / "functions.py").write_text(emit_pydantic(schema))
    (tmp_path / "usage_functions.py").write_text((HERE / "usage_functions.py").read_text())
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-color-output", "--cache-dir",
         str(tmp_path / ".mypy_cache"), "usage_functions.py", "functions.py"],
        cwd=tmp_path, capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    run = subprocess.run([sys.executable, "usage_functions.py"], cwd=tmp_path,
                         capture_output=True, text=True, check=False, timeout=60)
    assert run.returncode == 0, run.stderr


ORACLE_FUNCTIONS = Path(__file__).parent / "oracle" / "specs" / "functions.yaml"


@pytest.mark.parametrize("api_schemas", [("public",), ("extra", "public")])
def test_every_function_shape_generates_like_a_full_run(api_schemas: tuple[str, ...],
                                                        tmp_path: Path) -> None:
    """The function shapes of the oracle's spec (overloads, OUT and variadic arguments, void,
    record, sets, rows, RETURNS TABLE, extension and other schemas' types): the stand-in
    generation equals a full datamodel-code-generator run, and mypy --strict accepts it."""
    schema = load_schema({ORACLE_FUNCTIONS.name: ORACLE_FUNCTIONS.read_text()})
    document = build_json_schema(schema, api_schemas)
    fast = _assemble(document)
    assert fast is not None
    assert fast == generate_models(document).rstrip("\n") + "\n"
    assert {"NothingReturns", "AnythingReturns", "TeamStatsRow", "EchoByValueTimesArgs",
            "EchoByValueIntegerArgs", "EchoByValueTextArgs"} <= set(document["$defs"])
    assert ("HiddenArgs" in document["$defs"]) == ("extra" in api_schemas)
    (tmp_path / "shapes.py").write_text(emit_pydantic(schema, schemas=api_schemas))
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-color-output", "--cache-dir",
         str(tmp_path / ".mypy_cache"), "shapes.py"],
        cwd=tmp_path, capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_rpc_type_names_never_clash(tmp_path: Path) -> None:
    """Overloads, and a function whose types a table's would shadow, get distinct names, in
    index.ts and pydantic."""
    schema = load_schema({"app.yaml": """
tables:
  search_rows: {columns: {id: {type: integer, primary_key: true}}}
functions:
  search:
    args: {q: text}
    returns: {table: {hit: text}}
    language: sql
    body: select q
  find_text:
    name: find
    args: {q: text}
    returns: text
    language: sql
    body: select q
  find_n:
    name: find
    args: {q: text, n: integer}
    returns: setof text
    language: sql
    body: select q
  find_integer:
    name: find
    args: {q: integer}
    returns: text
    language: sql
    body: select 'x'
"""})
    names = {f"{function.name.name}({arguments(function)})": name
             for function, name in rpc_models(schema, ("public",))}
    assert names == {"search(q text)": "SearchFn", "find(q integer)": "FindByQInteger",
                     "find(q text)": "FindByQText", "find(q text, n integer)": "FindByQN"}
    defs = build_json_schema(schema)["$defs"]
    assert {"SearchRow", "SearchFnRow", "SearchFnArgs", "FindByQIntegerArgs"} <= set(defs)
    (tmp_path / "clash.py").write_text(emit_pydantic(schema))
    result = subprocess.run([sys.executable, "-m", "mypy", "--strict", "clash.py"], cwd=tmp_path,
                            capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stdout
    interfaces = emit_typescript(schema, None)
    assert "export interface SearchRow {" in interfaces
    assert "export interface SearchFnRow {" in interfaces
