"""Golden cases: tests/cases/<name>/schema/*.yaml beside the expected outputs.

The expected files are reviewed artefacts; `pytest --update-goldens` rewrites
them. Their meaning is checked separately (test_postgres_*.py applies the same
specs to a real server).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from goldens import assert_golden

from codegen.migrate.compare import compare
from codegen.migrate.history import render_migration
from codegen.project import load_schema
from codegen.schema import ir

CASES_DIR = Path(__file__).parent / "cases"
CASES = sorted(p.name for p in CASES_DIR.iterdir() if (p / "schema").is_dir())


def case_schema(name: str) -> ir.Schema:
    root = CASES_DIR / name
    files = {p.relative_to(root).as_posix(): p.read_text()
             for p in sorted((root / "schema").glob("*"))
             if p.suffix in (".yaml", ".json")}  # JSON Schemas that columns name
    return load_schema(files)


def full_migration(schema: ir.Schema) -> str:
    return render_migration(compare(ir.Schema(), schema), schema.sources)


@pytest.mark.parametrize("name", CASES)
def test_migration_golden(request: pytest.FixtureRequest, name: str) -> None:
    assert_golden(request, CASES_DIR / name / "expected" / "migration.sql",
                  full_migration(case_schema(name)))


@pytest.mark.parametrize("name", CASES)
def test_output_is_deterministic(name: str) -> None:
    first = full_migration(case_schema(name))
    assert full_migration(case_schema(name)) == first
    assert first.endswith("\n") and not first.endswith("\n\n") and "\r" not in first


@pytest.mark.parametrize("name", CASES)
def test_compare_with_itself_is_empty(name: str) -> None:
    schema = case_schema(name)
    assert compare(schema, schema) == []


def test_seed_case_is_the_repository_spec() -> None:
    """The seed golden case and schema/ must not drift apart."""
    assert (CASES_DIR / "seed" / "schema" / "robustness.yaml").read_text() == \
        (Path(__file__).parent.parent / "schema" / "robustness.yaml").read_text()


def test_renderer_bug_is_caught_by_postgres_parser() -> None:
    """The whole-migration parse must still name a broken statement."""
    from codegen.sql.render import InvalidSqlGenerated, validate_statements

    validate_statements(["CREATE TABLE a (x int);", "SELECT 1;"])
    with pytest.raises(InvalidSqlGenerated, match="CREATE TABLE b x int"):
        validate_statements(["CREATE TABLE a (x int);", "CREATE TABLE b x int;"])
    with pytest.raises(InvalidSqlGenerated, match="expected one statement, found 2"):
        validate_statements(["SELECT 1; SELECT 2;"])
