"""`codegen init`: set up an existing project without disturbing it, then go green."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path

import jsonschema
import pytest
from test_cli import run, tree

from codegen.cli.init import STARTER_SPEC
from codegen.spec.json_schema import render_spec_schema
from codegen.spec.load import load_document

EXISTING = """\
# The application's own settings: init must keep every byte of this.
[project]
name = "dashboard"
dependencies = ["fastapi"]

[tool.ruff]
line-length = 90   # keep

[tool.ruff.lint]
select = ["E", "F"]
"""


def test_init_in_an_existing_project_appends_the_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(EXISTING)
    result = run(tmp_path, "init")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:4] == [
        "wrote .gitignore", "wrote pyproject.toml", "wrote schema/app.yaml",
        "wrote schema/spec.schema.json"]
    text = (tmp_path / "pyproject.toml").read_text()
    assert text.startswith(EXISTING + "\n[tool.codegen]\n")
    data = tomllib.loads(text)
    assert data["tool"]["ruff"] == {"line-length": 90, "lint": {"select": ["E", "F"]}}
    assert data["tool"]["codegen"] == {
        "schema": "schema", "migrations": "generated/migrations",
        "typescript": "generated/types/index.ts",
        "database_types": "generated/types/database.types.ts",
        "pydantic": "generated/models.py", "json_schema": "generated/schema.json"}
    assert (tmp_path / "schema/spec.schema.json").read_text() == render_spec_schema()


def test_starter_spec_is_green_end_to_end(tmp_path: Path) -> None:
    assert run(tmp_path, "init").exit_code == 0
    assert (tmp_path / "pyproject.toml").read_text().startswith("[tool.codegen]\n")
    starter = (tmp_path / "schema/app.yaml").read_text()
    assert starter.splitlines()[0] == "# yaml-language-server: $schema=spec.schema.json"
    schema = json.loads((tmp_path / "schema/spec.schema.json").read_text())
    jsonschema.validate(load_document("app.yaml", starter).data, schema)
    generated = run(tmp_path, "generate")
    assert generated.exit_code == 0, generated.output
    assert "new migration generated/migrations/001_init.sql" in generated.output
    assert run(tmp_path, "check").exit_code == 0
    lint = run(tmp_path, "lint", "--strict")
    assert lint.exit_code == 0 and lint.output == "ok: no findings\n", lint.output


def test_supabase_layout(tmp_path: Path) -> None:
    result = run(tmp_path, "init", "--supabase")
    assert result.exit_code == 0, result.output
    table = tomllib.loads((tmp_path / "pyproject.toml").read_text())["tool"]["codegen"]
    assert table["migrations"] == "supabase/migrations"
    assert table["typescript"] == "src/types/index.ts"
    assert table["database_types"] == "src/types/database.types.ts"
    assert table["migration_names"] == "timestamp"
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    generated = run(tmp_path, "generate")
    after = dt.datetime.now(dt.UTC)
    assert generated.exit_code == 0, generated.output
    # The Supabase CLI's naming: the first migration is named by the time it was written.
    [first] = [p.name for p in (tmp_path / "supabase/migrations").glob("*.sql")]
    stamp = dt.datetime.strptime(first.partition("_")[0], "%Y%m%d%H%M%S").replace(tzinfo=dt.UTC)
    assert first.endswith("_init.sql") and before <= stamp <= after, first
    assert (tmp_path / "src/types/database.types.ts").is_file()
    # Later ones follow the newest, one second on (deterministic, sorts last).
    spec = tmp_path / "schema/app.yaml"
    spec.write_text(spec.read_text().replace("      body: text?",
                                             "      body: text?\n      x: text?"))
    assert run(tmp_path, "generate", "--name", "x").exit_code == 0
    second = (stamp + dt.timedelta(seconds=1)).strftime("%Y%m%d%H%M%S") + "_x.sql"
    assert (tmp_path / "supabase/migrations" / second).is_file()
    assert run(tmp_path, "check").exit_code == 0


def test_init_ignores_the_cache(tmp_path: Path) -> None:
    """The README's recipe commits with `git add -A`: the generators' cache must be ignored."""
    assert run(tmp_path, "init").exit_code == 0
    assert (tmp_path / ".gitignore").read_text().splitlines()[-1] == ".codegen-cache/"
    other = tmp_path / "other"
    other.mkdir()
    (other / ".gitignore").write_bytes(b"node_modules/\r\n*.pyc")  # CRLF, no final newline
    assert run(other, "init").exit_code == 0
    assert (other / ".gitignore").read_bytes() == b"node_modules/\r\n*.pyc\r\n.codegen-cache/\r\n"
    kept = tmp_path / "kept"
    kept.mkdir()
    (kept / ".gitignore").write_text("/.codegen-cache\n")
    result = run(kept, "init")
    assert "wrote .gitignore" not in result.output
    assert (kept / ".gitignore").read_text() == "/.codegen-cache\n"


def test_migration_names_is_checked(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.codegen]\nmigration_names = "dates"\n')
    result = run(tmp_path, "validate")
    assert result.exit_code == 2
    assert ('pyproject.toml:2:1: error[E010]: [tool.codegen] migration_names must be one of '
            '"numbered", "timestamp"') in result.output


def test_supabase_layout_is_detected(tmp_path: Path) -> None:
    (tmp_path / "supabase").mkdir()
    (tmp_path / "supabase/config.toml").write_text('project_id = "x"\n')
    result = run(tmp_path, "init")
    assert "found supabase/config.toml: using the Supabase layout" in result.output
    table = tomllib.loads((tmp_path / "pyproject.toml").read_text())["tool"]["codegen"]
    assert table["migrations"] == "supabase/migrations"
    other = tmp_path / "other"
    (other / "supabase").mkdir(parents=True)
    (other / "supabase/config.toml").write_text("")
    assert run(other, "init", "--no-supabase").exit_code == 0
    table = tomllib.loads((other / "pyproject.toml").read_text())["tool"]["codegen"]
    assert table["migrations"] == "generated/migrations"


def test_refuses_when_already_set_up_and_writes_nothing(tmp_path: Path) -> None:
    assert run(tmp_path, "init").exit_code == 0
    (tmp_path / "schema/app.yaml").unlink()
    before = tree(tmp_path)
    again = run(tmp_path, "init")
    assert again.exit_code == 2
    assert "pyproject.toml already has a [tool.codegen] table" in again.output
    assert tree(tmp_path) == before


@pytest.mark.parametrize("pyproject", [
    'tool = {black = {line-length = 90}}\n',  # an inline table cannot gain a section
    '[tool]\ncodegen.schema = "db"\n',  # configured through dotted keys
    '[project\nname = "x"\n',  # invalid TOML
])
def test_refuses_what_it_cannot_append_to(tmp_path: Path, pyproject: str) -> None:
    (tmp_path / "pyproject.toml").write_text(pyproject)
    result = run(tmp_path, "init")
    assert result.exit_code == 2
    assert result.output.startswith("error: ")
    assert tree(tmp_path) == {"pyproject.toml": pyproject.encode()}


def test_keeps_existing_specs_and_schema_file(tmp_path: Path) -> None:
    spec = tmp_path / "db" / "mine.yaml"
    spec.parent.mkdir()
    spec.write_text("tables: {t: {columns: {id: uuid}}}\n")
    (tmp_path / "db/spec.schema.json").write_text("{}\n")
    result = run(tmp_path, "init", "--schema", "db")
    assert result.exit_code == 0, result.output
    assert "db/ already has 1 spec file(s): no starter spec written" in result.output
    assert sorted(tree(tmp_path)) == [".gitignore", "db/mine.yaml", "db/spec.schema.json",
                                      "pyproject.toml"]
    assert (tmp_path / "db/spec.schema.json").read_text() == "{}\n"
    assert tomllib.loads((tmp_path / "pyproject.toml").read_text())["tool"]["codegen"][
        "schema"] == "db"


def test_crlf_and_missing_final_newline_are_respected(tmp_path: Path) -> None:
    original = b'[project]\r\nname = "x"'
    (tmp_path / "pyproject.toml").write_bytes(original)
    assert run(tmp_path, "init").exit_code == 0
    text = (tmp_path / "pyproject.toml").read_bytes()
    assert text.startswith(original + b"\r\n\r\n[tool.codegen]\r\n")
    assert b"\n" not in text.replace(b"\r\n", b"")


def test_starter_template_is_a_valid_format_string() -> None:
    assert "{{" not in STARTER_SPEC.format(modeline="spec.schema.json")
