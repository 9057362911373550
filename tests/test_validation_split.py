"""Checks and foreign keys added NOT VALID to tables with rows are validated in the next file.

The PostgreSQL side (each file in its own transaction, the constraint valid at the end, a hand
edit of the split file reported) is in tests/test_postgres_apply.py; the locks it avoids are
shown in tests/test_lint_migrations_postgres.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from codegen.lint import pending_migration
from codegen.migrate.compare import compare
from codegen.migrate.history import (
    MigrationFolder,
    new_migration,
    read_history,
    render_migration,
    reproduce,
)
from codegen.migrate.plan import plan
from codegen.migrate.snapshot import to_json
from codegen.project import load_schema
from codegen.schema import ir

DIFFS = Path(__file__).parent / "diffs"


def versions(case: str) -> list[ir.Schema]:
    files = sorted((DIFFS / case).glob("v*.yaml"), key=lambda p: int(p.stem[1:]))
    return [load_schema({f"{case}/{p.name}": p.read_text()}) for p in files]


def sql_files(files: dict[str, str]) -> list[str]:
    return sorted(p for p in files if p.endswith(".sql"))


@pytest.mark.parametrize("case", ["foreign_keys", "check_constraints"])
def test_validation_follows_in_a_file_of_its_own(case: str) -> None:
    v1, v2 = versions(case)[:2]
    first = new_migration(MigrationFolder({}), v1, "v1", ir.Schema())
    folder = MigrationFolder(first)
    second = new_migration(folder, v2, "v2", read_history(folder).latest)
    assert sql_files(second) == ["002_v2.sql", "003_v2_validate_constraints.sql"]
    main, validate = (second[p] for p in sql_files(second))
    assert "NOT VALID" in main and "VALIDATE" not in main
    body = [line for line in validate.splitlines() if line and not line.startswith("--")]
    assert body and all(" VALIDATE CONSTRAINT " in line for line in body)
    # Both files read back from their snapshots, as check re-renders them.
    history = MigrationFolder({**first, **second})
    assert {p: t for p, t in reproduce(history).items() if p in second} == {
        p: second[p] for p in sql_files(second)}
    # The snapshot after the validations is the spec's schema, like the main file's.
    assert read_history(history).latest == v2


@pytest.mark.parametrize("case", ["foreign_keys", "check_constraints", "enum_add_values", "indexes"])
def test_the_changes_generate_has_already_planned_give_the_same_files(case: str) -> None:
    """generate hands new_migration the changes it planned for its report; the files are the
    ones new_migration plans itself (labels, validations and concurrent indexes apart)."""
    schemas = versions(case)
    assert len(schemas) >= 2
    folder = MigrationFolder({})
    for index, schema in enumerate(schemas):
        previous = read_history(folder).latest if folder.files else ir.Schema()
        for concurrent in (False, True):
            planned = plan(compare(previous, schema))
            assert new_migration(folder, schema, f"v{index}", previous, concurrent,
                                 changes=planned) == new_migration(folder, schema, f"v{index}",
                                                                   previous, concurrent)
        folder = MigrationFolder({**folder.files,
                                  **new_migration(folder, schema, f"v{index}", previous)})


def test_migrations_written_before_the_split_still_reproduce() -> None:
    """A history from before the split (ADD … NOT VALID and VALIDATE in one file) is not
    reported as edited: without a validations file after it, a file validates inline."""
    v1, v2 = versions("foreign_keys")[:2]
    first = new_migration(MigrationFolder({}), v1, "v1", ir.Schema())
    inline = render_migration(plan(compare(v1, v2)), v2.sources)
    assert "NOT VALID;" in inline and "VALIDATE CONSTRAINT" in inline
    folder = MigrationFolder(first)
    history = MigrationFolder({**first, "002_v2.sql": inline,
                               folder.snapshot_path("002_v2.sql"): to_json(v2)})
    assert reproduce(history)["002_v2.sql"] == inline


def test_lint_sees_the_files_as_generate_writes_them() -> None:
    v1, v2 = versions("foreign_keys")[:2]
    migration = pending_migration(v1, v2)
    assert [type(c).__name__ for c in migration.steps[-1]] == ["ValidateConstraint"]
    assert len(migration.steps) == 2
